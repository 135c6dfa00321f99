import { openStore } from '../../shared/store/open';
import { FIRST_SCREEN_ENTRIES } from '../../shared/catalog/first-screen';
import { readCatalog, readCatalogHead, readFirstScreen, readPrefs } from '../../shared/store/read';
import type { CatalogRecord, Prefs } from '../../shared/store/schema';

export interface CatalogSnapshot {
  records: CatalogRecord[];
  prefs: Prefs;
  /** Only the first records: the rest is read right after the first paint. */
  partial: boolean;
}

/**
 * The cached catalog and the user's favorites, read-only, straight from IndexedDB (no worker, no
 * network). `firstScreen` reads only what the first frame shows: the record the worker keeps of the
 * top of the list, else the first tenant records.
 */
export async function readSnapshot(options: { firstScreen?: boolean } = {}): Promise<CatalogSnapshot> {
  const db = await openStore();
  try {
    if (options.firstScreen) {
      const first = await readFirstScreen(db);
      if (first) {
        performance.mark('catalog-loaded');
        return { ...first, partial: true };
      }
    }
    // No first screen written yet (a database from before it existed, not yet rewritten).
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
