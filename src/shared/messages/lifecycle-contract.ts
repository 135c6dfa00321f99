import * as v from 'valibot';
import type { ActivationPlanView } from './catalog-contract';
import type { UiError } from './contract';

const key = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
/** ARM's write limit is far above this; the bound keeps one click from sending a flood. */
export const MAX_BATCH = 20;
const keys = v.pipe(v.array(key), v.minLength(1), v.maxLength(MAX_BATCH));
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
  v.object({ type: v.literal('activation.planMany'), keys }),
  v.object({ type: v.literal('activation.startMany'), keys, ...answers }),
] as const;

/** One form for several roles: what any of their policies requires. */
export interface ManyPlanView {
  keys: string[];
  duration: { default: number; max: number };
  justification?: { required: boolean; templates: string[] };
  ticket?: { required: boolean };
  /** At least one of them waits for an approver. */
  requireApproval: boolean;
}

export interface BatchItem {
  key: string;
  status: 'queued' | 'activating' | 'provisioned' | 'provisioning' | 'pending_approval' | 'failed';
  error?: UiError;
}

/** A batch's progress per role, kept in storage.session so a reopened popup shows it. */
export interface ActivationBatch {
  startedAt: number;
  running: boolean;
  items: BatchItem[];
}

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
  'activation.planMany': ManyPlanView;
  'activation.startMany': ActivationBatch;
}
