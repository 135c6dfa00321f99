import { describe, expect, it } from 'vitest';
import type { ActivationPlan } from './activation-plan';
import { unionOfPlans } from './plan-union';

const plan = (o: Partial<ActivationPlan> & { fields: ActivationPlan['fields'] }): ActivationPlan => ({
  policyKnown: true,
  needsInput: false,
  requireMfa: false,
  requireApproval: false,
  ...o,
});

describe('the union of several policies', () => {
  it('asks every field any policy requires, within the smallest maximum duration', () => {
    const union = unionOfPlans([
      plan({
        fields: { duration: { default: 60, max: 480 }, justification: { required: true, templates: [] } },
      }),
      plan({ fields: { duration: { default: 60, max: 240 }, ticket: { required: true } } }),
      plan({
        fields: {
          duration: { default: 30, max: 60 },
          justification: { required: false, templates: ['Incident'] },
        },
        requireApproval: true,
      }),
    ]);
    expect(union).toEqual({
      fields: {
        duration: { default: 30, max: 60 },
        justification: { required: true, templates: ['Incident'] },
        ticket: { required: true },
      },
      requireApproval: true,
    });
  });

  it('nothing required anywhere: only a duration', () => {
    expect(unionOfPlans([plan({ fields: { duration: { default: 60, max: 120 } } })])).toEqual({
      fields: { duration: { default: 60, max: 120 } },
      requireApproval: false,
    });
  });

  it('a default above the smallest maximum comes down to it', () => {
    const union = unionOfPlans([
      plan({ fields: { duration: { default: 120, max: 480 } } }),
      plan({ fields: { duration: { default: 120, max: 60 } } }),
    ]);
    expect(union.fields.duration).toEqual({ default: 60, max: 60 });
  });
});
