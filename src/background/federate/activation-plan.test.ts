import { describe, expect, it } from 'vitest';
import type { ActivationPolicy } from '../arm/policy';
import { planActivation, validateActivation } from './activation-plan';

const pim = { defaultDurationMinutes: 60, justificationTemplates: [], requireTicket: false };
const open: ActivationPolicy = {
  maxDurationMinutes: 480,
  requireJustification: false,
  requireTicket: false,
  requireMfa: false,
  requireApproval: false,
};

describe('planActivation', () => {
  it('asks nothing when the policy requires nothing', () => {
    expect(planActivation(open, pim)).toEqual({
      fields: { duration: { default: 60, max: 480 } },
      policyKnown: true,
      needsInput: false,
      requireMfa: false,
      requireApproval: false,
    });
  });

  it('asks for what the policy requires', () => {
    const plan = planActivation(
      {
        maxDurationMinutes: 30,
        requireJustification: true,
        requireTicket: true,
        requireMfa: true,
        requireApproval: true,
        authContext: 'c1',
      },
      { ...pim, justificationTemplates: ['Incident'] },
    );
    expect(plan).toEqual({
      fields: {
        duration: { default: 30, max: 30 }, // the default never exceeds the maximum
        justification: { required: true, templates: ['Incident'] },
        ticket: { required: true },
      },
      policyKnown: true,
      needsInput: true,
      requireMfa: true,
      requireApproval: true,
      authContext: 'c1',
    });
  });

  it('templates offer an optional justification; the organisation can require a ticket', () => {
    const plan = planActivation(open, {
      defaultDurationMinutes: 120,
      justificationTemplates: ['Deploy'],
      requireTicket: true,
    });
    expect(plan.fields.justification).toEqual({ required: false, templates: ['Deploy'] });
    expect(plan.fields.ticket).toEqual({ required: true });
    expect(plan.needsInput).toBe(true);
  });

  it('an unknown policy uses the 8-hour default maximum', () => {
    expect(planActivation(undefined, { ...pim, defaultDurationMinutes: 600 }).fields.duration).toEqual({
      default: 480,
      max: 480,
    });
  });

  it('an unknown policy asks for a duration and an optional justification, nothing else', () => {
    expect(planActivation(undefined, pim)).toEqual({
      fields: { duration: { default: 60, max: 480 }, justification: { required: false, templates: [] } },
      policyKnown: false,
      needsInput: true,
      requireMfa: false,
      requireApproval: false,
    });
  });

  it("PIM's refusal turns exactly the rules it names into requirements", () => {
    const justification = planActivation(undefined, pim, {
      rules: ['JustificationRule'],
      durationMinutes: 60,
    });
    expect(justification.fields).toEqual({
      duration: { default: 60, max: 480 },
      justification: { required: true, templates: [] },
    });
    expect(justification.refusedRules).toEqual(['JustificationRule']);

    const ticket = planActivation(undefined, pim, { rules: ['TicketingRule'], durationMinutes: 60 });
    expect(ticket.fields.ticket).toEqual({ required: true });
    expect(ticket.fields.justification?.required).toBe(false);

    const expiration = planActivation(undefined, pim, { rules: ['ExpirationRule'], durationMinutes: 60 });
    expect(expiration.fields.duration).toEqual({ default: 55, max: 55 });
    expect(expiration.fields.ticket).toBeUndefined();

    expect(planActivation(undefined, pim, { rules: ['MfaRule'], durationMinutes: 60 }).requireMfa).toBe(true);
  });
});

describe('validateActivation', () => {
  const strict = planActivation(
    { ...open, maxDurationMinutes: 240, requireJustification: true, requireTicket: true },
    pim,
  );

  it('accepts complete answers and trims them', () => {
    expect(
      validateActivation(strict, {
        durationMinutes: 120,
        justification: '  fix prod ',
        ticketNumber: ' INC-1 ',
        ticketSystem: 'ServiceNow',
      }),
    ).toEqual({
      ok: true,
      value: {
        durationMinutes: 120,
        capped: false,
        justification: 'fix prod',
        ticket: { number: 'INC-1', system: 'ServiceNow' },
      },
    });
  });

  it('caps the duration at the policy maximum', () => {
    const result = validateActivation(strict, {
      durationMinutes: 600,
      justification: 'x',
      ticketNumber: '1',
      ticketSystem: 'Jira',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        durationMinutes: 240,
        capped: true,
        justification: 'x',
        ticket: { number: '1', system: 'Jira' },
      },
    });
  });

  it('uses the default duration when none is given', () => {
    const result = validateActivation(planActivation(open, pim), {});
    expect(result).toEqual({ ok: true, value: { durationMinutes: 60, capped: false } });
  });

  it('reports every missing or bad answer with a stable code', () => {
    expect(validateActivation(strict, { durationMinutes: 0, justification: '   ' })).toEqual({
      ok: false,
      issues: [
        { field: 'duration', code: 'duration_invalid' },
        { field: 'justification', code: 'justification_required' },
        { field: 'ticket', code: 'ticket_required' },
        { field: 'ticketSystem', code: 'ticket_system_required' },
      ],
    });
    expect(
      validateActivation(strict, {
        durationMinutes: 1.5,
        justification: 'x'.repeat(501),
        ticketNumber: '1',
        ticketSystem: 'Jira',
      }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'duration', code: 'duration_invalid' },
        { field: 'justification', code: 'justification_too_long' },
      ],
    });
  });

  it('a required ticket needs its system as well as its number', () => {
    expect(
      validateActivation(strict, { durationMinutes: 60, justification: 'x', ticketNumber: 'INC-1' }),
    ).toEqual({ ok: false, issues: [{ field: 'ticketSystem', code: 'ticket_system_required' }] });
  });

  it('an optional justification may be left empty', () => {
    const plan = planActivation(open, { ...pim, justificationTemplates: ['Deploy'] });
    expect(validateActivation(plan, { justification: '' })).toEqual({
      ok: true,
      value: { durationMinutes: 60, capped: false },
    });
  });
});
