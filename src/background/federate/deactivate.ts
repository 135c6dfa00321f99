import { newRequestName, processScheduleRequestResponse } from '../arm/activate';
import { ArmError, isArmError } from '../arm/errors';
import { deactivationBody, selfRequest } from '../arm/self-requests';
import { isActivated } from '../../shared/catalog/active-now';
import type { CatalogDeps } from '../catalog-deps';
import { Refusal } from '../errors/refusal';
import { armContextFor } from './entry-arm';
import { findEntry, updateEntry } from './find-entry';

/** Statuses that mean the activation is over or about to be (PIMCLI counts Revoked as failed). */
const ENDED = new Set(['Revoked', 'PendingRevocation', 'Accepted', 'Provisioned', 'Granted']);

/**
 * Ends an activation early (PIM SelfDeactivate): one request, and the catalog entry is eligible
 * again from PIM's answer. PIM's "too soon" (its first five minutes) comes back as a refusal in words.
 */
export async function deactivate(deps: CatalogDeps, key: string): Promise<{ ok: true }> {
  const found = await findEntry(key, deps);
  if (!isActivated(found.entry, deps.link.now())) throw new Refusal('not_activated');
  const ctx = await armContextFor(deps, found);
  try {
    const state = await processScheduleRequestResponse(
      await selfRequest(ctx, {
        scope: found.entry.scope,
        name: newRequestName(deps.randomUUID),
        body: deactivationBody({
          scope: found.entry.scope,
          principalId: found.link.oid,
          roleDefinitionId: found.entry.roleDefinitionId,
          linkedRoleEligibilityScheduleId: found.entry.eligibilityScheduleId!,
        }),
      }),
    );
    if (!ENDED.has(state.status)) {
      throw new ArmError('activation_failed', `PIM deactivation ended ${state.status}`, {
        status: 200,
        detail: { requestStatus: state.status },
      });
    }
  } catch (error) {
    const armCode = isArmError(error) ? error.detail.armCode : undefined;
    if (armCode === 'ActiveDurationTooShort') throw new Refusal('deactivate_too_soon');
    // Already over (expired or ended elsewhere): what the user wanted; the catalog catches up.
    if (armCode !== 'RoleAssignmentDoesNotExist') throw error;
  }
  await updateEntry(deps, key, { state: 'eligible', activeUntil: undefined });
  return { ok: true };
}
