import {
  newRequestName,
  processScheduleRequestResponse,
  type ActivationInput,
  type ScheduleRequestState,
} from '../arm/activate';
import { ArmError, isArmError } from '../arm/errors';
import type { ArmContext } from '../arm/types';
import { extensionBody, followOnActivationBody, selfRequest } from '../arm/self-requests';
import { isActivated } from '../../shared/catalog/active-now';
import type { ActivationPlanView } from '../../shared/messages/catalog-contract';
import type { ExtendPlanView, ExtendResult } from '../../shared/messages/lifecycle-contract';
import type { CatalogDeps } from '../catalog-deps';
import { Refusal } from '../errors/refusal';
import { lastRequestOf, type LastRequestStore } from '../lifecycle/last-request';
import { planActivation, validateActivation, type ActivationPlan, answersOf } from './activation-plan';
import { armContextFor, readPolicyFor } from './entry-arm';
import { findEntry, updateEntry, type EntryContext } from './find-entry';

async function activatedEntry(deps: CatalogDeps, key: string): Promise<EntryContext> {
  const found = await findEntry(key, deps);
  if (!isActivated(found.entry, deps.link.now())) throw new Refusal('not_activated');
  return found;
}

async function planFor(deps: CatalogDeps, found: EntryContext): Promise<ActivationPlan> {
  const { config } = await deps.link.loadConfig();
  return planActivation(await readPolicyFor(deps, found), config.pim);
}

function planView(key: string, plan: ActivationPlan): ActivationPlanView {
  return {
    key,
    duration: plan.fields.duration,
    justification: plan.fields.justification,
    ticket: plan.fields.ticket,
    requireApproval: plan.requireApproval,
    needsInput: plan.needsInput,
    policyKnown: plan.policyKnown,
  };
}

/** The extension form: the role's policy, prefilled from what the last activation of it said. */
export async function extendPlan(
  deps: CatalogDeps,
  key: string,
  last: LastRequestStore,
): Promise<ExtendPlanView> {
  const found = await activatedEntry(deps, key);
  const plan = await planFor(deps, found);
  return {
    ...planView(key, plan),
    activeUntil: found.entry.activeUntil!,
    prefill: (await last.get(key)) ?? {},
  };
}

async function send(ctx: ArmContext, scope: string, name: string, body: unknown) {
  return processScheduleRequestResponse(await selfRequest(ctx, { scope, name, body }));
}

/**
 * More time before the activation ends, as the portal gives it: SelfExtend, and where PIM will not
 * extend an activation (400 other than a policy refusal), a SelfActivate dated at the current end,
 * so access continues without a gap. One request when SelfExtend is taken.
 */
export async function extend(
  deps: CatalogDeps,
  request: {
    key: string;
    durationMinutes: number;
    justification?: string;
    ticket?: string;
    ticketSystem?: string;
  },
  last: LastRequestStore,
): Promise<ExtendResult> {
  const found = await activatedEntry(deps, request.key);
  const plan = await planFor(deps, found);
  const checked = validateActivation(plan, answersOf(request));
  if (!checked.ok) {
    const issue = checked.issues[0]!;
    throw new Refusal(`activation_${issue.code}`, { field: issue.field });
  }
  const input: ActivationInput = {
    scope: found.entry.scope,
    principalId: found.link.oid,
    roleDefinitionId: found.entry.roleDefinitionId,
    linkedRoleEligibilityScheduleId: found.entry.eligibilityScheduleId!,
    durationMinutes: checked.value.durationMinutes,
    justification: checked.value.justification,
    ticket: checked.value.ticket,
  };
  const ctx = await armContextFor(deps, found);
  const currentEnd = found.entry.activeUntil!;
  const durationMs = checked.value.durationMinutes * 60_000;

  let via: ExtendResult['via'] = 'SelfExtend';
  let state: ScheduleRequestState;
  let newEnd: number;
  try {
    state = await send(ctx, input.scope, newRequestName(deps.randomUUID), extensionBody(input));
    newEnd = deps.link.now() + durationMs;
  } catch (error) {
    if (!isArmError(error) || error.code !== 'rejected') throw error;
    via = 'SelfActivate';
    state = await send(
      ctx,
      input.scope,
      newRequestName(deps.randomUUID),
      followOnActivationBody(input, currentEnd),
    );
    newEnd = currentEnd + durationMs;
  }
  if (state.group === 'failed') {
    throw new ArmError('activation_failed', `PIM extension ended ${state.status}`, {
      status: 200,
      detail: { requestStatus: state.status },
    });
  }
  const remembered = lastRequestOf(request);
  if (remembered) await last.put(request.key, remembered);
  if (state.awaitingApproval) return { key: request.key, status: 'pending_approval', via };
  const activeUntil = Math.max(newEnd, currentEnd);
  await updateEntry(deps, request.key, { state: 'active', activeUntil });
  return { key: request.key, status: 'extended', via, activeUntil };
}
