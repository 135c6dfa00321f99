import * as v from 'valibot';
import { ArmError } from './errors';
import { minutesToIsoDuration } from './iso-duration';
import { armGet, armPut, readArmJson } from './request';
import { normalizeScope } from './scope';
import type { ArmContext } from './types';

export const ACTIVATION_API_VERSION = '2020-10-01';

export type RequestStatusGroup = 'ok' | 'pending' | 'failed';

// PIMCLI's grouping of the spec's status enum (docs/wire.md §6.4).
const OK = new Set([
  'Accepted',
  'AdminApproved',
  'Granted',
  'Provisioned',
  'ProvisioningStarted',
  'ScheduleCreated',
]);
const FAILED = new Set([
  'AdminDenied',
  'Canceled',
  'Denied',
  'Failed',
  'FailedAsResourceIsLocked',
  'Invalid',
  'Revoked',
  'TimedOut',
]);
/** The pending states a person has to resolve; polling will not see them end soon. */
const AWAITING_APPROVAL = new Set(['PendingApproval', 'PendingAdminDecision', 'PendingApprovalProvisioning']);

/** Unknown statuses count as pending: a newer service state should make us wait, not fail. */
export function statusGroup(status: string): RequestStatusGroup {
  if (OK.has(status)) return 'ok';
  if (FAILED.has(status)) return 'failed';
  return 'pending';
}

export const isAwaitingApproval = (status: string): boolean => AWAITING_APPROVAL.has(status);

export interface ActivationInput {
  scope: string;
  /**
   * The caller's object ID in the resource tenant (a guest's differs from home, docs/wire.md §2). Not
   * the instance's principalId: for a group-based eligibility that is the group.
   */
  principalId: string;
  roleDefinitionId: string;
  /** Full `…/RoleEligibilitySchedules/{id}` path of the eligibility being activated. */
  linkedRoleEligibilityScheduleId: string;
  durationMinutes: number;
  justification?: string;
  ticket?: { number: string; system?: string };
}

/** The SelfActivate body of docs/wire.md §6.4: start now (`null`), end after the duration. */
export function activationBody(input: ActivationInput) {
  const properties: Record<string, unknown> = {
    principalId: input.principalId,
    roleDefinitionId: input.roleDefinitionId,
    requestType: 'SelfActivate',
    linkedRoleEligibilityScheduleId: input.linkedRoleEligibilityScheduleId,
  };
  if (input.justification) properties.justification = input.justification;
  if (input.ticket)
    properties.ticketInfo = { ticketNumber: input.ticket.number, ticketSystem: input.ticket.system ?? null };
  properties.scheduleInfo = {
    startDateTime: null,
    expiration: {
      type: 'AfterDuration',
      duration: minutesToIsoDuration(input.durationMinutes),
      endDateTime: null,
    },
  };
  return { properties };
}

/** A request's name is a client-chosen GUID; a retried PUT with the same name is the same request. */
export const newRequestName = (randomUUID: () => string = () => crypto.randomUUID()): string => randomUUID();

export function scheduleRequestPath(scope: string, name: string): string {
  const s = normalizeScope(scope);
  return `${s === '/' ? '' : s}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${encodeURIComponent(name)}`;
}

/**
 * PUTs the activation request. A repeat of the PUT (its answer was lost, src/background/net) may meet
 * the request its first try created: PIM then answers RoleAssignmentRequestExists. The name is a fresh
 * GUID, so a request of that name is this one: it is read back and followed rather than reported as
 * someone's pending request. A pending request under another name keeps its refusal.
 */
export async function activationRequest(
  ctx: ArmContext,
  params: { input: ActivationInput; name: string },
): Promise<Response> {
  const response = await armPut({
    ...ctx,
    path: scheduleRequestPath(params.input.scope, params.name),
    apiVersion: ACTIVATION_API_VERSION,
    body: activationBody(params.input),
  });
  if (response.ok || !(await namesExistingRequest(response))) return response;
  const own = await scheduleRequestGetRequest(ctx, { scope: params.input.scope, name: params.name });
  if (own.ok) return own;
  await own.body?.cancel().catch(() => undefined);
  return response;
}

async function namesExistingRequest(response: Response): Promise<boolean> {
  if (response.status !== 400 && response.status !== 409) return false;
  const code = await response
    .clone()
    .json()
    .then((body: { error?: { code?: unknown } } | null) => body?.error?.code)
    .catch(() => undefined);
  return code === 'RoleAssignmentRequestExists';
}

export function scheduleRequestGetRequest(
  ctx: ArmContext,
  params: { scope: string; name: string },
): Promise<Response> {
  return armGet({
    ...ctx,
    path: scheduleRequestPath(params.scope, params.name),
    apiVersion: ACTIVATION_API_VERSION,
  });
}

export interface ScheduleRequestState {
  name: string;
  id?: string;
  status: string;
  group: RequestStatusGroup;
  awaitingApproval: boolean;
  approvalId?: string;
  scope?: string;
  roleDefinitionId?: string;
  /** ISO-8601, as ARM echoes it (e.g. `PT8H`). */
  duration?: string;
}

const ScheduleRequestItem = v.object({
  id: v.nullish(v.string()),
  name: v.string(),
  properties: v.object({
    status: v.string(),
    approvalId: v.nullish(v.string()),
    scope: v.nullish(v.string()),
    roleDefinitionId: v.nullish(v.string()),
    scheduleInfo: v.nullish(
      v.object({ expiration: v.nullish(v.object({ duration: v.nullish(v.string()) })) }),
    ),
  }),
});

/** Reads the PUT's 201 and the poll's 200 alike: both carry the request object. */
export async function processScheduleRequestResponse(response: Response): Promise<ScheduleRequestState> {
  const parsed = v.safeParse(ScheduleRequestItem, await readArmJson(response));
  if (!parsed.success) {
    throw new ArmError('bad_response', 'schedule request without a status', { status: response.status });
  }
  const { id, name, properties: p } = parsed.output;
  const state: ScheduleRequestState = {
    name,
    status: p.status,
    group: statusGroup(p.status),
    awaitingApproval: isAwaitingApproval(p.status),
  };
  if (id) state.id = id;
  if (p.approvalId) state.approvalId = p.approvalId;
  if (p.scope) state.scope = normalizeScope(p.scope);
  if (p.roleDefinitionId) state.roleDefinitionId = p.roleDefinitionId;
  const duration = p.scheduleInfo?.expiration?.duration;
  if (duration) state.duration = duration;
  return state;
}
