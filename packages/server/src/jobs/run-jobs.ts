/**
 * The background work of a Northstar server, one pass at a time: evaluate alert rules, render the
 * reports that are due, then deliver what the outbox holds that is due.
 */
import { type EvaluationResult, evaluateAlerts } from '../alerts/evaluate-alerts.ts';
import { runDueReports } from '../reports/report-schedules.ts';
import type { Store } from '../store/store.ts';
import { type DeliverySummary, deliverDueMessages } from './deliver-outbox.ts';
import { withJobLock } from './job-lock.ts';
import type { Resolver } from './target-address.ts';

export interface PassOptions {
  resolve?: Resolver;
}

/** Alerts and deliveries: what POST /api/v1/alerts/evaluate runs. */
export function runAlertPass(
  store: Store,
  now: Date,
  options: PassOptions = {},
): Promise<EvaluationResult & { delivery: DeliverySummary }> {
  return withJobLock(store, async () => {
    const evaluation = await evaluateAlerts(store, { now });
    const delivery = await deliverDueMessages(store.metadata, { now, ...options });
    return { ...evaluation, delivery };
  });
}

/** Deliveries only (after a report was queued on demand). */
export function runDeliveryPass(store: Store, now: Date, options: PassOptions = {}): Promise<DeliverySummary> {
  return withJobLock(store, () => deliverDueMessages(store.metadata, { now, ...options }));
}

export interface JobPassResult extends EvaluationResult {
  reports: Awaited<ReturnType<typeof runDueReports>>;
  delivery: DeliverySummary;
}

/** Everything: what each tick of the scheduler runs. */
export function runJobPass(store: Store, now: Date, options: PassOptions = {}): Promise<JobPassResult> {
  return withJobLock(store, async () => {
    const evaluation = await evaluateAlerts(store, { now });
    const reports = await runDueReports(store, now);
    const delivery = await deliverDueMessages(store.metadata, { now, ...options });
    return { ...evaluation, reports, delivery };
  });
}
