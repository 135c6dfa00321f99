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
}

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
  const now = params.now ?? Date.now;
  const sleep = ctx.sleep ?? realSleep;
  const interval = params.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadline = now() + (params.timeoutMs ?? DEFAULT_ACTIVATION_TIMEOUT_MS);
  const name = newRequestName(params.randomUUID);

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

  let notFound = 0;
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
      state = await processScheduleRequestResponse(
        await scheduleRequestGetRequest(ctx, { scope: input.scope, name }),
      );
    } catch (error) {
      if (!isArmError(error) || error.code !== 'not_found' || ++notFound > MAX_NOT_FOUND_POLLS) throw error;
    }
  }
}
