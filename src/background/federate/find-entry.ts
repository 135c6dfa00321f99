import type { Connection } from '../../shared/config/schema';
import type { CatalogEntry, LinkRecord } from '../../shared/store/schema';
import { Refusal } from '../errors/refusal';
import type { CatalogDeps } from '../catalog-deps';
import { getCatalog, updateCatalogEntry } from '../store/catalog';
import { getLink } from '../store/links';
import { tenantOfKey } from '../../shared/catalog/entry-key';
import { connectionById } from '../../shared/config/find-connection';

export interface EntryContext {
  entry: CatalogEntry;
  link: LinkRecord;
  connection: Connection;
}

/** The cached entry behind a key, with its tenant's link and connection: local reads only. */
export async function findEntry(key: string, deps: CatalogDeps): Promise<EntryContext> {
  const tenantId = tenantOfKey(key);
  const [record, link, loaded] = await Promise.all([
    getCatalog(deps.link.db, tenantId),
    getLink(deps.link.db, tenantId),
    deps.link.loadConfig(),
  ]);
  const entry = record?.entries.find((e) => e.key === key);
  if (!entry) throw new Refusal('entry_not_found');
  if (!link) throw new Refusal('not_linked');
  const connection = connectionById(loaded.config, link.connectionId);
  if (!connection) throw new Refusal('connection_not_found');
  return { entry, link, connection };
}

/** Changes one cached entry in place (after an activation), leaving the rest of the record alone. */
export function updateEntry(
  deps: CatalogDeps,
  key: string,
  patch: Partial<Pick<CatalogEntry, 'state' | 'activeUntil'>>,
): Promise<void> {
  return updateCatalogEntry(deps.link.db, tenantOfKey(key), key, patch, deps.link.now());
}
