import type { PimSettings } from '../../shared/config/schema';
import { DEFAULT_MAX_ACTIVATION_MINUTES, type ActivationPolicy } from '../arm/policy';

export interface ActivationFields {
  duration: { default: number; max: number };
  /** Present when the policy requires it, or when templates make an optional one a single click. */
  justification?: { required: boolean; templates: string[] };
  /** Present only when required, by the policy or by the organisation's `pim.requireTicket`. */
  ticket?: { required: boolean };
}

export interface ActivationPlan {
  fields: ActivationFields;
  /** Nothing to type: the activation can go out on the click itself (DESIGN.md §3 journey 3). */
  needsInput: boolean;
  requireMfa: boolean;
  requireApproval: boolean;
  authContext?: string;
}

/** Free text PIM stores with the request; the same bound the configuration puts on templates. */
export const MAX_JUSTIFICATION_LENGTH = 500;

/**
 * What to ask before activating, and nothing more. An unreadable policy (undefined) asks for what
 * the organisation's defaults ask for, and lets PIM's answer (policy_failed) say the rest.
 */
export function planActivation(policy: ActivationPolicy | undefined, pim: PimSettings): ActivationPlan {
  const max = policy?.maxDurationMinutes ?? DEFAULT_MAX_ACTIVATION_MINUTES;
  const fields: ActivationFields = {
    duration: { default: Math.min(pim.defaultDurationMinutes, max), max },
  };
  const justificationRequired = policy?.requireJustification ?? false;
  if (justificationRequired || pim.justificationTemplates.length > 0) {
    fields.justification = { required: justificationRequired, templates: [...pim.justificationTemplates] };
  }
  const ticketRequired = (policy?.requireTicket ?? false) || pim.requireTicket;
  if (ticketRequired) fields.ticket = { required: true };

  const plan: ActivationPlan = {
    fields,
    needsInput: justificationRequired || ticketRequired,
    requireMfa: policy?.requireMfa ?? false,
    requireApproval: policy?.requireApproval ?? false,
  };
  if (policy?.authContext) plan.authContext = policy.authContext;
  return plan;
}

export interface ActivationAnswers {
  /** Omitted: the plan's default. Above the policy's maximum: capped to it. */
  durationMinutes?: number;
  justification?: string;
  ticketNumber?: string;
  ticketSystem?: string;
}

export type ActivationAnswerError =
  'duration_invalid' | 'justification_required' | 'justification_too_long' | 'ticket_required';

export interface ActivationAnswerIssue {
  field: 'duration' | 'justification' | 'ticket';
  code: ActivationAnswerError;
}

export interface ValidActivation {
  durationMinutes: number;
  /** The user asked for more than the policy allows and gets the maximum. */
  capped: boolean;
  justification?: string;
  ticket?: { number: string; system?: string };
}

export type ActivationValidation =
  { ok: true; value: ValidActivation } | { ok: false; issues: ActivationAnswerIssue[] };

export function validateActivation(plan: ActivationPlan, answers: ActivationAnswers): ActivationValidation {
  const issues: ActivationAnswerIssue[] = [];
  const { max } = plan.fields.duration;
  const asked = answers.durationMinutes ?? plan.fields.duration.default;
  if (!Number.isInteger(asked) || asked <= 0) issues.push({ field: 'duration', code: 'duration_invalid' });

  const justification = answers.justification?.trim() ?? '';
  if (plan.fields.justification?.required && !justification) {
    issues.push({ field: 'justification', code: 'justification_required' });
  } else if (justification.length > MAX_JUSTIFICATION_LENGTH) {
    issues.push({ field: 'justification', code: 'justification_too_long' });
  }

  const ticketNumber = answers.ticketNumber?.trim() ?? '';
  const ticketSystem = answers.ticketSystem?.trim() ?? '';
  if (plan.fields.ticket?.required && !ticketNumber)
    issues.push({ field: 'ticket', code: 'ticket_required' });

  if (issues.length > 0) return { ok: false, issues };
  const value: ValidActivation = { durationMinutes: Math.min(asked, max), capped: asked > max };
  if (justification) value.justification = justification;
  if (ticketNumber)
    value.ticket = ticketSystem ? { number: ticketNumber, system: ticketSystem } : { number: ticketNumber };
  return { ok: true, value };
}
