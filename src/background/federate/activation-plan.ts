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
  /** False when the policy could not be read (an eligible-only user usually may not read it). */
  policyKnown: boolean;
  /** Rules PIM named when it refused the last attempt; the form says what they want. */
  refusedRules?: string[];
  /** Nothing to type: the activation can go out on the click itself (docs/design.md §3 journey 3). */
  needsInput: boolean;
  requireMfa: boolean;
  requireApproval: boolean;
  authContext?: string;
}

/** Free text PIM stores with the request; the same bound the configuration puts on templates. */
export const MAX_JUSTIFICATION_LENGTH = 500;

/** What PIM's RoleAssignmentRequestPolicyValidationFailed said about the last attempt. */
export interface PolicyRefusal {
  /** ExpirationRule, JustificationRule, TicketingRule, MfaRule, … */
  rules: string[];
  /** The duration the refused attempt asked for (an ExpirationRule means: shorter than this). */
  durationMinutes: number;
}

/** The form's duration step; an ExpirationRule refusal asks for at least one step less. */
const DURATION_STEP = 5;

/**
 * What to ask before activating, and nothing more. An unreadable policy (undefined) asks for a
 * justification and a duration up to PIM's 8-hour default, and lets PIM's answer to the PUT say
 * the rest: `refusal` turns the rules it named into required fields (issue #11).
 */
export function planActivation(
  policy: ActivationPolicy | undefined,
  pim: PimSettings,
  refusal?: PolicyRefusal,
): ActivationPlan {
  const rules = new Set(refusal?.rules ?? []);
  let max = policy?.maxDurationMinutes ?? DEFAULT_MAX_ACTIVATION_MINUTES;
  if (refusal && rules.has('ExpirationRule'))
    max = Math.max(DURATION_STEP, Math.min(max, refusal.durationMinutes - DURATION_STEP));
  const fields: ActivationFields = {
    duration: { default: Math.min(pim.defaultDurationMinutes, max), max },
  };
  const justificationRequired = (policy?.requireJustification ?? false) || rules.has('JustificationRule');
  if (justificationRequired || pim.justificationTemplates.length > 0 || !policy) {
    fields.justification = { required: justificationRequired, templates: [...pim.justificationTemplates] };
  }
  const ticketRequired = (policy?.requireTicket ?? false) || pim.requireTicket || rules.has('TicketingRule');
  if (ticketRequired) fields.ticket = { required: true };

  const plan: ActivationPlan = {
    fields,
    policyKnown: policy !== undefined,
    // Unknown policy: show the form, so the user can give a justification PIM may want.
    needsInput: justificationRequired || ticketRequired || !policy,
    requireMfa: (policy?.requireMfa ?? false) || rules.has('MfaRule'),
    requireApproval: policy?.requireApproval ?? false,
  };
  if (rules.size > 0) plan.refusedRules = [...rules];
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

/** What the activation requests send (`ticket` is the number), as the answers to check. */
export interface RequestedAnswers {
  durationMinutes: number;
  justification?: string | undefined;
  ticket?: string | undefined;
  ticketSystem?: string | undefined;
}

export function answersOf(request: RequestedAnswers): ActivationAnswers {
  return {
    durationMinutes: request.durationMinutes,
    justification: request.justification,
    ticketNumber: request.ticket,
    ticketSystem: request.ticketSystem,
  };
}

export type ActivationAnswerError =
  | 'duration_invalid'
  | 'justification_required'
  | 'justification_too_long'
  | 'ticket_required'
  | 'ticket_system_required';

export interface ActivationAnswerIssue {
  field: 'duration' | 'justification' | 'ticket' | 'ticketSystem';
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
  // PIM's ticket information is a number and a system; whether its TicketingRule accepts a number
  // alone is not documented, so a required ticket asks for both.
  if (plan.fields.ticket?.required && !ticketSystem)
    issues.push({ field: 'ticketSystem', code: 'ticket_system_required' });

  if (issues.length > 0) return { ok: false, issues };
  const value: ValidActivation = { durationMinutes: Math.min(asked, max), capped: asked > max };
  if (justification) value.justification = justification;
  if (ticketNumber)
    value.ticket = ticketSystem ? { number: ticketNumber, system: ticketSystem } : { number: ticketNumber };
  return { ok: true, value };
}
