import type { IDBPDatabase } from 'idb';
import { readCatalog } from '../../shared/store/read';
import type { CatalogEntry, CatalogRecord, CloudAccessDB } from '../../shared/store/schema';
import { FIRST_SCREEN_STORES, rewriteFirstScreen } from '../../shared/store/first-screen';
import { writeTransaction } from './transaction';

type DB = IDBPDatabase<CloudAccessDB>;

/** The cached roles, one record per tenant: written by a refresh, read to open or activate. */
export function listCatalogs(db: DB): Promise<CatalogRecord[]> {
  return readCatalog(db);
}

export function getCatalog(db: DB, tenantId: string): Promise<CatalogRecord | undefined> {
  return db.get('catalog', tenantId);
}

/** Replaces a tenant's record with a fresh refresh's. */
export function putCatalog(db: DB, record: CatalogRecord): Promise<void> {
  return writeTransaction(db, [...FIRST_SCREEN_STORES], async (tx) => {
    await tx.objectStore('catalog').put(record);
    await rewriteFirstScreen(tx);
  });
}

/**
 * Changes one entry in place (after an activation), leaving the rest of the record alone, in one
 * transaction so that a refresh writing meanwhile is not overwritten by a stale copy. `updatedAt`
 * always moves forward, so caches keyed on it see the change even within the same millisecond.
 */
export function updateCatalogEntry(
  db: DB,
  tenantId: string,
  key: string,
  patch: Partial<Pick<CatalogEntry, 'state' | 'activeUntil'>>,
  now: number,
): Promise<void> {
  return writeTransaction(db, [...FIRST_SCREEN_STORES], async (tx) => {
    const store = tx.objectStore('catalog');
    const record = await store.get(tenantId);
    if (!record) return;
    record.entries = record.entries.map((e) => (e.key === key ? { ...e, ...patch } : e));
    record.updatedAt = Math.max(now, (record.updatedAt ?? 0) + 1);
    await store.put(record);
    await rewriteFirstScreen(tx);
  });
}
