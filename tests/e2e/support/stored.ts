// What the extension stored, and text on a page: shared by the end-to-end tests.
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './browser';

/** Everything in chrome.storage.local and chrome.storage.session, as JSON text. */
export async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () =>
    JSON.stringify({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
    }),
  );
}

/** The options layer as the worker stored it. */
export async function storedOptions(page: Page): Promise<unknown> {
  return page.evaluate(async () => (await chrome.storage.local.get('options')).options);
}

/** Rows in the link store: a test run must leave none behind. */
export async function linkStoreCounts(ext: ExtensionBrowser): Promise<{ links: number; secrets: number }> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('cloud-access');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
      });
    return { links: await count('links'), secrets: await count('secrets') };
  });
}

export async function textOf(page: Page, selector: string): Promise<string> {
  const handle = await page.waitForSelector(selector);
  return handle!.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
  await page.type(selector, value);
}
