import { describe, expect, it } from 'vitest';
import { insightsSearch } from './insights.ts';

describe('the insights request', () => {
  it('carries the comparison and the filters in view, as /query writes them', () => {
    const search = insightsSearch({
      from: '2026-03-01',
      to: '2026-04-01',
      compare: 'year',
      filters: [
        { dimension: 'channel', op: 'equals', value: 'Email' },
        { dimension: 'country', op: 'equals', value: 'PL' },
      ],
    });
    const params = new URLSearchParams(search);
    expect(params.get('compare')).toBe('year');
    expect(params.getAll('filter')).toEqual(['channel=Email', 'country=PL']);
    expect(params.get('from')).toBe('2026-03-01');
  });
});
