import { openStore } from '../../shared/store/open';
import { readCatalog, readPrefs } from '../../shared/store/read';
import type { CatalogRecord, Prefs } from '../../shared/store/schema';

export interface CatalogSnapshot {
  records: CatalogRecord[];
  prefs: Prefs;
  /** Only the first screen (the first frame's record): the whole cache is read right after. */
  partial: boolean;
}

/**
 * The whole cached catalog and the user's favorites, read-only, straight from IndexedDB (no worker,
 * no network). Opening the store here also runs its migrations when the extension was updated.
 */
export async function readSnapshot(): Promise<CatalogSnapshot> {
  const db = await openStore();
  try {
    const [records, prefs] = await Promise.all([readCatalog(db), readPrefs(db)]);
    performance.mark('catalog-loaded');
    return { records, prefs, partial: false };
  } finally {
    db.close();
  }
}
