import {
  activationRequest,
  newRequestName,
  processScheduleRequestResponse,
  scheduleRequestGetRequest,
  type ActivationInput,
  type ScheduleRequestState,
} from '../arm/activate';
import { ArmError, isArmError } from '../arm/errors';
import { realSleep } from '../arm/request';
import type { ArmContext } from '../arm/types';

export interface ActivateAndWaitParams {
  ctx: ArmContext;
  input: ActivationInput;
  randomUUID?: () => string;
  now?: () => number;
  pollIntervalMs?: number;
  /** How long to wait for Provisioned before reporting the request as still pending. */
  timeoutMs?: number;
  /**
   * The request's name, chosen and kept by the caller before the PUT: a worker stopped after
   * sending it finds the same request again (followActivation) instead of sending another.
   */
  name?: string;
}

export type FollowActivationParams = Omit<ActivateAndWaitParams, 'input' | 'name' | 'randomUUID'> & {
  scope: string;
  name: string;
};

export type ActivationOutcome =
  | { ok: true; pending: false; status: string; requestName?: string; alreadyActive: boolean }
  | {
      ok: false;
      pending: true;
      status: string;
      requestName: string;
      /** A person must approve; otherwise PIM is still provisioning and the role should follow. */
      awaitingApproval: boolean;
      approvalId?: string;
    };

export const DEFAULT_POLL_INTERVAL_MS = 2_000;
export const DEFAULT_ACTIVATION_TIMEOUT_MS = 60_000;

/** ARM is eventually consistent: a GET right after the PUT may not see the request yet. */
const MAX_NOT_FOUND_POLLS = 3;

/**
 * Activates an eligible role (PIM SelfActivate) and waits until it is provisioned, needs an
 * approver, or fails. An already active role counts as success: the user wanted it active.
 * Failures throw ArmError (policy_failed, auth_context_required, activation_failed, …).
 */
export async function activateAndWait(params: ActivateAndWaitParams): Promise<ActivationOutcome> {
  const { ctx, input } = params;
  const name = params.name ?? newRequestName(params.randomUUID);

  let state: ScheduleRequestState;
  try {
    state = await processScheduleRequestResponse(await activationRequest(ctx, { input, name }));
  } catch (error) {
    if (isArmError(error) && error.code === 'already_active') {
      return {
        ok: true,
        pending: false,
        status: error.detail.armCode ?? 'RoleAssignmentExists',
        alreadyActive: true,
      };
    }
    throw error;
  }
  return follow({ ...params, scope: input.scope, name }, state);
}

/**
 * Follows a request sent before (by a worker since stopped) to its end by reading it by name; it
 * is never sent again. A request ARM still does not know after a few reads throws `not_found`.
 */
export function followActivation(params: FollowActivationParams): Promise<ActivationOutcome> {
  return follow(params, undefined);
}

async function follow(
  params: FollowActivationParams,
  first: ScheduleRequestState | undefined,
): Promise<ActivationOutcome> {
  const { ctx, scope, name } = params;
  const now = params.now ?? Date.now;
  const sleep = ctx.sleep ?? realSleep;
  const interval = params.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadline = now() + (params.timeoutMs ?? DEFAULT_ACTIVATION_TIMEOUT_MS);
  const read = async (): Promise<ScheduleRequestState> =>
    processScheduleRequestResponse(await scheduleRequestGetRequest(ctx, { scope, name }));

  let notFound = 0;
  let state = first;
  while (!state) {
    try {
      state = await read();
    } catch (error) {
      if (!isArmError(error) || error.code !== 'not_found' || ++notFound > MAX_NOT_FOUND_POLLS) throw error;
      await sleep(interval, ctx.signal);
    }
  }
  for (;;) {
    if (state.status === 'Provisioned') {
      return { ok: true, pending: false, status: state.status, requestName: name, alreadyActive: false };
    }
    if (state.group === 'failed') {
      throw new ArmError('activation_failed', `PIM request ended ${state.status}`, {
        status: 200,
        detail: { requestStatus: state.status },
      });
    }
    if (state.awaitingApproval || now() >= deadline) {
      const outcome: ActivationOutcome = {
        ok: false,
        pending: true,
        status: state.status,
        requestName: name,
        awaitingApproval: state.awaitingApproval,
      };
      if (state.approvalId) outcome.approvalId = state.approvalId;
      return outcome;
    }
    await sleep(interval, ctx.signal);
    try {
      state = await read();
    } catch (error) {
      if (!isArmError(error) || error.code !== 'not_found' || ++notFound > MAX_NOT_FOUND_POLLS) throw error;
    }
  }
}
