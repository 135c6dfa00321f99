import {
  activationBody,
  ACTIVATION_API_VERSION,
  scheduleRequestPath,
  type ActivationInput,
} from './activate';
import { armPut } from './request';
import type { ArmContext } from './types';

/** What ends or lengthens an activation: the role at its scope, and the eligibility it came from. */
export interface ActivatedRole {
  scope: string;
  /** The caller's object ID in the resource tenant, as for SelfActivate. */
  principalId: string;
  roleDefinitionId: string;
  linkedRoleEligibilityScheduleId: string;
}

/**
 * SelfDeactivate (docs/wire.md §6.4): the spec's required fields and the eligibility link, no
 * schedule; PIM ends the caller's activation of the role at the scope.
 */
export function deactivationBody(role: ActivatedRole) {
  return {
    properties: {
      principalId: role.principalId,
      roleDefinitionId: role.roleDefinitionId,
      requestType: 'SelfDeactivate',
      linkedRoleEligibilityScheduleId: role.linkedRoleEligibilityScheduleId,
    },
  };
}

/** SelfExtend: the SelfActivate body of the same role with the new duration, counted from now. */
export function extensionBody(input: ActivationInput): { properties: Record<string, unknown> } {
  const { properties } = activationBody(input);
  return { properties: { ...properties, requestType: 'SelfExtend' } };
}

/**
 * A SelfActivate dated at the current activation's end: where PIM will not extend, access goes on
 * from that moment without a gap and without ending the running activation early.
 */
export function followOnActivationBody(
  input: ActivationInput,
  startsAt: number,
): { properties: Record<string, unknown> } {
  const { properties } = activationBody(input);
  const schedule = properties.scheduleInfo as { expiration: unknown };
  return {
    properties: {
      ...properties,
      scheduleInfo: { startDateTime: new Date(startsAt).toISOString(), expiration: schedule.expiration },
    },
  };
}

export function selfRequest(
  ctx: ArmContext,
  params: { scope: string; name: string; body: unknown },
): Promise<Response> {
  return armPut({
    ...ctx,
    path: scheduleRequestPath(params.scope, params.name),
    apiVersion: ACTIVATION_API_VERSION,
    body: params.body,
  });
}
