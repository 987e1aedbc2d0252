import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastCollectBody, fastCollectEvent } from './fast-collect.ts';
import { collectBodySchema, collectEventSchema } from './payload-schemas.ts';

/** Mostly a plausible value, sometimes absent, null, empty or of the wrong type. */
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: arb, weight: 30 },
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.constantFrom('', null, true, [], {}), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
  );
const text = (max: number) =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength: 12 }), weight: 8 },
    { arbitrary: fc.constantFrom('x'.repeat(max), 'y'.repeat(max + 1), '\u{1F600}'.repeat(max / 2 + 1)), weight: 1 },
  );
const event = fc.record(
  {
    id: maybe(fc.constantFrom('abcdefgh', 'ab_cd-ef12', 'short', 'has space x', 'é'.repeat(9), 'z'.repeat(64), 'z'.repeat(65))),
    type: maybe(fc.constantFrom('pageview', 'goal', 'scroll', 'identify', 'custom', 'PageView', 'bogus')),
    url: maybe(text(8192)),
    referrer: maybe(text(8192)),
    title: maybe(text(1024)),
    name: maybe(text(1024)),
    value: maybe(fc.oneof(fc.double(), fc.integer(), fc.constant('12'))),
    currency: maybe(fc.constantFrom('eur', 'USD', 'euro', 'E1R')),
    experiment: maybe(text(256)),
    variant: maybe(text(256)),
    scroll: maybe(fc.oneof(fc.double({ min: -10, max: 120 }), fc.integer({ min: 0, max: 100 }))),
    contact: maybe(text(256)),
    extra: maybe(fc.string()),
  },
  { requiredKeys: [] },
);

describe('fastCollectEvent', () => {
  it('gives what collectEventSchema gives, or defers to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(event, (raw) => {
        const quick = fastCollectEvent(raw);
        const full = collectEventSchema.safeParse(raw);
        if (quick === undefined) return;
        fast++;
        expect(full.success).toBe(true);
        expect(quick).toEqual(full.data);
      }),
      { numRuns: 5000 },
    );
    expect(fast).toBeGreaterThan(50);
  });

  it('takes the fast path for the tracker events of a page', () => {
    const events = [
      { id: 'abcdefgh1', type: 'pageview', url: 'https://a.example/?utm_source=x', referrer: 'https://www.google.com/', title: 'Home' },
      { id: 'abcdefgh2', type: 'scroll', url: 'https://a.example/', scroll: 75 },
      { id: 'abcdefgh3', type: 'goal', url: 'https://a.example/', name: 'signup', value: 49, currency: 'eur' },
      { id: 'abcdefgh4', type: 'identify', url: 'https://a.example/', contact: 'crm-42' },
    ];
    for (const raw of events) expect(fastCollectEvent(raw)).toEqual(collectEventSchema.parse(raw));
  });
});

describe('fastCollectBody', () => {
  it.each([
    [{ site: 'acme', events: [{}] }],
    [{ site: 'acme', events: [], other: 1 }],
    [{ site: '../etc', events: [{}] }],
    [{ site: 'a'.repeat(64), events: Array.from({ length: 500 }, () => ({})) }],
    [{ site: 'a'.repeat(65), events: [{}] }],
    [{ site: 'acme', events: Array.from({ length: 501 }, () => ({})) }],
    [{ site: 7, events: [{}] }],
    [{ events: [{}] }],
    [[{ site: 'acme', events: [{}] }]],
    [null],
  ])('agrees with collectBodySchema on %j', (body) => {
    const quick = fastCollectBody(body);
    const full = collectBodySchema.safeParse(body);
    if (quick === undefined) expect(full.success).toBe(false);
    else expect(quick).toEqual(full.data);
  });
});
