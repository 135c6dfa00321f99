import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { rewriteFirstScreen } from './first-screen';
import type { CloudAccessDB } from './schema';

export type UpgradeTransaction = IDBPTransaction<CloudAccessDB, StoreNames<CloudAccessDB>[], 'versionchange'>;

/**
 * Moves the database from version `i` to `i + 1`, where `i` is the migration's index.
 * It may be async, but must only await IndexedDB requests of `tx`: awaiting anything else lets the
 * upgrade transaction commit half-way.
 */
export type Migration = (db: IDBPDatabase<CloudAccessDB>, tx: UpgradeTransaction) => void | Promise<void>;

// Append only: never edit a migration that has shipped, users' databases already ran it.
// The schema types describe the latest version, so a future migration that touches a store
// removed later may need a cast.
export const MIGRATIONS: readonly Migration[] = [
  // 0 -> 1
  (db) => {
    const links = db.createObjectStore('links', { keyPath: 'tenantId' });
    links.createIndex('byConnection', 'connectionId');
    db.createObjectStore('secrets', { keyPath: 'tenantId' });
    db.createObjectStore('keys');
    db.createObjectStore('catalog', { keyPath: 'tenantId' });
    db.createObjectStore('prefs');
  },
  // 1 -> 2: the popup's first screen, built at once from what is cached.
  async (db, tx) => {
    db.createObjectStore('firstScreen');
    await rewriteFirstScreen(tx);
  },
];
