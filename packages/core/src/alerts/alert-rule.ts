/**
 * Alert rules: a condition on a KPI and where to send it. Conditions:
 * - goal_pace: a goal's pace is off track (or, with level at_risk, at risk or worse);
 * - threshold: a KPI over the last complete day/week/month is above or below a value;
 * - anomaly: a KPI over the last complete period is outside its trailing baseline (robust z-score,
 *   see anomaly.ts).
 */
import { z } from 'zod';
import { DEFAULT_SENSITIVITY } from './anomaly.ts';

export const ALERT_GRAINS = ['day', 'week', 'month'] as const;
export type AlertGrain = (typeof ALERT_GRAINS)[number];

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case id');
const filter = z.object({ dimension: identifier, value: z.string().min(1).max(500) }).strict();

const goalPace = z
  .object({
    type: z.literal('goal_pace'),
    goalId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    /** off_track: fires when off track; at_risk: when at risk or off track. */
    level: z.enum(['off_track', 'at_risk']).default('off_track'),
  })
  .strict();

const threshold = z
  .object({
    type: z.literal('threshold'),
    metric: identifier,
    op: z.enum(['above', 'below']),
    value: z.number().finite(),
    grain: z.enum(ALERT_GRAINS).default('day'),
    filter: filter.optional(),
  })
  .strict();

const anomaly = z
  .object({
    type: z.literal('anomaly'),
    metric: identifier,
    grain: z.enum(ALERT_GRAINS).default('day'),
    /** Previous complete periods forming the baseline. */
    baselinePeriods: z.number().int().min(5).max(90).default(14),
    /** k: |z| above which the value is anomalous. */
    sensitivity: z.number().positive().max(20).default(DEFAULT_SENSITIVITY),
    direction: z.enum(['both', 'up', 'down']).default('both'),
    filter: filter.optional(),
  })
  .strict();

export const alertConditionSchema = z.discriminatedUnion('type', [goalPace, threshold, anomaly]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

export const alertChannelSchema = z.discriminatedUnion('type', [
  // No addresses: the workspace's default recipients (delivery settings) when the message goes out.
  z.object({ type: z.literal('email'), to: z.array(z.email()).max(50) }).strict(),
  z
    .object({
      type: z.literal('webhook'),
      url: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .refine((u) => !/^https?:\/\/[^/]*@/i.test(u), 'must not hold credentials before the host'),
    })
    .strict(),
]);
export type AlertChannel = z.infer<typeof alertChannelSchema>;

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  condition: alertConditionSchema,
  channels: z.array(alertChannelSchema).min(1).max(10),
};
export const alertRuleInputSchema = z.object(ruleFields).strict();
export const alertRulePatchSchema = z
  .object({
    name: ruleFields.name.optional(),
    enabled: z.boolean().optional(),
    condition: alertConditionSchema.optional(),
    channels: ruleFields.channels.optional(),
  })
  .strict();
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;
