import type { Page } from 'puppeteer-core';
import type { Outcome } from './budgets';
import { BARE_PAGE, installBarePage } from './bare-page';
import { listPaintedAt, writeCatalog } from './page';
import { launch, type Cleanup } from './session';
import { median, percentile, round } from './stats';
import { syntheticCatalog } from './synthetic-catalog';
import type { ExtensionBrowser } from '../../tests/e2e/support/browser';
import { openPopup, POPUP } from '../../tests/e2e/support/popup';

/** One opening of a page, ms from its navigation start. */
interface Opening {
  /** The page's `list-painted` mark: the first frame with the list (or, bare, with its word). */
  painted: number;
  /** The HTML has arrived. */
  html: number;
  /** `page-start`: the entry module began to run (its whole import graph fetched and evaluated). */
  started: number;
  /** `catalog-loaded`: the IndexedDB read of the first screen is done. */
  loaded: number;
  /** `popup-rendered`: preact's first render returned. */
  rendered: number;
  rows: number;
}

const READ_TIMINGS = `(() => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    html: nav ? nav.responseEnd : NaN,
    started: mark('page-start'),
    loaded: mark('catalog-loaded'),
    rendered: mark('popup-rendered'),
    rows: document.querySelectorAll('#results .entry').length,
  };
})()`;

async function open(ext: ExtensionBrowser, pagePath: string): Promise<Opening> {
  const page: Page = await ext.openPage(pagePath);
  try {
    await page.bringToFront();
    const painted = await listPaintedAt(page, 30_000);
    return { painted, ...((await page.evaluate(READ_TIMINGS)) as Omit<Opening, 'painted'>) };
  } finally {
    await page.close();
  }
}

/**
 * The popup and the bare page opened turn about, `count` times each, after one opening of each that
 * warms the caches: both then meet the same browser state, so their ratio holds on any machine.
 */
async function interleaved(ext: ExtensionBrowser, count: number) {
  const popup: Opening[] = [];
  const bare: Opening[] = [];
  for (let i = 0; i <= count; i++) {
    const b = await open(ext, BARE_PAGE);
    const p = await open(ext, POPUP);
    if (i > 0) {
      bare.push(b);
      popup.push(p);
    }
  }
  return { popup, bare };
}

export interface FirstPaintFigures {
  popup10k: Outcome;
  popupEmpty: Outcome;
  bare: Outcome;
  ratio10k: Outcome;
}

const m = (list: Opening[], k: keyof Opening) => round(median(list.map((o) => o[k])));

/** Where an opening's time goes, stage by stage (medians), for the note under the table. */
function breakdown(list: Opening[]): string {
  const stage = (k: keyof Opening) => (list.some((o) => Number.isFinite(o[k])) ? `${m(list, k)}` : '–');
  return (
    `HTML ${stage('html')} → entry module runs ${stage('started')} → first screen read ${stage('loaded')} → rendered ${stage('rendered')} → ` +
    `painted ${stage('painted')} ms`
  );
}

/**
 * Popup open → first list painted from the cache, 10,000 entries across 3 tenants written straight
 * into IndexedDB (no connection, so nothing refreshes from the network); the same with an empty
 * catalog; and a bare extension page with one tiny module script, opened in turn with the popup in
 * the same browser. Each the page's own `list-painted` mark, ms from navigation start.
 */
export async function measureFirstPaint(
  cleanup: Cleanup,
  { entries = 10_000, tenants = 3, runs = 25 } = {},
): Promise<FirstPaintFigures> {
  cleanup.defer(installBarePage());
  const ext = await launch(cleanup);
  // The first opening creates the database at the extension's version.
  const first = await openPopup(ext);
  await listPaintedAt(first);
  await writeCatalog(first, syntheticCatalog({ entries, tenants }));
  await first.close();
  const full = await interleaved(ext, runs);
  if (full.popup.some((o) => o.rows === 0)) throw new Error('the popup painted no entry from the cache');

  const again = await openPopup(ext);
  await writeCatalog(again, syntheticCatalog({ entries: 0, tenants: 1 }));
  await again.close();
  const empty = await interleaved(ext, runs);

  const bare = [...full.bare, ...empty.bare];
  const barePainted = m(bare, 'painted');
  const painted = full.popup.map((o) => o.painted);
  const ratio = round(median(full.popup.map((o, i) => o.painted / full.bare[i]!.painted)), 2);
  return {
    popup10k: {
      ok: true,
      value: m(full.popup, 'painted'),
      notes: [
        `${runs} openings: min ${round(Math.min(...painted))} ms, p95 ${round(percentile(painted, 95))} ms, max ${round(Math.max(...painted))} ms`,
        `10k: ${breakdown(full.popup)}`,
      ],
    },
    popupEmpty: { ok: true, value: m(empty.popup, 'painted'), notes: [`empty: ${breakdown(empty.popup)}`] },
    bare: { ok: true, value: barePainted, notes: [`bare: ${breakdown(bare)}`] },
    ratio10k: {
      ok: true,
      value: ratio,
      notes: [`median of ${runs} paired openings (popup at 10k ÷ the bare page opened just before it)`],
    },
  };
}
