import { CreditTable } from './credits.ts';
import { fillRuleWeights } from './rule-weights.ts';
import { orderTouches, touchKey } from './touches.ts';
import { type AttributionDimension, type Journey, NO_TOUCH_KEY, type RuleModel, type Touchpoint } from './types.ts';

/**
 * Runs a rule-based model journey by journey. Each touch is a position (a channel touched
 * twice is credited twice), a journey without touches credits `(none)`, and non-converting
 * journeys only contribute their keys to the listing.
 */
export function creditRuleBased(
  model: RuleModel,
  journeys: Iterable<Journey>,
  dimension: AttributionDimension,
  halfLifeMs: number,
): CreditTable {
  const table = new CreditTable();
  let weights = new Float64Array(16);
  for (const journey of journeys) {
    const count = journey.count ?? 1;
    const touches = journey.touchpoints;
    if (touches.length === 0) {
      const id = table.id(NO_TOUCH_KEY);
      if (journey.converted) {
        table.add(id, count, count * journey.value);
        table.totalConversions += count;
        table.totalValue += count * journey.value;
      }
      continue;
    }
    if (!journey.converted) {
      for (const touch of touches) table.id(touchKey(touch, dimension));
      continue;
    }
    const ordered = orderTouches(touches);
    if (weights.length < ordered.length) weights = new Float64Array(ordered.length * 2);
    fillRuleWeights(model, ordered, halfLifeMs, weights);
    const value = count * journey.value;
    for (let i = 0; i < ordered.length; i++) {
      const w = weights[i] as number;
      table.add(table.id(touchKey(ordered[i] as Touchpoint, dimension)), w * count, w * value);
    }
    table.totalConversions += count;
    table.totalValue += value;
  }
  return table;
}
