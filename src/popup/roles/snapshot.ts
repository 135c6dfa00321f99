import { openStore } from '../../shared/store/open';
import { readCatalog, readCatalogHead, readPrefs } from '../../shared/store/read';
import type { CatalogRecord, Prefs } from '../../shared/store/schema';

export interface CatalogSnapshot {
  records: CatalogRecord[];
  prefs: Prefs;
  /** Only the first records: the rest is read right after the first paint. */
  partial: boolean;
}

// More than a screenful, so the first paint shows a full list even before the rest arrives.
const FIRST_SCREEN_ENTRIES = 60;

/**
 * The cached catalog and the user's favorites, read-only, straight from IndexedDB (no worker, no
 * network). `firstScreen` reads only the first tenant records, enough to paint the top of the list.
 */
export async function readSnapshot(options: { firstScreen?: boolean } = {}): Promise<CatalogSnapshot> {
  const db = await openStore();
  try {
    const [catalog, prefs] = await Promise.all([
      options.firstScreen
        ? readCatalogHead(db, FIRST_SCREEN_ENTRIES)
        : readCatalog(db).then((records) => ({ records, complete: true })),
      readPrefs(db),
    ]);
    performance.mark('catalog-loaded');
    return { records: catalog.records, prefs, partial: !catalog.complete };
  } finally {
    db.close();
  }
}
