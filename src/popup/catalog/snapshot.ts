import { openStore } from '../../shared/store/open';
import { readCatalog, readPrefs } from '../../shared/store/read';
import type { CatalogRecord, Prefs } from '../../shared/store/schema';

export interface CatalogSnapshot {
  records: CatalogRecord[];
  prefs: Prefs;
}

/** The cached catalog and the user's favorites, read-only, straight from IndexedDB (no worker, no network). */
export async function readSnapshot(): Promise<CatalogSnapshot> {
  const db = await openStore();
  try {
    const [records, prefs] = await Promise.all([readCatalog(db), readPrefs(db)]);
    performance.mark('catalog-loaded');
    return { records, prefs };
  } finally {
    db.close();
  }
}
