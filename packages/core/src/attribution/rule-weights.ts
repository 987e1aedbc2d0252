import { assertUnreachable } from '../errors/app-error.ts';
import { isDirectTouch } from './touches.ts';
import type { RuleModel, Touchpoint } from './types.ts';

/** A milestone a position model gives a fixed share to. */
type Role = 'first' | 'last' | 'lead' | 'opportunity' | 'close';

interface PositionSpec {
  roles: readonly (readonly [Role, number])[];
  /** Shared equally by the touches that hold no role. */
  rest: number;
}

type PositionModel = 'u_shaped' | 'j_shaped' | 'inverse_j' | 'u_shaped_milestone' | 'w_shaped' | 'full_path';

export const POSITION_SPECS: Record<PositionModel, PositionSpec> = {
  u_shaped: {
    roles: [
      ['first', 0.4],
      ['last', 0.4],
    ],
    rest: 0.2,
  },
  j_shaped: {
    roles: [
      ['first', 0.2],
      ['last', 0.6],
    ],
    rest: 0.2,
  },
  inverse_j: {
    roles: [
      ['first', 0.6],
      ['last', 0.2],
    ],
    rest: 0.2,
  },
  u_shaped_milestone: {
    roles: [
      ['first', 0.4],
      ['lead', 0.4],
    ],
    rest: 0.2,
  },
  w_shaped: {
    roles: [
      ['first', 0.3],
      ['lead', 0.3],
      ['opportunity', 0.3],
    ],
    rest: 0.1,
  },
  full_path: {
    roles: [
      ['first', 0.225],
      ['lead', 0.225],
      ['opportunity', 0.225],
      ['close', 0.225],
    ],
    rest: 0.1,
  },
};

export const DEFAULT_HALF_LIFE_MS = 7 * 86_400_000;

/** Index of the touch holding `role`, or −1. A flag set on several touches counts at the earliest. */
function roleIndex(role: Role, touches: readonly Touchpoint[]): number {
  switch (role) {
    case 'first':
      return 0;
    case 'last':
      return touches.length - 1;
    case 'lead':
      return touches.findIndex((t) => t.isLeadCreation === true);
    case 'opportunity':
      return touches.findIndex((t) => t.isOpportunityCreation === true);
    case 'close':
      return touches.findIndex((t) => t.isClose === true);
    default:
      return assertUnreachable(role, 'role');
  }
}

/**
 * Position models, one rule for all of them: a touch holding roles gets the sum of their
 * shares (so a first touch that is also the lead creation touch takes both); roles no touch
 * holds drop out; the milestone touches then share (1 − rest) in proportion to what they
 * hold, and the other touches share `rest` equally. With no other touches the milestone
 * touches share everything — which gives 50/50 for two-touch U, 25/75 for two-touch J.
 */
function fillPositionWeights(spec: PositionSpec, touches: readonly Touchpoint[], out: Float64Array): void {
  const n = touches.length;
  out.fill(0, 0, n);
  let held = 0;
  for (const [role, share] of spec.roles) {
    const index = roleIndex(role, touches);
    if (index >= 0) {
      out[index] = (out[index] as number) + share;
      held += share;
    }
  }
  let milestones = 0;
  for (let i = 0; i < n; i++) if ((out[i] as number) > 0) milestones++;
  const others = n - milestones;
  const rest = others > 0 ? spec.rest : 0;
  const scale = (1 - rest) / held;
  for (let i = 0; i < n; i++) {
    const w = out[i] as number;
    out[i] = w > 0 ? w * scale : rest / others;
  }
}

/**
 * Time decay: weight 2^(−(conversion − t) / halfLife), normalised. The conversion time cancels
 * in the normalisation, so weights are taken relative to the last touch, which also keeps old
 * touches from underflowing to zero all together.
 */
function fillTimeDecayWeights(touches: readonly Touchpoint[], halfLifeMs: number, out: Float64Array): void {
  const n = touches.length;
  const latest = (touches[n - 1] as Touchpoint).timeMs;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = 2 ** (((touches[i] as Touchpoint).timeMs - latest) / halfLifeMs);
    out[i] = w;
    sum += w;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sum;
}

function lastNonDirectIndex(touches: readonly Touchpoint[]): number {
  for (let i = touches.length - 1; i >= 0; i--) {
    if (!isDirectTouch(touches[i] as Touchpoint)) return i;
  }
  return touches.length - 1;
}

/**
 * Writes the share of one conversion each touch gets into out[0..n). `touches` must be in
 * time order and non-empty; the shares sum to 1.
 */
export function fillRuleWeights(model: RuleModel, touches: readonly Touchpoint[], halfLifeMs: number, out: Float64Array): void {
  const n = touches.length;
  switch (model) {
    case 'first_touch':
    case 'last_touch':
    case 'last_non_direct': {
      out.fill(0, 0, n);
      const index = model === 'first_touch' ? 0 : model === 'last_touch' ? n - 1 : lastNonDirectIndex(touches);
      out[index] = 1;
      return;
    }
    case 'linear':
      out.fill(1 / n, 0, n);
      return;
    case 'time_decay':
      fillTimeDecayWeights(touches, halfLifeMs, out);
      return;
    case 'u_shaped':
    case 'j_shaped':
    case 'inverse_j':
    case 'u_shaped_milestone':
    case 'w_shaped':
    case 'full_path':
      fillPositionWeights(POSITION_SPECS[model], touches, out);
      return;
    default:
      assertUnreachable(model, 'rule model');
  }
}

/** The share of one conversion each touch gets (touches in time order, at least one). */
export function ruleWeights(model: RuleModel, touches: readonly Touchpoint[], halfLifeMs = DEFAULT_HALF_LIFE_MS): number[] {
  const out = new Float64Array(touches.length);
  if (touches.length > 0) fillRuleWeights(model, touches, halfLifeMs, out);
  return Array.from(out);
}
