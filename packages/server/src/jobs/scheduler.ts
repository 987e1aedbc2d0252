/**
 * The in-process scheduler `northstar serve` starts: a job pass (alerts, due reports, deliveries)
 * every `intervalMs` (NORTHSTAR_JOBS_INTERVAL seconds or --jobs-interval; 60 s by default), the
 * first shortly after start so messages left pending by a restart go out at once. Passes never
 * overlap; a failing pass is reported and the next one runs as planned.
 */
import { AppError } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { type JobPassResult, runJobPass } from './run-jobs.ts';

export interface SchedulerOptions {
  intervalMs: number;
  /** Delay before the first pass. */
  firstDelayMs?: number;
  onPass?: (result: JobPassResult) => void;
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export const DEFAULT_JOBS_INTERVAL_MS = 60_000;

/** The interval from --jobs-interval or NORTHSTAR_JOBS_INTERVAL (seconds, at least 1). */
export function jobsIntervalMs(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const text = flag ?? env.NORTHSTAR_JOBS_INTERVAL;
  if (text === undefined) return DEFAULT_JOBS_INTERVAL_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 1) throw new AppError('badRequest', `jobs interval '${text}' is not a number of seconds >= 1`);
  return Math.round(seconds * 1000);
}

export function startScheduler(store: Store, options: SchedulerOptions): Scheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = runJobPass(store, new Date())
      .then((result) => options.onPass?.(result))
      .catch((error) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.firstDelayMs ?? 1000);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
