import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv.ts';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['Organic Search', 'Organic Search'],
  ])('%j becomes %j', (cell, text) => {
    expect(neutraliseCell(cell)).toBe(text);
  });

  it('keeps negative numbers as numbers', () => {
    expect(neutraliseCell(-5)).toBe('-5');
    expect(neutraliseCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('quotes separators and neutralises formulas', () => {
    const csv = toCsv(
      ['channel', 'sessions'],
      [
        { channel: 'a,b', sessions: 3 },
        { channel: '=cmd|"/c calc"!A0', sessions: null },
      ],
    );
    expect(csv).toBe('channel,sessions\r\n"a,b",3\r\n"\'=cmd|""/c calc""!A0",\r\n');
  });
});
