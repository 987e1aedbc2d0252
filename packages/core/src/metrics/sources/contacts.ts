/**
 * CRM sources. A contact reaches a lifecycle stage at the earliest of its stage rows at that stage
 * or any later one (created_at counts for lead); its channel, source, medium and campaign are its
 * own fields, or where those are empty, those of its first linked session.
 */
import { LIFECYCLE } from '../../inputs/kinds.ts';
import type { SqlDialect } from '../dialect.ts';
import type { SourceContext, SourceDef } from '../types.ts';
import { contactSessionsSql } from './web.ts';

export const CONTACT_DIMENSIONS = {
  channel: 'channel',
  source: 'source',
  medium: 'medium',
  campaign: 'campaign',
  owner: 'owner',
  program: 'program',
  pipeline: 'pipeline',
  country: 'country',
  /** The original source of contacts whose original channel is social. */
  network: 'network',
} as const;

const FIRST_SESSION_FIELDS = ['channel', 'source', 'medium', 'campaign', 'country'] as const;
const NEEDS_FIRST_SESSION = [
  'channel',
  'source',
  'medium',
  'campaign',
  'country',
  'network',
  'first_session_at',
  'lead_from_web',
  'vendor',
];
export const SOCIAL_CHANNELS = ['Organic Social', 'Paid Social'] as const;

// Searched CASE: ClickHouse 18.16 types a simple CASE ending in ELSE -1 as UInt8 (so -1 becomes 255).
const rankCase = (column: string) => `CASE ${LIFECYCLE.map((stage, i) => `WHEN ${column} = '${stage}' THEN ${i}`).join(' ')} ELSE -1 END`;

/** Name of the table of reachSql's rows that an engine may keep up to date on load. */
export const CONTACT_REACH_TABLE = 'contact_reach';
/** Contact attributes the funnel takes from contactAttributesSql; without them the join is left out. */
const ATTRIBUTE_COLUMNS = [...Object.keys(CONTACT_DIMENSIONS), 'lead_from_web', 'vendor'];

/** One row per contact with the time it reached each lifecycle stage, churned and was lost. */
export function reachSql(d: SqlDialect): string {
  const reached = LIFECYCLE.map((stage, i) => `${d.minIf('ts', `rk >= ${i}`)} AS ${stage}_at`).join(',\n      ');
  return `SELECT contact_id,
      ${reached},
      ${d.minIf('ts', "stage = 'churned'")} AS churned_at,
      ${d.minIf('ts', "stage = 'lost'")} AS lost_at,
      max(rk) AS furthest_rank,
      ${d.maxIf('ts', 'rk >= 0')} AS last_stage_at
    FROM (SELECT contact_id, stage, "timestamp" AS ts, ${rankCase('stage')} AS rk FROM stages
          UNION ALL SELECT contact_id, 'lead' AS stage, created_at AS ts, 0 AS rk FROM contacts) all_stages
    WHERE contact_id IS NOT NULL
    GROUP BY contact_id`;
}

/** Per contact: original channel/source/medium/campaign and attributes, joined on `alias.contact_id`. */
export function contactAttributesSql({ dialect: d, needs }: SourceContext): string {
  const firstSession = NEEDS_FIRST_SESSION.some((c) => needs.has(c));
  const pick = (field: string) => (firstSession ? `coalesce(NULLIF(c.${field}, ''), fs.${field})` : `c.${field}`);
  const fields = FIRST_SESSION_FIELDS.map((f) => `${pick(f)} AS ${f}`).join(', ');
  const network = `CASE WHEN ${pick('channel')} IN (${SOCIAL_CHANNELS.map((c) => `'${c}'`).join(', ')}) THEN ${pick('source')} END AS network`;
  const join = firstSession
    ? `LEFT JOIN (SELECT contact_id, min(started_at) AS first_session_at,
          ${FIRST_SESSION_FIELDS.map((f) => `NULLIF(${d.argMin(`coalesce(${f}, '')`, 'started_at')}, '') AS ${f}`).join(', ')}
        FROM (${contactSessionsSql()}) cs GROUP BY contact_id) fs ON fs.contact_id = c.contact_id`
    : '';
  return `SELECT c.contact_id, c.created_at, c.owner, c.program, c.pipeline, ${fields}, ${network}${
    firstSession ? ', fs.first_session_at' : ''
  } FROM contacts c ${join}`;
}

const INACTIVE_DAYS = 90;

/**
 * Contacts once per vendor that billed their original campaign: a marketing spend row, at any
 * time, naming that vendor and campaign. A contact whose campaign no vendor billed keeps one row
 * with no vendor.
 */
function withVendorsSql(funnel: string): string {
  const billed = `SELECT DISTINCT campaign AS billed_campaign, vendor AS billing_vendor FROM spend
    WHERE department = 'marketing' AND campaign IS NOT NULL AND campaign <> '' AND vendor IS NOT NULL AND vendor <> ''`;
  return `SELECT f.*, v.billing_vendor AS vendor FROM (${funnel}) f LEFT JOIN (${billed}) v ON v.billed_campaign = f.campaign`;
}

export const CONTACT_SOURCES: SourceDef[] = [
  {
    id: 'contact_funnel',
    description:
      'one row per contact: when it reached each lifecycle stage, when it was active as a customer, ' +
      `and when it dropped out of the funnel (lost, or no stage change for ${INACTIVE_DAYS} days)`,
    dimensions: { ...CONTACT_DIMENSIONS, stage: 'furthest_stage', months_to_churn: 'months_to_churn', vendor: 'vendor' },
    optInDimensions: ['vendor'],
    timeColumns: {
      ...Object.fromEntries(LIFECYCLE.map((s) => [`${s}_at`, 'timestamp' as const])),
      active_from: 'timestamp',
      active_to: 'timestamp',
      dropped_at: 'timestamp',
    },
    sql: (context) => {
      const d = context.dialect;
      const customer = `r.customer_at IS NOT NULL AND (r.churned_at IS NULL OR r.churned_at > r.customer_at)`;
      const stageName = `CASE ${LIFECYCLE.map((s, i) => `WHEN r.furthest_rank = ${i} THEN '${s}'`).join(' ')} END`;
      const open = `r.furthest_rank < ${LIFECYCLE.length - 1}`;
      const month = (column: string) => d.dateTrunc('month', d.toLocalTime(column, context.timezone()));
      const attributes = ATTRIBUTE_COLUMNS.some((c) => context.needs.has(c));
      const reach = context.derivedTables.has(CONTACT_REACH_TABLE) ? CONTACT_REACH_TABLE : `(${reachSql(d)})`;
      // Only the columns the query reads: DuckDB binds every expression of the select list again
      // on each run of a prepared statement, read or not.
      const computed: Record<string, () => string> = {
        lead_from_web: () => 'a.first_session_at IS NOT NULL AND a.first_session_at <= r.lead_at',
        furthest_stage: () => stageName,
        months_to_churn: () => `CASE WHEN ${customer} THEN ${d.monthsBetween(month('r.customer_at'), month('r.churned_at'))} END`,
        active_from: () => `CASE WHEN ${customer} THEN r.customer_at END`,
        active_to: () => `CASE WHEN ${customer} THEN r.churned_at END`,
        cycle_days: () => `${d.secondsBetween('r.lead_at', 'r.customer_at')} / 86400.0`,
        dropped_at: () => `CASE WHEN ${open} AND r.lost_at IS NOT NULL THEN r.lost_at
               WHEN ${open} THEN ${d.addSeconds('r.last_stage_at', INACTIVE_DAYS * 86400)} END`,
        dropped_lost: () => `${open} AND r.lost_at IS NOT NULL`,
        dropped_inactive: () => `${open} AND r.lost_at IS NULL`,
      };
      const columns = [
        'r.*',
        ...(attributes ? ['a.owner, a.program, a.pipeline, a.channel, a.source, a.medium, a.campaign, a.country, a.network'] : []),
        ...Object.entries(computed)
          .filter(([name]) => context.needs.has(name))
          .map(([name, expression]) => `${expression()} AS ${name}`),
      ];
      const funnel = `SELECT ${columns.join(',\n          ')}
        FROM ${reach} r${attributes ? ` LEFT JOIN (${contactAttributesSql(context)}) a ON a.contact_id = r.contact_id` : ''}`;
      return context.needs.has('vendor') ? withVendorsSql(funnel) : funnel;
    },
  },
];
