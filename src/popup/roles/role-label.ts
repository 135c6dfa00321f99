import type { CatalogEntry } from '../../shared/store/schema';

type Translate = (key: string, substitutions?: string[]) => string;

/**
 * The role line of a row, the same in the first frame and the app: a curated role leads with the
 * admin's name; a Lighthouse delegation names the customer tenant, as its role is not known here.
 */
export function roleLabel(
  entry: Pick<CatalogEntry, 'roleName' | 'curatedName' | 'delegatedBy'>,
  tr: Translate,
): string {
  if (entry.delegatedBy) {
    const by = entry.delegatedBy.tenantName ?? entry.delegatedBy.tenantId;
    return by ? tr('roleDelegated', [by]) : tr('roleDelegatedUnnamed');
  }
  return entry.curatedName ? `${entry.curatedName} · ${entry.roleName}` : entry.roleName;
}
