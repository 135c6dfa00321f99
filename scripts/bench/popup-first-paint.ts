import type { Outcome } from './budgets';
import { listPaintedAt, writeCatalog } from './page';
import { launch, type Cleanup } from './session';
import { median, round } from './stats';
import { syntheticCatalog } from './synthetic-catalog';
import type { ExtensionBrowser } from '../../tests/e2e/support/browser';
import { openPopup, POPUP } from '../../tests/e2e/support/popup';

interface Opening {
  /** The popup's `list-painted` mark: ms from navigation start. */
  painted: number;
  /** Its `catalog-loaded` mark (IndexedDB read done). */
  loaded: number;
  /** DOMContentLoaded (the module scripts have run). */
  domReady: number;
  rows: number;
}

/** Opens the popup `count` times in fresh tabs, after one opening that warms the caches. */
async function openings(ext: ExtensionBrowser, count: number): Promise<Opening[]> {
  const out: Opening[] = [];
  for (let i = 0; i <= count; i++) {
    const page = await ext.openPage(POPUP);
    await page.bringToFront();
    const painted = await listPaintedAt(page);
    const rest = (await page.evaluate(`({
      loaded: performance.getEntriesByName('catalog-loaded')[0]?.startTime ?? NaN,
      domReady: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
      rows: document.querySelectorAll('#results .entry').length,
    })`)) as Omit<Opening, 'painted'>;
    await page.close();
    if (i > 0) out.push({ painted, ...rest });
  }
  return out;
}

/**
 * Popup open → first list painted from the cache: 10,000 entries across 3 tenants written straight
 * into IndexedDB, no connection (so nothing refreshes from the network), the popup opened `runs`
 * times in fresh tabs; the popup's own `list-painted` mark, ms from navigation start. The same with
 * an empty catalog is reported alongside, as the part that does not depend on the catalog.
 */
export async function measurePopupFirstPaint(
  cleanup: Cleanup,
  { entries = 10_000, tenants = 3, runs = 15 } = {},
): Promise<Outcome> {
  const ext = await launch(cleanup);
  // The first opening creates the database at the extension's version.
  const first = await openPopup(ext);
  await listPaintedAt(first);
  await writeCatalog(first, syntheticCatalog({ entries, tenants }));
  await first.close();
  const full = await openings(ext, runs);
  if (full.some((o) => o.rows === 0)) throw new Error('the popup painted no entry from the cache');

  const again = await openPopup(ext);
  await writeCatalog(again, syntheticCatalog({ entries: 0, tenants: 1 }));
  await again.close();
  const empty = await openings(ext, Math.min(runs, 7));

  const m = (list: Opening[], k: keyof Opening) => round(median(list.map((o) => o[k])));
  const painted = full.map((o) => o.painted);
  return {
    ok: true,
    value: m(full, 'painted'),
    notes: [
      `${runs} openings: min ${round(Math.min(...painted))} ms, max ${round(Math.max(...painted))} ms; ` +
        `medians: DOMContentLoaded ${m(full, 'domReady')} ms, catalog-loaded ${m(full, 'loaded')} ms, list-painted ${m(full, 'painted')} ms`,
      `same popup, empty catalog: DOMContentLoaded ${m(empty, 'domReady')} ms, catalog-loaded ${m(empty, 'loaded')} ms, list-painted ${m(empty, 'painted')} ms`,
    ],
  };
}
