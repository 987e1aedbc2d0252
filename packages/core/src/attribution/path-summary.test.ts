import { describe, expect, it } from 'vitest';
import { parsePathSummary } from './path-summary.ts';

describe('parsePathSummary', () => {
  it('reads a header, any column order, CRLF, quoted fields and an empty path', () => {
    const text = '\uFEFFvalue,path,nulls,conversions\r\n120,"Paid Search > Email, Weekly > Direct",3,2\r\n0,Organic,4,0\r\n5,,0,1\r\n';
    expect(parsePathSummary(text)).toEqual({
      value: [
        { path: ['Paid Search', 'Email, Weekly', 'Direct'], conversions: 2, nulls: 3, value: 120 },
        { path: ['Organic'], conversions: 0, nulls: 4, value: 0 },
        { path: [], conversions: 1, nulls: 0, value: 5 },
      ],
      errors: [],
    });
  });

  it('without a header the columns are path,conversions,nulls,value; nulls default to 0 and value to conversions', () => {
    expect(parsePathSummary('A > B,3\n\nB,1,2\n').value).toEqual([
      { path: ['A', 'B'], conversions: 3, nulls: 0, value: 3 },
      { path: ['B'], conversions: 1, nulls: 2, value: 1 },
    ]);
  });

  it('takes another separator', () => {
    expect(parsePathSummary('A|B,1,0,9', { separator: '|' }).value).toEqual([{ path: ['A', 'B'], conversions: 1, nulls: 0, value: 9 }]);
  });

  it('reports every bad row with its row number and column, and returns no value', () => {
    const text = ['path,conversions,nulls,value', 'A > B,2,0,10', 'A >  > B,1,0,1', 'C,-1,0,0', 'D,x,0,0', 'E,0,1,50', 'F,1,,'].join('\n');
    const parsed = parsePathSummary(text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.errors).toEqual([
      { row: 2, column: 'path', reason: 'has an empty step: "A >  > B"' },
      { row: 3, column: 'conversions', reason: 'conversions must not be negative' },
      { row: 4, column: 'conversions', reason: 'conversions is not a number: "x"' },
      { row: 5, column: 'value', reason: 'is positive but conversions is 0' },
    ]);
  });

  it('flags a header without a conversions column and rows with too many columns', () => {
    expect(parsePathSummary('path,value\nA,1').errors[0]).toEqual({
      row: 0,
      column: 'conversions',
      reason: 'the header has no conversions column',
    });
    expect(parsePathSummary('A,1,0,1,9').errors).toEqual([{ row: 1, column: 'value', reason: 'expected at most 4 columns, found 5' }]);
  });

  it('an empty file is an empty summary', () => {
    expect(parsePathSummary('')).toEqual({ value: [], errors: [] });
  });
});
