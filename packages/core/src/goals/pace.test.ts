import { describe, expect, it } from 'vitest';
import { parseDay } from '../metrics/periods.ts';
import { goalDates, goalInputSchema, goalRange } from './goal.ts';
import { computeGoalProgress, elapsedShare, recentWindow } from './pace.ts';

const day = (text: string) => parseDay(text) as number;

describe('goal periods', () => {
  it.each([
    [{ period: 'month', from: '2026-03-17' }, '2026-03-01', '2026-04-01'],
    [{ period: 'quarter', from: '2026-05-02' }, '2026-04-01', '2026-07-01'],
    [{ period: 'year', from: '2026-12-31' }, '2026-01-01', '2027-01-01'],
    [{ period: 'custom', from: '2026-03-05', to: '2026-03-20' }, '2026-03-05', '2026-03-20'],
  ] as const)('%j covers [%s, %s)', (goal, from, to) => {
    expect(goalDates(goal)).toEqual({ from, to });
  });

  it.each([
    [{ metric: 'leads', target: 10, period: 'custom', from: '2026-03-05' }, 'to'],
    [{ metric: 'leads', target: 10, period: 'custom', from: '2026-03-05', to: '2026-03-05' }, 'to'],
    [{ metric: 'leads', target: 10, period: 'month', from: '2026-03-05', to: '2026-04-01' }, 'to'],
    [{ metric: 'leads', target: 10, period: 'month', from: '2026-02-30' }, 'from'],
    [{ metric: 'Leads', target: 10, period: 'month', from: '2026-02-01' }, 'metric'],
    [{ metric: 'leads', target: 'ten', period: 'month', from: '2026-02-01' }, 'target'],
  ])('rejects %j at %s', (input, path) => {
    const parsed = goalInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('elapsed share', () => {
  const march = goalRange({ period: 'month', from: '2026-03-01' });
  it.each([
    ['2026-02-20T00:00:00Z', 'UTC', 0],
    ['2026-03-11T00:00:00Z', 'UTC', 10 / 31],
    ['2026-03-16T12:00:00Z', 'UTC', 15.5 / 31],
    ['2026-04-03T00:00:00Z', 'UTC', 1],
    // Warsaw: March starts 2026-02-28T23:00Z and ends 2026-03-31T22:00Z (DST on 03-29): 743 hours.
    ['2026-03-10T23:00:00Z', 'Europe/Warsaw', 240 / 743],
  ])('at %s in %s is %d', (now, tz, share) => {
    expect(elapsedShare(march, Date.parse(now), tz)).toBeCloseTo(share, 9);
  });
  it('uses day numbers of the range', () => {
    expect(elapsedShare({ from: day('2026-01-01'), to: day('2026-01-11') }, Date.parse('2026-01-03T12:00:00Z'), 'UTC')).toBeCloseTo(0.25);
  });
});

describe('goal progress and pace (hand-worked)', () => {
  const e = 10 / 31; // 10 days of March gone
  it.each([
    // leads, target 300, additive: projected = actual / e
    ['leads 100 of 300', { actual: 100, target: 300, additive: true, direction: 'up' }, 310, 310 / 300, 'on_track'],
    ['leads 90 of 300', { actual: 90, target: 300, additive: true, direction: 'up' }, 279, 279 / 300, 'at_risk'],
    ['leads 80 of 300', { actual: 80, target: 300, additive: true, direction: 'up' }, 248, 248 / 300, 'off_track'],
    // cac, target 200, down, not additive: projected = actual; attainment = target / projected
    ['cac 180 vs 200', { actual: 180, target: 200, additive: false, direction: 'down' }, 180, 200 / 180, 'on_track'],
    ['cac 220 vs 200', { actual: 220, target: 200, additive: false, direction: 'down' }, 220, 200 / 220, 'at_risk'],
    ['cac 250 vs 200', { actual: 250, target: 200, additive: false, direction: 'down' }, 250, 0.8, 'off_track'],
    // marketing spend cap 10 000, down and additive: 4 000 after 10/31 → heading for 12 400
    ['spend 4000 of cap 10000', { actual: 4000, target: 10_000, additive: true, direction: 'down' }, 12_400, 10_000 / 12_400, 'off_track'],
    ['spend 3000 of cap 10000', { actual: 3000, target: 10_000, additive: true, direction: 'down' }, 9300, 10_000 / 9300, 'on_track'],
    // conversion rate 0.025 vs 0.03: 0.8333 → off track
    ['rate 0.025 vs 0.03', { actual: 0.025, target: 0.03, additive: false, direction: 'up' }, 0.025, 0.025 / 0.03, 'off_track'],
  ] as const)('%s', (_name, input, projected, attainment, pace) => {
    const result = computeGoalProgress({ ...input, elapsedShare: e });
    expect(result.projected).toBeCloseTo(projected, 9);
    expect(result.attainment).toBeCloseTo(attainment, 9);
    expect(result.pace).toBe(pace);
    expect(result.progress).toBeCloseTo(input.actual / input.target, 9);
    expect(result.achieved).toBeNull();
  });

  it('expected to date is the target times the elapsed share for additive KPIs, the target otherwise', () => {
    expect(computeGoalProgress({ actual: 100, target: 310, additive: true, direction: 'up', elapsedShare: e }).expectedToDate).toBeCloseTo(
      100,
    );
    expect(computeGoalProgress({ actual: 1, target: 0.03, additive: false, direction: 'up', elapsedShare: e }).expectedToDate).toBe(0.03);
  });

  it('a tolerance of 0 has no at-risk band', () => {
    expect(computeGoalProgress({ actual: 99, target: 100, additive: false, direction: 'up', elapsedShare: 0.5, tolerance: 0 }).pace).toBe(
      'off_track',
    );
  });

  it('says whether an ended period achieved its target', () => {
    const met = computeGoalProgress({ actual: 300, target: 300, additive: true, direction: 'up', elapsedShare: 1 });
    expect(met).toMatchObject({ projected: 300, pace: 'on_track', achieved: true });
    const missed = computeGoalProgress({ actual: 280, target: 300, additive: true, direction: 'up', elapsedShare: 1 });
    expect(missed).toMatchObject({ projected: 280, pace: 'at_risk', achieved: false });
  });

  it.each([
    ['not started', { actual: null, elapsedShare: 0 }, 'not_started'],
    ['no data', { actual: null, elapsedShare: 0.5 }, 'no_data'],
  ] as const)('%s', (_name, input, pace) => {
    expect(computeGoalProgress({ target: 10, additive: true, direction: 'up', ...input }).pace).toBe(pace);
  });

  it.each([
    ['up, target 0', { actual: 0, target: 0, direction: 'up' }, 'on_track'],
    ['down, nothing spent', { actual: 0, target: 100, direction: 'down' }, 'on_track'],
    ['down, target 0 exceeded', { actual: 5, target: 0, direction: 'down' }, 'off_track'],
  ] as const)('zero divisors: %s', (_name, input, pace) => {
    const result = computeGoalProgress({ ...input, additive: true, elapsedShare: 0.5 });
    expect(result.pace).toBe(pace);
    expect(Number.isFinite(result.attainment ?? 0)).toBe(true);
  });
});

describe('the recent window', () => {
  const march = goalRange({ period: 'month', from: '2026-03-01' });
  it.each([
    // 7 whole days before midnight of the 11th: the 4th to the 10th
    ['2026-03-11T00:00:00Z', 'UTC', '2026-03-04', '2026-03-12', 7 / 31],
    // at noon: from the 4th (the day of 7 × 24 h before) to now, 7.5 days
    ['2026-03-11T12:00:00Z', 'UTC', '2026-03-04', '2026-03-12', 7.5 / 31],
    // two days in: the window is the elapsed part, its share the elapsed share
    ['2026-03-03T00:00:00Z', 'UTC', '2026-03-01', '2026-03-04', 2 / 31],
    // after the period: its last days up to its end
    ['2026-04-05T00:00:00Z', 'UTC', '2026-03-29', '2026-04-01', 3 / 31],
    // Warsaw (UTC+1 before 03-29): now is 03-11 00:00 local; 7 × 24 h before is 03-04 00:00 local; 168 of 743 hours
    ['2026-03-10T23:00:00Z', 'Europe/Warsaw', '2026-03-04', '2026-03-12', 168 / 743],
  ])('at %s in %s is [%s, %s), share %d', (now, tz, from, to, share) => {
    const window = recentWindow(march, Date.parse(now), tz);
    expect(window.from).toBe(day(from));
    expect(window.to).toBe(day(to));
    expect(window.share).toBeCloseTo(share, 9);
  });
});

describe('pace with the trend (hand-worked)', () => {
  // 10 of 31 days of March gone, the recent window is the last 7 of them (share 7/31); the rest is 21/31.
  const e = 10 / 31;
  const week = 7 / 31;
  it.each([
    // leads, target 300: run rate 100 / e = 310; recent 70 in 7 days → 10 a day → 100 + 10 × 21 = 310: both reach
    ['leads steady', { actual: 100, target: 300, additive: true, direction: 'up' }, 70, 310, 310 / 300, 'on_track'],
    // the same 100 leads but 14 lately (2 a day) → 100 + 42 = 142: the run rate reaches, the trend does not
    ['leads slowing', { actual: 100, target: 300, additive: true, direction: 'up' }, 14, 142, 142 / 300, 'at_risk'],
    // 80 so far (run rate 248, off), 77 lately (11 a day) → 80 + 231 = 311: the trend reaches
    ['leads speeding up', { actual: 80, target: 300, additive: true, direction: 'up' }, 77, 311, 311 / 300, 'at_risk'],
    // 80 so far and 14 lately → 122: neither within 10 %
    ['leads behind and slowing', { actual: 80, target: 300, additive: true, direction: 'up' }, 14, 122, 122 / 300, 'off_track'],
    // nothing lately counts as a rate of 0: 100 + 0
    ['leads stopped', { actual: 100, target: 300, additive: true, direction: 'up' }, null, 100, 100 / 300, 'at_risk'],
    // spend cap 10 000: 3000 so far (run rate 9300, under), 2800 lately (400 a day) → 3000 + 8400 = 11 400: over
    ['spend rising', { actual: 3000, target: 10_000, additive: true, direction: 'down' }, 2800, 11_400, 10_000 / 11_400, 'at_risk'],
    // cac 180 vs 200 (reaches), 230 lately: the level lately is over the target by more than 10 %
    ['cac rising lately', { actual: 180, target: 200, additive: false, direction: 'down' }, 230, 230, 200 / 230, 'at_risk'],
    // conversion rate 0.031 vs 0.03, 0.032 lately: both reach
    ['rate holding', { actual: 0.031, target: 0.03, additive: false, direction: 'up' }, 0.032, 0.032, 0.032 / 0.03, 'on_track'],
  ] as const)('%s', (_name, input, recent, trendProjected, trendAttainment, pace) => {
    const result = computeGoalProgress({ ...input, elapsedShare: e, recent: { value: recent, share: week } });
    expect(result.trendProjected).toBeCloseTo(trendProjected, 9);
    expect(result.trendAttainment).toBeCloseTo(trendAttainment, 9);
    expect(result.pace).toBe(pace);
  });

  it('is the run rate while the period is younger than the window, and the actual once it is over', () => {
    const early = computeGoalProgress({
      actual: 20,
      target: 300,
      additive: true,
      direction: 'up',
      elapsedShare: 2 / 31,
      recent: { value: 20, share: 2 / 31 },
    });
    expect(early.trendProjected).toBeCloseTo(early.projected ?? Number.NaN, 9);
    const over = computeGoalProgress({
      actual: 280,
      target: 300,
      additive: true,
      direction: 'up',
      elapsedShare: 1,
      recent: { value: 0, share: 3 / 31 },
    });
    expect(over).toMatchObject({ trendProjected: 280, pace: 'at_risk', achieved: false });
  });

  it('without a recent value a non-additive KPI is judged by the run rate alone', () => {
    const result = computeGoalProgress({
      actual: 180,
      target: 200,
      additive: false,
      direction: 'down',
      elapsedShare: e,
      recent: { value: null, share: week },
    });
    expect(result).toMatchObject({ trendProjected: null, trendAttainment: null, pace: 'on_track' });
  });
});
