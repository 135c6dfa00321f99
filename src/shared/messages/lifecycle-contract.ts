import * as v from 'valibot';
import type { ActivationPlanView } from './catalog-contract';

const key = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
const answers = {
  durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
  justification: v.optional(v.pipe(v.string(), v.maxLength(500))),
  ticket: v.optional(v.pipe(v.string(), v.maxLength(100))),
  ticketSystem: v.optional(v.pipe(v.string(), v.maxLength(100))),
};

// Requests about an activation after it started: end it, extend it.
export const LIFECYCLE_REQUESTS = [
  v.object({ type: v.literal('activation.deactivate'), key }),
  v.object({ type: v.literal('activation.extendPlan'), key }),
  v.object({ type: v.literal('activation.extend'), key, ...answers }),
] as const;

export interface ExtendPlanView extends ActivationPlanView {
  /** When the running activation ends (epoch ms). */
  activeUntil: number;
  /** What the last activation of this role said, to start from. */
  prefill: { justification?: string; ticket?: string; ticketSystem?: string };
}

export interface ExtendResult {
  key: string;
  status: 'extended' | 'pending_approval';
  /** SelfExtend, or a SelfActivate dated at the old end where PIM would not extend. */
  via: 'SelfExtend' | 'SelfActivate';
  activeUntil?: number;
}

export interface LifecycleResponses {
  'activation.deactivate': { ok: true };
  'activation.extendPlan': ExtendPlanView;
  'activation.extend': ExtendResult;
}
