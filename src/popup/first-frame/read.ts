import type { CatalogRecord, FIRST_SCREEN_KEY as Key, Prefs } from '../../shared/store/schema';

// The store's names, written out rather than imported: this module is the popup's entry, and an
// import of the schema (shared with the worker and the options page) would be one more module for
// the first frame to wait for. The tests read what the app's own store wrote under these names.
const DB_NAME = 'cloud-access';
const FIRST_SCREEN_KEY: typeof Key = 'current';

export interface FirstFrame {
  records: CatalogRecord[];
  prefs: Prefs;
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * The first-screen record and the prefs, with the bare IndexedDB API: the first frame must not wait
 * for the idb library, and must never create or upgrade the database (the app does that, with its
 * migrations), so a missing or older database simply gives no first frame.
 */
export async function readFirstFrame(factory: IDBFactory = indexedDB): Promise<FirstFrame | undefined> {
  const open = factory.open(DB_NAME);
  open.onupgradeneeded = () => open.transaction?.abort();
  const db = await request(open).catch(() => undefined);
  if (!db) return undefined;
  try {
    if (!db.objectStoreNames.contains('firstScreen')) return undefined;
    const tx = db.transaction(['firstScreen', 'prefs'], 'readonly');
    const [records, favorites, recents] = await Promise.all([
      request(tx.objectStore('firstScreen').get(FIRST_SCREEN_KEY) as IDBRequest<CatalogRecord[] | undefined>),
      request(tx.objectStore('prefs').get('favorites') as IDBRequest<string[] | undefined>),
      request(tx.objectStore('prefs').get('recents') as IDBRequest<string[] | undefined>),
    ]);
    if (!records) return undefined;
    return { records, prefs: { favorites: favorites ?? [], recents: recents ?? [] } };
  } finally {
    db.close();
  }
}
