import { isArmError } from '../arm/errors';
import { getActivationPolicy, type ActivationPolicy } from '../arm/policy';
import type { ArmContext } from '../arm/types';
import { hostsOf } from '../../shared/config/clouds';
import type { CatalogDeps } from '../catalog-deps';
import { armFetchFor } from '../link/arm-fetch';
import { getAccessToken } from '../link/session';
import type { EntryContext } from './find-entry';

/** ARM of an entry's tenant, with its token and the link's fetch. */
export async function armContextFor(deps: CatalogDeps, found: EntryContext): Promise<ArmContext> {
  return {
    armBase: hostsOf(found.connection.cloud).arm,
    accessToken: await getAccessToken(found.entry.tenantId, deps.link),
    fetch: armFetchFor(found.entry.tenantId, deps.link),
    sleep: deps.sleep,
  };
}

/**
 * The role's PIM policy, or undefined where the caller may not read it (401, 403, 404): PIM's
 * answer to the request then says what it wants. Throttling and network failures still stop.
 */
export async function readPolicyFor(
  deps: CatalogDeps,
  found: EntryContext,
): Promise<ActivationPolicy | undefined> {
  try {
    return await getActivationPolicy(await armContextFor(deps, found), {
      scope: found.entry.scope,
      roleDefinitionId: found.entry.roleDefinitionId,
    });
  } catch (error) {
    if (isArmError(error) && ['unauthorized', 'forbidden', 'not_found'].includes(error.code))
      return undefined;
    throw error;
  }
}
