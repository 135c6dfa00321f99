import type { CloudAccessRole } from '../../shared/config/schema';
import type { CatalogEntry } from '../../shared/store/schema';
import { isSafeScope, normalizeScope } from '../arm/scope';
import { GUID_SOURCE } from '../../shared/guid';
import { entryKey } from '../../shared/catalog/entry-key';

const GUID = new RegExp(`${GUID_SOURCE}$`, 'i');

function roleMatches(entry: CatalogEntry, role: string): boolean {
  const wanted = role.trim().toLowerCase();
  if (GUID.test(wanted)) return entry.roleDefinitionId.toLowerCase().endsWith(wanted.match(GUID)![0]);
  return entry.roleName.toLowerCase() === wanted;
}

/**
 * Cloud Access Roles an admin curated (docs/design.md §4): a held role at that scope is labelled with the
 * curated name; one the user does not hold is listed as `not_held`, so the popup can say what to ask for.
 */
export function applyCuratedRoles(
  entries: CatalogEntry[],
  curated: CloudAccessRole[],
  connectionId: string,
  tenantId: string,
): CatalogEntry[] {
  const result = entries.map((e) => ({ ...e }));
  for (const role of curated.filter((r) => r.connection === connectionId && isSafeScope(r.scope))) {
    const scope = normalizeScope(role.scope);
    const held = result.find((e) => normalizeScope(e.scope) === scope && roleMatches(e, role.role));
    if (held) {
      held.curatedName = role.name;
      continue;
    }
    const [, subscriptionId = '', , resourceGroup] = scope.split('/').filter(Boolean);
    result.push({
      key: entryKey(tenantId, scope, `curated:${role.name}`),
      tenantId,
      subscriptionId,
      subscriptionName: subscriptionId,
      resourceGroup,
      scope,
      roleDefinitionId: '',
      roleName: role.role,
      state: 'not_held',
      source: 'curated',
      curatedName: role.name,
    });
  }
  return result;
}
