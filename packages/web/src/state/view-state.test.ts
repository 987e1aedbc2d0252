import { describe, expect, it } from 'vitest';
import { applyViewPatch, parseViewState, toQueryFilters } from './view-state.ts';

const today = '2026-03-15';

describe('parseViewState', () => {
  it('defaults to the last 30 days, an automatic grain and the previous period', () => {
    expect(parseViewState(new URLSearchParams(''), today)).toEqual({
      range: 'last_30_days',
      from: '2026-02-14',
      to: '2026-03-16',
      grain: 'day',
      grainChosen: false,
      compare: 'previous',
      filters: {},
    });
  });

  it('reads a custom range with an inclusive end, a grain, a comparison and filters', () => {
    const state = parseViewState(
      new URLSearchParams('range=custom&start=2026-01-01&end=2026-01-31&grain=week&compare=year&channel=Email'),
      today,
    );
    expect(state).toMatchObject({ range: 'custom', from: '2026-01-01', to: '2026-02-01', grain: 'week', compare: 'year' });
    expect(state.filters).toEqual({ channel: 'Email' });
  });

  it('falls back to the default for a broken custom range or an unknown grain', () => {
    const state = parseViewState(new URLSearchParams('range=custom&start=2026-02-01&end=2026-01-01&grain=hour'), today);
    expect(state).toMatchObject({ range: 'last_30_days', grain: 'day', grainChosen: false });
  });
});

describe('applyViewPatch', () => {
  it('round-trips through the URL and keeps other parameters', () => {
    const params = applyViewPatch(new URLSearchParams('model=markov'), {
      range: 'custom',
      start: '2026-01-01',
      end: '2026-01-31',
      compare: 'none',
      filters: { device: 'mobile' },
    });
    expect(params.toString()).toBe('model=markov&range=custom&start=2026-01-01&end=2026-01-31&compare=none&device=mobile');
    expect(parseViewState(params, today)).toMatchObject({
      from: '2026-01-01',
      to: '2026-02-01',
      compare: 'none',
      filters: { device: 'mobile' },
    });
  });

  it('removes a filter set to null and the dates of a preset', () => {
    const params = applyViewPatch(new URLSearchParams('range=custom&start=2026-01-01&end=2026-01-31&device=mobile'), {
      range: 'this_year',
      filters: { device: null },
    });
    expect(params.toString()).toBe('range=this_year');
  });
});

describe('toQueryFilters', () => {
  it('keeps only the dimensions a metric accepts', () => {
    expect(toQueryFilters({ channel: 'Email', owner: 'Anna' }, new Set(['owner']))).toEqual([
      { dimension: 'owner', op: 'equals', value: 'Anna' },
    ]);
  });
});
