import { describe, expect, it } from 'vitest';
import { ar } from '../i18n/messages/ar.ts';
import { en } from '../i18n/messages/en.ts';
import { pl } from '../i18n/messages/pl.ts';
import { ru } from '../i18n/messages/ru.ts';
import { PAGES } from './page-specs.ts';

const CATALOGS: Record<string, Record<string, unknown>> = { en, pl, ru, ar };
const tiles = Object.values(PAGES).flatMap((page) => page.tiles);

describe('the built-in pages', () => {
  it('show the conversion rate by goal on /conversion', () => {
    expect(PAGES.conversion?.tiles.find((t) => t.by?.includes('goal'))).toMatchObject({ metrics: ['conversion_rate'], by: ['goal'] });
  });

  // A tile titled "Mobile conversions by device_model" showed the raw dimension id.
  it.each(Object.keys(CATALOGS))('label every breakdown dimension in %s', (language) => {
    const messages = CATALOGS[language] ?? {};
    const dimensions = [...new Set(tiles.flatMap((t) => t.by ?? []))];
    expect(dimensions.filter((d) => typeof messages[`dim.${d}`] !== 'string')).toEqual([]);
  });
});
