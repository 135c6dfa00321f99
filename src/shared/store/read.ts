import type { IDBPDatabase } from 'idb';
import type { CatalogRecord, CloudAccessDB, LinkRecord, Prefs } from './schema';

// Read-only views for the popup and options page: they paint from this cache and leave every
// write to the service worker, so the two never race on the same records.

export function readLinks(db: IDBPDatabase<CloudAccessDB>): Promise<LinkRecord[]> {
  return db.getAll('links');
}

export function readCatalog(db: IDBPDatabase<CloudAccessDB>): Promise<CatalogRecord[]> {
  return db.getAll('catalog');
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
