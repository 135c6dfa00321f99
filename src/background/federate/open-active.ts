import { isActiveAt } from '../../shared/catalog/active';
import { portalUrl } from './portal-url';
import { hostsOf } from '../../shared/config/clouds';
import { Refusal } from '../errors/refusal';
import type { CatalogDeps } from '../catalog-deps';
import { findEntry } from './find-entry';
import { recordRecent } from '../store/prefs';

/**
 * One click on an active role: the portal opens at that scope, in that tenant, from the cached
 * catalog alone: no network round trip (docs/design.md §7).
 */
export async function openActive(deps: CatalogDeps, key: string): Promise<{ url: string }> {
  const { entry, connection } = await findEntry(key, deps);
  const now = deps.link.now();
  const active = isActiveAt(entry, now);
  if (!active) throw new Refusal(entry.state === 'not_held' ? 'role_not_held' : 'needs_activation');
  const url = portalUrl({
    portalBase: hostsOf(connection.cloud).portal,
    tenantId: entry.tenantId,
    scope: entry.scope,
  });
  await deps.openTab(url);
  await recordRecent(deps.link.db, key);
  return { url };
}
