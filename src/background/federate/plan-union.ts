import type { ActivationFields, ActivationPlan } from './activation-plan';

/**
 * One form for several roles: every field any of their policies requires, and a duration every one
 * of them allows (the smallest maximum), so no role is silently given less than was asked.
 */
export function unionOfPlans(plans: readonly ActivationPlan[]): {
  fields: ActivationFields;
  requireApproval: boolean;
} {
  const max = Math.min(...plans.map((p) => p.fields.duration.max));
  const fields: ActivationFields = {
    duration: { default: Math.min(...plans.map((p) => p.fields.duration.default), max), max },
  };
  const justifications = plans.flatMap((p) => (p.fields.justification ? [p.fields.justification] : []));
  if (justifications.length > 0) {
    fields.justification = {
      required: justifications.some((j) => j.required),
      templates: [...new Set(justifications.flatMap((j) => j.templates))],
    };
  }
  if (plans.some((p) => p.fields.ticket?.required)) fields.ticket = { required: true };
  return { fields, requireApproval: plans.some((p) => p.requireApproval) };
}
