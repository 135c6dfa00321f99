import * as v from 'valibot';
import type { UiError } from './contract';

const key = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));

// Requests of the popup's catalog: refresh, federate, activate, favorites and recents.
export const CATALOG_REQUESTS = [
  v.object({ type: v.literal('catalog.refresh'), force: v.optional(v.boolean()) }),
  v.object({ type: v.literal('federate.open'), key }),
  v.object({ type: v.literal('activation.plan'), key }),
  v.object({
    type: v.literal('activation.start'),
    key,
    durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
    justification: v.optional(v.pipe(v.string(), v.maxLength(500))),
    ticket: v.optional(v.pipe(v.string(), v.maxLength(100))),
    ticketSystem: v.optional(v.pipe(v.string(), v.maxLength(100))),
    /** Sign in again first with what the policy asked for (MFA, authentication context). */
    stepUp: v.optional(v.boolean()),
  }),
  v.object({ type: v.literal('activation.dismiss'), key }),
  v.object({ type: v.literal('prefs.toggleFavorite'), key }),
] as const;

export interface CatalogProgress {
  running: boolean;
  done: number;
  total: number;
  startedAt?: number;
  finishedAt?: number;
  /** Per tenant failures of the last refresh, in words for the popup. */
  errors: { tenantId: string; error: UiError }[];
}

export interface ActivationPlanView {
  key: string;
  duration: { default: number; max: number };
  justification?: { required: boolean; templates: string[] };
  ticket?: { required: boolean };
  requireApproval: boolean;
  needsInput: boolean;
  /** False: the policy could not be read; PIM's answer to the request says what it wants. */
  policyKnown: boolean;
  /** Rules PIM named when it refused the last attempt (ExpirationRule, JustificationRule, …). */
  refusedRules?: string[];
}

/** One activation's progress, kept in storage.session so a reopened popup shows it. */
export interface ActivationState {
  key: string;
  status: 'activating' | 'pending_approval' | 'provisioning' | 'provisioned' | 'failed';
  startedAt: number;
  error?: UiError;
  /** Provisioned just now: Azure may take minutes before every service honours it. */
  accessMayLag?: boolean;
  /**
   * The PIM request's name, kept from before its PUT while `activating`: a worker stopped meanwhile
   * follows this request on its next start instead of sending another.
   */
  requestName?: string;
  durationMinutes?: number;
}

export interface CatalogResponses {
  'catalog.refresh': CatalogProgress;
  'federate.open': { url: string };
  'activation.plan': ActivationPlanView;
  'activation.start': ActivationState;
  'activation.dismiss': { ok: true };
  'prefs.toggleFavorite': { favorites: string[] };
}
