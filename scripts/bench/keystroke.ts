import type { Outcome } from './budgets';
import { listPaintedAt, timeKeystroke, writeCatalog, type KeystrokeTiming } from './page';
import { launch, type Cleanup } from './session';
import { median, percentile, round } from './stats';
import { KEYSTROKES } from './keystrokes';
import { syntheticCatalog } from './synthetic-catalog';
import { openPopup } from '../../tests/e2e/support/popup';

/**
 * One search keystroke → list updated and painted, 50,000 entries: each key pressed for real in the
 * popup's search box, timed in the page from the keydown (capture phase) to the first frame painted
 * after `#results` changed.
 */
export async function measureKeystroke(
  cleanup: Cleanup,
  { entries = 50_000, tenants = 3, keys = KEYSTROKES } = {},
): Promise<{ median: Outcome; p95: Outcome }> {
  const ext = await launch(cleanup);
  const setup = await openPopup(ext);
  await listPaintedAt(setup);
  await writeCatalog(setup, syntheticCatalog({ entries, tenants }));
  await setup.close();

  const page = await openPopup(ext);
  await page.bringToFront();
  await listPaintedAt(page, 30_000);
  await page.focus('#search');
  const timings: KeystrokeTiming[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const timing = await timeKeystroke(page, key, 1_500);
    if (timing) timings.push(timing);
    else unchanged++;
  }
  const query = await page.$eval('#search', (el) => (el as HTMLInputElement).value);
  await page.close();
  if (timings.length < keys.length / 2) {
    throw new Error(`only ${timings.length} of ${keys.length} keystrokes changed the list`);
  }
  const pick = (k: keyof KeystrokeTiming) => round(median(timings.map((t) => t[k])));
  const painted = timings.map((t) => t.painted);
  const worst = round(Math.max(...painted));
  const p95 = round(percentile(painted, 95));
  return {
    p95: { ok: true, value: p95, notes: [`${timings.length} keystrokes; worst ${worst} ms`] },
    median: {
      ok: true,
      value: pick('painted'),
      notes: [
        `${timings.length} keystrokes${unchanged ? ` (${unchanged} left the list unchanged, not counted)` : ''}; ` +
          `median keydown → DOM updated ${pick('script')} ms, → next frame started ${pick('nextFrame')} ms; worst painted ${worst} ms`,
        ...(query ? [`search box ended as "${query}"`] : []),
      ],
    },
  };
}
