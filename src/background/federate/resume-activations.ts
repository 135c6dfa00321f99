import type { ActivationState } from '../../shared/messages/catalog-contract';
import { isArmError } from '../arm/errors';
import type { CatalogDeps } from '../catalog-deps';
import { toUiError } from '../errors/to-ui-error';
import { armContext, settleActivation } from './activate';
import { followActivation } from './activate-and-wait';
import { findEntry } from './find-entry';

/**
 * At a worker's start, what a stopped worker left `activating`: a request whose name was kept was
 * (or may have been) sent, so it is read back by name and followed to its end, never sent again;
 * one without a name never left the extension and is closed with a calm retry. Resolves once every
 * entry has been closed or handed to its follower (`following`), which runs on without the caller.
 */
export async function resumeActivations(
  deps: CatalogDeps,
  activations: Record<string, ActivationState>,
): Promise<{ following: Promise<void>[] }> {
  const following: Promise<void>[] = [];
  for (const activation of Object.values(activations)) {
    if (activation.status !== 'activating') continue;
    if (!activation.requestName) {
      await deps.writeActivation(failed(activation, { code: 'activation_interrupted' }));
      continue;
    }
    following.push(follow(deps, activation, activation.requestName));
  }
  return { following };
}

async function follow(deps: CatalogDeps, activation: ActivationState, requestName: string): Promise<void> {
  try {
    const found = await findEntry(activation.key, deps);
    const outcome = await followActivation({
      ctx: await armContext(deps, found),
      scope: found.entry.scope,
      name: requestName,
      now: deps.link.now,
    });
    await settleActivation(deps, found, outcome, {
      startedAt: activation.startedAt,
      durationMinutes: activation.durationMinutes ?? 0,
    });
  } catch (error) {
    // ARM never heard of it: the stopped worker did not get the PUT out. Nothing to follow.
    const code =
      isArmError(error) && error.code === 'not_found'
        ? { code: 'activation_not_received' }
        : toUiError(error);
    await deps.writeActivation(failed(activation, code)).catch(() => undefined);
  }
}

function failed(activation: ActivationState, error: ActivationState['error']): ActivationState {
  const state: ActivationState = {
    key: activation.key,
    status: 'failed',
    startedAt: activation.startedAt,
  };
  if (error) state.error = error;
  return state;
}
