import { getActivationPolicy } from '../arm/policy';
import { isArmError } from '../arm/errors';
import { activateAndWait, type ActivationOutcome } from './activate-and-wait';
import { newRequestName } from '../arm/activate';
import {
  answersOf,
  planActivation,
  validateActivation,
  type ActivationPlan,
  type PolicyRefusal,
} from './activation-plan';
import type { ActivationPolicy } from '../arm/policy';
import { portalUrl } from './portal-url';
import { hostsOf } from '../../shared/config/clouds';
import type { ActivationPlanView, ActivationState } from '../../shared/messages/catalog-contract';
import { forgetAccessToken } from '../link/access-tokens';
import { armFetchFor } from '../link/arm-fetch';
import { getAccessToken } from '../link/session';
import { t } from '../../shared/i18n';
import { MFA_CLAIMS, stepUp } from '../link/step-up';
import { toUiError } from '../errors/to-ui-error';
import { Refusal } from '../errors/refusal';
import type { CatalogDeps } from '../catalog-deps';
import { findEntry, updateEntry, type EntryContext } from './find-entry';
import { recordRecent } from '../store/prefs';

export async function armContext(deps: CatalogDeps, found: EntryContext) {
  return {
    armBase: hostsOf(found.connection.cloud).arm,
    accessToken: await getAccessToken(found.entry.tenantId, deps.link),
    fetch: armFetchFor(found.entry.tenantId, deps.link),
    sleep: deps.sleep,
  };
}

/**
 * Azure RBAC can take minutes to honour a new role, and a token issued after the activation sees
 * it sooner (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting: signing
 * in again refreshes role assignments; https://github.com/microsoft/azurestorageexplorer/issues/8000).
 * The old token is dropped and a new one fetched; failing that, the next ARM call renews it anyway.
 */
async function renewToken(deps: CatalogDeps, tenantId: string): Promise<void> {
  forgetAccessToken(tenantId);
  try {
    await getAccessToken(tenantId, deps.link);
  } catch {
    // The activation succeeded; a renewal problem surfaces on the next call that needs the token.
  }
}

// What PIM refused on the last attempt per key, so the next form asks exactly for that.
const refusals = new Map<string, PolicyRefusal>();

/**
 * Reading a policy needs read access at the scope, which an eligible-only user usually lacks: a
 * 401, 403 or 404 there means "policy unknown", not "cannot activate" (the PUT itself is
 * allowed by the eligibility). Anything else (throttling, network) still stops the activation.
 */
async function readPolicy(deps: CatalogDeps, found: EntryContext): Promise<ActivationPolicy | undefined> {
  try {
    return await getActivationPolicy(await armContext(deps, found), {
      scope: found.entry.scope,
      roleDefinitionId: found.entry.roleDefinitionId,
    });
  } catch (error) {
    if (isArmError(error) && ['unauthorized', 'forbidden', 'not_found'].includes(error.code))
      return undefined;
    throw error;
  }
}

async function planFor(deps: CatalogDeps, found: EntryContext, key: string): Promise<ActivationPlan> {
  const { config } = await deps.link.loadConfig();
  return planActivation(await readPolicy(deps, found), config.pim, refusals.get(key));
}

function eligibleEntry(found: EntryContext): void {
  if (found.entry.state === 'not_held') throw new Refusal('role_not_held');
  if (found.entry.state !== 'eligible' || !found.entry.eligibilityScheduleId)
    throw new Refusal('not_eligible');
}

/** What the activation form must ask, read from the role's PIM policy (the only network call before it). */
export async function activationPlan(deps: CatalogDeps, key: string): Promise<ActivationPlanView> {
  const found = await findEntry(key, deps);
  eligibleEntry(found);
  const plan = await planFor(deps, found, key);
  const view: ActivationPlanView = {
    key,
    duration: plan.fields.duration,
    justification: plan.fields.justification,
    ticket: plan.fields.ticket,
    requireApproval: plan.requireApproval,
    needsInput: plan.needsInput,
    policyKnown: plan.policyKnown,
  };
  if (plan.refusedRules) view.refusedRules = plan.refusedRules;
  return view;
}

/**
 * Records what a PIM request came to: the cached entry, a token that sees the new role, and the
 * state the popup shows. Used right after the PUT and by a worker following a request it found
 * again after a restart.
 */
export async function settleActivation(
  deps: CatalogDeps,
  found: EntryContext,
  outcome: ActivationOutcome,
  request: { startedAt: number; durationMinutes: number },
): Promise<ActivationState> {
  const key = found.entry.key;
  const base = { key, startedAt: request.startedAt };
  if (!outcome.ok) {
    // Waiting for a person (approval), or Azure still provisioning after our wait: both settle later.
    if (outcome.awaitingApproval) await updateEntry(deps, key, { state: 'pending' });
    const later: ActivationState = {
      ...base,
      status: outcome.awaitingApproval ? 'pending_approval' : 'provisioning',
    };
    await deps.writeActivation(later);
    return later;
  }
  await updateEntry(
    deps,
    key,
    // Already active: its real end time comes with the next refresh, not from this request.
    // Otherwise counted from now, when PIM has accepted it: never before the end PIM keeps, so an
    // extension dated at this end cannot overlap the activation it carries on.
    outcome.alreadyActive
      ? { state: 'active' }
      : { state: 'active', activeUntil: deps.link.now() + request.durationMinutes * 60_000 },
  );
  if (!outcome.alreadyActive) await renewToken(deps, found.entry.tenantId);
  const done: ActivationState = {
    ...base,
    status: 'provisioned',
    ...(outcome.alreadyActive ? {} : { accessMayLag: true }),
  };
  await deps.writeActivation(done);
  if (done.accessMayLag) await deps.notify?.(t('realismAccessDelay'));
  return done;
}

/**
 * Activates an eligible role (PIM SelfActivate) within its policy, waits until Azure provisions it,
 * then opens the portal there. The worker owns it end to end; progress goes to storage.session.
 */
// What ARM last asked for before it would activate a key (its claims request), for the step-up retry.
const stepUpClaims = new Map<string, string>();

export async function activateAndOpen(
  deps: CatalogDeps,
  request: {
    key: string;
    durationMinutes: number;
    justification?: string;
    ticket?: string;
    ticketSystem?: string;
    stepUp?: boolean;
  },
): Promise<ActivationState> {
  const found = await findEntry(request.key, deps);
  eligibleEntry(found);
  const startedAt = deps.link.now();
  const state = (
    status: ActivationState['status'],
    extra: Partial<ActivationState> = {},
  ): ActivationState => ({
    key: request.key,
    status,
    startedAt,
    ...extra,
  });
  await deps.writeActivation(state('activating'));
  try {
    if (request.stepUp) {
      await stepUp(found.entry.tenantId, stepUpClaims.get(request.key) ?? MFA_CLAIMS, deps.link);
      stepUpClaims.delete(request.key);
    }
    const plan = await planFor(deps, found, request.key);
    const checked = validateActivation(plan, answersOf(request));
    if (!checked.ok) {
      const issue = checked.issues[0]!;
      const failed = state('failed', {
        error: { code: `activation_${issue.code}`, detail: { field: issue.field } },
      });
      await deps.writeActivation(failed);
      return failed;
    }
    const requestName = newRequestName(deps.randomUUID);
    // Kept before the PUT: a worker stopped after sending it finds this request again on its next
    // start (resume-activations.ts) rather than sending a second one.
    await deps.writeActivation(
      state('activating', { requestName, durationMinutes: checked.value.durationMinutes }),
    );
    const outcome = await activateAndWait({
      name: requestName,
      ctx: await armContext(deps, found),
      input: {
        scope: found.entry.scope,
        principalId: found.link.oid,
        roleDefinitionId: found.entry.roleDefinitionId,
        linkedRoleEligibilityScheduleId: found.entry.eligibilityScheduleId!,
        durationMinutes: checked.value.durationMinutes,
        justification: checked.value.justification,
        ticket: checked.value.ticket,
      },
      randomUUID: deps.randomUUID,
      now: deps.link.now,
    });
    refusals.delete(request.key);
    const settled = await settleActivation(deps, found, outcome, {
      startedAt,
      durationMinutes: checked.value.durationMinutes,
    });
    if (!outcome.ok) return settled;
    await deps.openTab(
      portalUrl({
        portalBase: hostsOf(found.connection.cloud).portal,
        tenantId: found.entry.tenantId,
        scope: found.entry.scope,
      }),
    );
    await recordRecent(deps.link.db, request.key);
    return settled;
  } catch (error) {
    if (isArmError(error) && error.code === 'auth_context_required' && error.detail.claims) {
      stepUpClaims.set(request.key, error.detail.claims);
    }
    if (isArmError(error) && error.code === 'policy_failed' && error.detail.rules?.length) {
      refusals.set(request.key, { rules: error.detail.rules, durationMinutes: request.durationMinutes });
    }
    const failed = state('failed', { error: toUiError(error) });
    await deps.writeActivation(failed);
    return failed;
  }
}
