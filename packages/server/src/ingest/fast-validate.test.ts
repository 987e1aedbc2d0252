import { validateRow } from '@northstar/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastValidateEvent } from './fast-validate.ts';

/** Mostly a plausible value, sometimes absent, empty or of the wrong type. */
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: arb, weight: 40 },
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.constantFrom('', '  ', null), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
  );
const text = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 12 }), weight: 8 },
  { arbitrary: fc.constantFrom(' padded ', 'x'.repeat(257), 'y'.repeat(1025)), weight: 1 },
);
const event = fc.record(
  {
    event_id: maybe(text),
    timestamp: maybe(
      fc.constantFrom('2026-03-01T10:00:00Z', '2026-03-01 10:00', '2026-03-01', '2026-02-30', 'yesterday', '2026-03-01T10:00:00+03:00'),
    ),
    type: maybe(fc.constantFrom('pageview', 'PageView', 'goal', 'custom', 'identify', 'scroll', 'bogus')),
    name: maybe(text),
    site: maybe(text),
    visitor_id: maybe(text),
    session_id: maybe(text),
    contact_id: maybe(text),
    url: maybe(fc.constantFrom('https://a.example/?utm_source=x', '/pricing', 'not a url')),
    referrer: maybe(text),
    utm_source: maybe(text),
    user_agent: maybe(text),
    device: maybe(fc.constantFrom('mobile', 'Desktop', 'phone')),
    value: maybe(fc.oneof(fc.double(), fc.constant('12.5'), fc.constant(Number.NaN))),
    currency: maybe(fc.constantFrom('usd', 'EUR', 'XXQ', 'euro')),
    scroll_percent: maybe(fc.oneof(fc.double({ min: -10, max: 120 }), fc.integer({ min: 0, max: 100 }))),
  },
  { requiredKeys: [] },
);

describe('fastValidateEvent', () => {
  it('gives what validateRow gives, or defers to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(event, fc.constantFrom('UTC', 'Europe/Berlin'), (record, timezone) => {
        const quick = fastValidateEvent(record, timezone);
        const full = validateRow('events', record, 1, timezone);
        if (quick === undefined) return;
        fast++;
        expect(full.ok).toBe(true);
        expect(quick).toEqual(full.ok ? full.row : undefined);
      }),
      { numRuns: 5000 },
    );
    expect(fast).toBeGreaterThan(50);
  });

  it('takes the fast path for a typical server-side event', () => {
    const record = { event_id: 'e1', timestamp: '2026-03-01T10:00:00Z', type: 'pageview', visitor_id: 'v', url: 'https://a.example/' };
    expect(fastValidateEvent(record, 'UTC')).toEqual((validateRow('events', record, 1, 'UTC') as { row: unknown }).row);
  });
});
