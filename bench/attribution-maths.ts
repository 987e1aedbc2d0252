/**
 * Rough timing of the attribution maths on synthetic journeys (not a test; the benchmark proper
 * belongs in bench/). Run: npx tsx bench/attribution-maths.ts [journeys] [channels]
 */
import { performance } from 'node:perf_hooks';
import { attribute } from '../packages/core/src/attribution/attribute.ts';
import { markovShares } from '../packages/core/src/attribution/markov.ts';
import { pathCount, pathTableFromJourneys } from '../packages/core/src/attribution/path-table.ts';
import { shapleyExact } from '../packages/core/src/attribution/shapley.ts';
import type { AttributionModel, Journey } from '../packages/core/src/attribution/types.ts';

const journeyCount = Number(process.argv[2] ?? 1_000_000);
const channelCount = Number(process.argv[3] ?? 20);

/** Deterministic journeys: Zipf-like channel popularity, geometric path length (mean ≈ 2.5, ≤ 12). */
function syntheticJourneys(n: number, channels: number): Journey[] {
  let seed = 42;
  const random = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const names = Array.from({ length: channels }, (_, i) => (i === 0 ? 'Direct' : `Channel ${i}`));
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < channels; i++) {
    total += 1 / (i + 1);
    cumulative.push(total);
  }
  const pick = (): number => {
    const r = random() * total;
    let i = 0;
    while ((cumulative[i] as number) < r) i++;
    return i;
  };
  const journeys: Journey[] = [];
  for (let j = 0; j < n; j++) {
    const touchpoints = [];
    let lift = 0;
    let t = 0;
    do {
      const c = pick();
      lift += (c % 5) * 0.01;
      t += Math.floor(random() * 5 * 86_400_000);
      touchpoints.push({ channel: names[c] as string, timeMs: t });
    } while (random() < 0.6 && touchpoints.length < 12);
    const converted = random() < 0.03 + lift;
    journeys.push({ touchpoints, converted, value: converted ? 100 + Math.floor(random() * 900) : 0 });
  }
  return journeys;
}

/** Runs `run` `repeat` times and prints the fastest and the median (GC pauses and load vary). */
function time<T>(label: string, run: () => T, repeat = 5): T {
  let result = run();
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    result = run();
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  const ms = (x: number | undefined): string => (x ?? 0).toFixed(0).padStart(6);
  console.log(`${label.padEnd(44)} min ${ms(runs[0])} ms, median ${ms(runs[runs.length >> 1])} ms`);
  return result;
}

console.log(`${journeyCount} synthetic journeys, ${channelCount} channels (after one warm-up run each)`);
const journeys = syntheticJourneys(journeyCount, channelCount);
const table = time('aggregate into unique paths', () => pathTableFromJourneys(journeys, 'channel'));
console.log(`  ${pathCount(table)} unique paths`);
for (const order of [1, 2, 3]) {
  const fit = time(`markov order ${order} (paths → shares)`, () => markovShares(table, order));
  console.log(`  ${fit.details.states} states, ${fit.details.transitions} transitions, ${fit.details.solver}`);
}
time('shapley exact (paths → credits)', () => shapleyExact(table));
for (const model of ['markov', 'shapley', 'last_non_direct', 'linear', 'time_decay', 'w_shaped'] satisfies AttributionModel[]) {
  time(`attribute('${model}') from journeys`, () => attribute(model, journeys));
}
