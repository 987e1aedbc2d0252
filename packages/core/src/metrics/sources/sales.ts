/**
 * Sales: won deals (at closed_at) and orders (at their timestamp), with the buyer's original
 * attributes; and the same sales credited to a touch by the last non-direct touch model.
 */
import type { SqlDialect } from '../dialect.ts';
import type { SourceContext, SourceDef } from '../types.ts';
import { CONTACT_DIMENSIONS, contactAttributesSql } from './contacts.ts';
import { contactSessionsSql } from './web.ts';

export const ATTRIBUTION_LOOKBACK_DAYS = 90;

function salesSql(d: SqlDialect): string {
  return `SELECT 'deal:' || deal_id AS sale_id, contact_id, closed_at AS sold_at, amount, owner, pipeline, product
      FROM deals WHERE status = 'won' AND closed_at IS NOT NULL
    UNION ALL
    SELECT 'order:' || order_id AS sale_id, contact_id, "timestamp" AS sold_at, amount,
      ${d.nullOf('text')} AS owner, ${d.nullOf('text')} AS pipeline, product FROM orders`;
}

/** Columns of the sales relations that come from the buyer's contact row. */
const CONTACT_COLUMNS = ['owner', 'pipeline', 'program', 'channel', 'source', 'medium', 'campaign', 'country', 'network'];
/** Columns of attributed_sales that come from the last touch (organic: of its channel). */
const TOUCH_COLUMNS = ['channel', 'source', 'campaign', 'landing_page', 'organic'];

/** Channels whose visits are bought (per click, view or sale); every other channel, and none, is organic. */
export const PAID_CHANNELS = [
  'Paid Search',
  'Paid Social',
  'Paid Shopping',
  'Paid Video',
  'Paid Other',
  'Display',
  'Cross-network',
  'Affiliates',
];

/**
 * Sales joined with the buyer's attributes; owner and pipeline fall back to the contact's. Without
 * any of those columns the join is left out: contacts are unique by contact_id, so a LEFT JOIN on
 * it neither adds nor removes sales.
 */
function salesWithContactsSql(context: SourceContext): string {
  if (!CONTACT_COLUMNS.some((c) => context.needs.has(c))) {
    return `SELECT s.sale_id, s.contact_id, s.sold_at, s.amount, s.product, s.owner, s.pipeline,
        coalesce(s.contact_id, s.sale_id) AS customer_key
      FROM (${salesSql(context.dialect)}) s`;
  }
  return `SELECT s.sale_id, s.contact_id, s.sold_at, s.amount, s.product,
      coalesce(s.owner, a.owner) AS owner, coalesce(s.pipeline, a.pipeline) AS pipeline, a.program,
      a.channel, a.source, a.medium, a.campaign, a.country, a.network,
      coalesce(s.contact_id, s.sale_id) AS customer_key
    FROM (${salesSql(context.dialect)}) s LEFT JOIN (${contactAttributesSql(context)}) a ON a.contact_id = s.contact_id`;
}

/**
 * Last non-direct touch: the latest non-Direct session of the buyer that started before the sale,
 * within the lookback window; else the buyer's original attributes; else none.
 */
function lastTouchSql(context: SourceContext): string {
  const d = context.dialect;
  const fields = ['channel', 'source', 'campaign', 'landing_page'];
  return `SELECT t.sale_id, ${fields.map((f) => `NULLIF(${d.argMax(`coalesce(t.${f}, '')`, 't.started_at')}, '') AS ${f}`).join(', ')}
    FROM (SELECT sl.sale_id, cs.started_at, cs.channel, cs.source, cs.campaign, cs.landing_page
          FROM (${salesSql(d)}) sl JOIN (${contactSessionsSql()}) cs ON cs.contact_id = sl.contact_id
          WHERE cs.channel IS NOT NULL AND cs.channel <> 'Direct' AND cs.started_at < sl.sold_at
            AND cs.started_at >= ${d.addSeconds('sl.sold_at', -ATTRIBUTION_LOOKBACK_DAYS * 86400)}) t
    GROUP BY t.sale_id`;
}

export const SALES_SOURCES: SourceDef[] = [
  {
    id: 'sales',
    description: 'won deals at closed_at and orders at their timestamp, with the buyer’s original attributes',
    dimensions: { ...CONTACT_DIMENSIONS, product: 'product' },
    timeColumns: { sold_at: 'timestamp' },
    sql: (context) => salesWithContactsSql(context),
  },
  {
    id: 'attributed_sales',
    description: 'sales credited to the last non-direct touch (90 days) else the buyer’s original channel',
    dimensions: { channel: 'channel', source: 'source', campaign: 'campaign', landing_page: 'landing_page', product: 'product' },
    timeColumns: { sold_at: 'timestamp' },
    sql: (context) => {
      // Sums of all sales do not depend on who got the credit: the last touch is only joined when asked for.
      if (!TOUCH_COLUMNS.some((c) => context.needs.has(c))) {
        return `SELECT s.sale_id, s.sold_at, s.amount, s.product FROM (${salesSql(context.dialect)}) s`;
      }
      const all = { ...context, needs: new Set([...context.needs, 'channel', 'source', 'campaign']) };
      const channel = 'CASE WHEN lt.sale_id IS NOT NULL THEN lt.channel ELSE s.channel END';
      const paid = PAID_CHANNELS.map((c) => context.dialect.stringLiteral(c)).join(', ');
      return `SELECT s.sale_id, s.sold_at, s.amount, s.product,
          ${channel} AS channel, coalesce(${channel}, '') NOT IN (${paid}) AS organic,
          CASE WHEN lt.sale_id IS NOT NULL THEN lt.source ELSE s.source END AS source,
          CASE WHEN lt.sale_id IS NOT NULL THEN lt.campaign ELSE s.campaign END AS campaign,
          lt.landing_page
        FROM (${salesWithContactsSql(all)}) s LEFT JOIN (${lastTouchSql(context)}) lt ON lt.sale_id = s.sale_id`;
    },
  },
  {
    id: 'closed_deals',
    description: 'deals closed won or lost, at closed_at, with the contact’s original attributes',
    dimensions: { ...CONTACT_DIMENSIONS, product: 'product' },
    timeColumns: { closed_at: 'timestamp' },
    sql: (context) => `SELECT dl.deal_id, dl.closed_at, dl.status, dl.product,
        coalesce(dl.owner, a.owner) AS owner, coalesce(dl.pipeline, a.pipeline) AS pipeline, a.program,
        a.channel, a.source, a.medium, a.campaign, a.country, a.network
      FROM deals dl LEFT JOIN (${contactAttributesSql(context)}) a ON a.contact_id = dl.contact_id
      WHERE dl.status IN ('won', 'lost') AND dl.closed_at IS NOT NULL`,
  },
];
