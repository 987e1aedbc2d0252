import { describe, expect, it } from 'vitest';
import { renderMessage } from './plural.ts';

describe('renderMessage', () => {
  const tiles = { one: '{count} kafelek', few: '{count} kafelki', many: '{count} kafelków', other: '{count} kafelka' };

  it.each([
    [1, '1 kafelek'],
    [3, '3 kafelki'],
    [5, '5 kafelków'],
    [22, '22 kafelki'],
  ])('chooses the Polish plural form for %i', (count, text) => {
    expect(renderMessage(tiles, 'pl', { count })).toBe(text);
  });

  it('chooses Arabic dual and few forms', () => {
    const ar = { zero: 'لا لوحات', one: 'لوحة واحدة', two: 'لوحتان', few: '{count} لوحات', many: '{count} لوحة', other: '{count} لوحة' };
    expect(renderMessage(ar, 'ar', { count: 2 })).toBe('لوحتان');
    expect(renderMessage(ar, 'ar', { count: 3 })).toBe('3 لوحات');
  });

  it('leaves unknown placeholders as they are', () => {
    expect(renderMessage('{a} and {b}', 'en', { a: 'x' })).toBe('x and {b}');
  });
});
