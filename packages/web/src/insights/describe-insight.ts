/** An insight from the API as sentences in the reader's language, with numbers formatted for their locale. */
import type { Insight } from '../api/insights.ts';
import type { Cell, Unit } from '../api/types.ts';
import { formatChange, formatPeriod, formatPoints } from '../format/format-value.ts';
import type { Translator } from '../i18n/translator.ts';
import { assertNever } from '../lib/assert-never.ts';

export interface InsightText {
  /** The finding in one sentence. */
  headline: string;
  /** A second sentence, where the finding needs one. */
  note?: string;
  /** One line per channel or page the finding is about. */
  items: string[];
}

export interface InsightFormat {
  locale: string;
  dir: 'ltr' | 'rtl';
  format(value: Cell | undefined, unit: Unit, metric?: string): string;
}

/** Pages and channel names are data: isolated so a path or a Latin name keeps its order inside Arabic text. */
const isolate = (text: string): string => `\u2068${text}\u2069`;

export function describeInsight(insight: Insight, tr: Translator, fmt: InsightFormat): InsightText {
  const { t } = tr;
  const money = (v: number | null) => fmt.format(v, 'money');
  const rate = (v: number | null) => fmt.format(v, 'rate');
  switch (insight.kind) {
    case 'cac_above_ltv': {
      const { overall, cac, ltv, channels } = insight.params;
      const items = channels.map((c) => t('insights.cac.channel', { channel: isolate(c.channel), cac: money(c.cac), ltv: money(c.ltv) }));
      if (!overall) return { headline: t('insights.cac.channelsOnly', { count: channels.length }), items };
      return {
        headline: t('insights.cac.overall', { cac: money(cac), ltv: money(ltv) }),
        ...(channels.length > 0 ? { note: t('insights.cac.byChannel', { count: channels.length }) } : {}),
        items,
      };
    }
    case 'pages_to_optimize': {
      const { pages } = insight.params;
      return {
        headline: t('insights.pages.headline', { count: pages.length }),
        items: pages.map((p) =>
          t('insights.pages.page', {
            page: isolate(p.page),
            bounce: rate(p.bounce_rate),
            viewToContact: rate(p.view_to_contact_rate),
            sessions: t('insights.sessions', { count: p.sessions ?? 0 }),
          }),
        ),
      };
    }
    case 'rising_cost_per_lead': {
      const { periods, channels } = insight.params;
      // Oldest to newest, in the reading direction.
      const arrow = fmt.dir === 'rtl' ? ' ← ' : ' → ';
      return {
        headline: t('insights.cpl.headline', {
          count: channels.length,
          from: formatPeriod(periods[0] ?? '', 'month', fmt.locale),
          to: formatPeriod(periods[periods.length - 1] ?? '', 'month', fmt.locale),
        }),
        items: channels.map((c) =>
          t('insights.cpl.channel', {
            channel: isolate(c.channel),
            values: c.values.map(money).join(arrow),
            rise: formatChange(c.rise, fmt.locale),
          }),
        ),
      };
    }
    case 'largest_change': {
      const { metric, unit, comparison, value, previous, changeAs, change, good } = insight.params;
      const shown = (v: number) => fmt.format(v, unit ?? 'number', metric);
      const lastYear = comparison === 'year';
      const detail = t(lastYear ? 'insights.change.detailYear' : 'insights.change.detail', {
        value: shown(value),
        previous: shown(previous),
      });
      const verdict = good === null ? '' : ` ${t(good ? 'insights.change.good' : 'insights.change.bad')}`;
      // Scores (NPS) move in points: a share of a value near 0 says nothing.
      const moved =
        changeAs === 'points'
          ? t('insights.change.points', { points: formatPoints(change, fmt.locale) })
          : formatChange(change, fmt.locale);
      return {
        headline: t(lastYear ? 'insights.change.headlineYear' : 'insights.change.headline', {
          metric: tr.metricName(metric),
          change: moved,
        }),
        note: `${detail}${verdict}`,
        items: [],
      };
    }
    default:
      return assertNever(insight, 'insight');
  }
}
