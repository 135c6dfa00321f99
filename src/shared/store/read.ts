import type { IDBPDatabase } from 'idb';
import {
  FIRST_SCREEN_KEY,
  type CatalogRecord,
  type CloudAccessDB,
  type LinkRecord,
  type Prefs,
} from './schema';

// Read-only views for the popup and options page: they paint from this cache and leave every
// write to the service worker, so the two never race on the same records.

export function readLinks(db: IDBPDatabase<CloudAccessDB>): Promise<LinkRecord[]> {
  return db.getAll('links');
}

export function readCatalog(db: IDBPDatabase<CloudAccessDB>): Promise<CatalogRecord[]> {
  return db.getAll('catalog');
}

/**
 * The first tenant records, in key order, until they hold at least `minEntries` entries: enough for
 * the popup's first screen without cloning the whole catalog first. `complete` says nothing was left.
 */
export async function readCatalogHead(
  db: IDBPDatabase<CloudAccessDB>,
  minEntries: number,
): Promise<{ records: CatalogRecord[]; complete: boolean }> {
  const records: CatalogRecord[] = [];
  let entries = 0;
  let cursor = await db.transaction('catalog', 'readonly').store.openCursor();
  while (cursor && entries < minEntries) {
    records.push(cursor.value);
    entries += cursor.value.entries.length;
    cursor = await cursor.continue();
  }
  return { records, complete: cursor === null };
}

/**
 * The popup's first frame in one read-only transaction: the worker's first-screen record (the top of
 * the list, a few dozen entries whatever the catalog's size) and the prefs. `undefined` when no
 * worker has written one yet.
 */
export async function readFirstScreen(
  db: IDBPDatabase<CloudAccessDB>,
): Promise<{ records: CatalogRecord[]; prefs: Prefs } | undefined> {
  const tx = db.transaction(['firstScreen', 'prefs'], 'readonly');
  const [records, favorites, recents] = await Promise.all([
    tx.objectStore('firstScreen').get(FIRST_SCREEN_KEY),
    tx.objectStore('prefs').get('favorites'),
    tx.objectStore('prefs').get('recents'),
    tx.done,
  ]);
  return records && { records, prefs: { favorites: favorites ?? [], recents: recents ?? [] } };
}

export async function readPrefs(db: IDBPDatabase<CloudAccessDB>): Promise<Prefs> {
  const tx = db.transaction('prefs', 'readonly');
  const [favorites, recents] = await Promise.all([
    tx.store.get('favorites'),
    tx.store.get('recents'),
    tx.done,
  ]);
  return { favorites: favorites ?? [], recents: recents ?? [] };
}
