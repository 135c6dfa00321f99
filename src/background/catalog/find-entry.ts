import type { Connection } from '../../shared/config/schema';
import type { CatalogEntry, LinkRecord } from '../../shared/store/schema';
import { Refusal } from '../errors/refusal';
import type { CatalogDeps } from './deps';
import { connectionById } from '../../shared/config/find-connection';

export interface EntryContext {
  entry: CatalogEntry;
  link: LinkRecord;
  connection: Connection;
}

/** The cached entry behind a key, with its tenant's link and connection: local reads only. */
export async function findEntry(key: string, deps: CatalogDeps): Promise<EntryContext> {
  const tenantId = key.split('|')[0] ?? '';
  const [record, link, loaded] = await Promise.all([
    deps.link.db.get('catalog', tenantId),
    deps.link.db.get('links', tenantId),
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
export async function updateEntry(
  deps: CatalogDeps,
  key: string,
  patch: Partial<Pick<CatalogEntry, 'state' | 'activeUntil'>>,
): Promise<void> {
  const tenantId = key.split('|')[0] ?? '';
  const tx = deps.link.db.transaction('catalog', 'readwrite');
  const record = await tx.store.get(tenantId);
  if (record) {
    record.entries = record.entries.map((e) => (e.key === key ? { ...e, ...patch } : e));
    record.updatedAt = Math.max(deps.link.now(), (record.updatedAt ?? 0) + 1);
    await tx.store.put(record);
  }
  await tx.done;
}
