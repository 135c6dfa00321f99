import { isArmError } from '../arm/errors';
import type { ActivationBatch, BatchItem, ManyPlanView } from '../../shared/messages/lifecycle-contract';
import type { CatalogDeps } from '../catalog-deps';
import { toUiError } from '../errors/to-ui-error';
import { Refusal } from '../errors/refusal';
import { lastRequestOf, type LastRequestStore } from '../lifecycle/last-request';
import { mapLimit } from '../refresh/map-limit';
import { activateAndWait } from './activate-and-wait';
import { planActivation, validateActivation, type ActivationPlan, answersOf } from './activation-plan';
import { armContextFor, readPolicyFor } from './entry-arm';
import { findEntry, updateEntry, type EntryContext } from './find-entry';
import { unionOfPlans } from './plan-union';

/**
 * Two requests in flight: ARM allows a principal 200 writes per 10 s per subscription (docs/wire.md
 * §6.7), so this stays far inside it while a batch of several roles still finishes in a few seconds.
 */
const IN_FLIGHT = 2;

async function eligible(deps: CatalogDeps, key: string): Promise<EntryContext> {
  const found = await findEntry(key, deps);
  if (found.entry.state !== 'eligible' || !found.entry.eligibilityScheduleId)
    throw new Refusal('not_eligible');
  return found;
}

async function plansFor(deps: CatalogDeps, keys: readonly string[]) {
  const { config } = await deps.link.loadConfig();
  return mapLimit(keys, IN_FLIGHT, async (key) => {
    const found = await eligible(deps, key);
    return { key, found, plan: planActivation(await readPolicyFor(deps, found), config.pim) };
  });
}

/** The one form several roles need: the union of their policies (plan-union.ts). */
export async function planMany(deps: CatalogDeps, keys: string[]): Promise<ManyPlanView> {
  const unique = [...new Set(keys)];
  const union = unionOfPlans((await plansFor(deps, unique)).map((p) => p.plan));
  const view: ManyPlanView = {
    keys: unique,
    duration: union.fields.duration,
    requireApproval: union.requireApproval,
  };
  if (union.fields.justification) view.justification = union.fields.justification;
  if (union.fields.ticket) view.ticket = union.fields.ticket;
  return view;
}

async function activateOne(
  deps: CatalogDeps,
  found: EntryContext,
  plan: ActivationPlan,
  answers: { durationMinutes: number; justification?: string; ticket?: string; ticketSystem?: string },
): Promise<BatchItem> {
  const key = found.entry.key;
  const checked = validateActivation(plan, answersOf(answers));
  if (!checked.ok) {
    const issue = checked.issues[0]!;
    return {
      key,
      status: 'failed',
      error: { code: `activation_${issue.code}`, detail: { field: issue.field } },
    };
  }
  try {
    const outcome = await activateAndWait({
      ctx: await armContextFor(deps, found),
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
    if (!outcome.ok) {
      if (outcome.awaitingApproval) await updateEntry(deps, key, { state: 'pending' });
      return { key, status: outcome.awaitingApproval ? 'pending_approval' : 'provisioning' };
    }
    await updateEntry(
      deps,
      key,
      outcome.alreadyActive
        ? { state: 'active' }
        : { state: 'active', activeUntil: deps.link.now() + checked.value.durationMinutes * 60_000 },
    );
    return { key, status: 'provisioned' };
  } catch (error) {
    if (isArmError(error) && error.code === 'request_pending') return { key, status: 'pending_approval' };
    return { key, status: 'failed', error: toUiError(error, 'activation.startMany') };
  }
}

/**
 * Activates several eligible roles with one set of answers: one request per role, at most two in
 * flight, progress per role written as it changes, and a summary that names every outcome.
 */
export async function activateMany(
  deps: CatalogDeps,
  request: {
    keys: string[];
    durationMinutes: number;
    justification?: string;
    ticket?: string;
    ticketSystem?: string;
  },
  write: (batch: ActivationBatch) => Promise<void>,
  last: LastRequestStore,
): Promise<ActivationBatch> {
  const keys = [...new Set(request.keys)];
  const batch: ActivationBatch = {
    startedAt: deps.link.now(),
    running: true,
    items: keys.map((key) => ({ key, status: 'queued' })),
  };
  const set = async (index: number, item: BatchItem) => {
    batch.items[index] = item;
    await write(structuredClone(batch));
  };
  await write(structuredClone(batch));
  const remembered = lastRequestOf(request);
  await mapLimit(keys, IN_FLIGHT, async (key, index) => {
    await set(index, { key, status: 'activating' });
    let item: BatchItem;
    try {
      const found = await eligible(deps, key);
      const { config } = await deps.link.loadConfig();
      const plan = planActivation(await readPolicyFor(deps, found), config.pim);
      item = await activateOne(deps, found, plan, request);
    } catch (error) {
      item = { key, status: 'failed', error: toUiError(error, 'activation.startMany') };
    }
    if (item.status !== 'failed' && remembered) await last.put(key, remembered);
    await set(index, item);
  });
  batch.running = false;
  await write(structuredClone(batch));
  return batch;
}
