import { describe, expect, it } from 'vitest';
import type { Message } from '../plural.ts';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { pl } from './pl.ts';
import { ru } from './ru.ts';

function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')))]
    .filter((p) => p !== 'count')
    .sort();
}

describe.each([
  ['ru', ru],
  ['pl', pl],
  ['ar', ar],
])('the %s catalog', (_language, catalog) => {
  it('has every English key and no other', () => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the placeholders of every message', () => {
    for (const [key, message] of Object.entries(en)) {
      expect([key, placeholders(catalog[key as keyof typeof en])]).toEqual([key, placeholders(message)]);
    }
  });
});
