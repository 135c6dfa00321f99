import type { Page } from 'puppeteer-core';
import type { CatalogRecord } from '../../src/shared/store/schema';
import { DB_NAME, FIRST_SCREEN_KEY } from '../../src/shared/store/schema';
import { firstScreenOf } from '../../src/shared/catalog/first-screen';

// Code that runs inside extension pages is kept here as plain JavaScript source: tsx compiles the
// TypeScript around it with helpers (`__name`) that do not exist in the page.

/** Calls `source` (a JavaScript function expression) in the page with JSON-serializable args. */
export async function callInPage<T>(page: Page, source: string, ...args: unknown[]): Promise<T> {
  const fn = await page.evaluateHandle(source);
  try {
    return (await page.evaluate(
      (f, a) => (f as unknown as (...x: unknown[]) => unknown)(...a),
      fn,
      args,
    )) as T;
  } finally {
    await fn.dispose();
  }
}

const PUT_CATALOG = `async (dbName, json, clear, firstScreenJson) => {
  const FIRST_SCREEN_KEY = '${FIRST_SCREEN_KEY}';
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error('the extension has not created its database: ' + request.error));
  });
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['catalog', 'firstScreen'], 'readwrite');
      if (clear) tx.objectStore('catalog').clear();
      tx.objectStore('catalog').put(JSON.parse(json));
      tx.objectStore('firstScreen').put(JSON.parse(firstScreenJson), FIRST_SCREEN_KEY);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}`;

/**
 * Replaces the cached catalog with `records`, through the plain IndexedDB API from an extension
 * page, with the first screen the worker would keep of it (no favorites or recents). The database
 * must exist already (the extension creates it at its version on first use).
 */
export async function writeCatalog(page: Page, records: readonly CatalogRecord[]): Promise<void> {
  for (const [i, record] of records.entries()) {
    const firstScreen = firstScreenOf(records.slice(0, i + 1), { favorites: [], recents: [] });
    await callInPage(
      page,
      PUT_CATALOG,
      DB_NAME,
      JSON.stringify(record),
      i === 0,
      JSON.stringify(firstScreen),
    );
  }
}

const COUNT_CATALOG = `async (dbName) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const request = db.transaction('catalog').objectStore('catalog').getAll();
      request.onsuccess = () => resolve(request.result.map((r) => ({ tenantId: r.tenantId, entries: r.entries.length })));
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}`;

/** Entries per tenant in the cached catalog. */
export function catalogCounts(page: Page): Promise<{ tenantId: string; entries: number }[]> {
  return callInPage(page, COUNT_CATALOG, DB_NAME);
}

/** Start time (ms from navigation start) of the popup's first list paint, once it has happened. */
export async function listPaintedAt(page: Page, timeout = 15_000): Promise<number> {
  await page.waitForFunction(`performance.getEntriesByName('list-painted').length > 0`, { timeout });
  return page.evaluate(`performance.getEntriesByName('list-painted')[0].startTime`) as Promise<number>;
}

export interface KeystrokeTiming {
  /** keydown → the list's DOM changed (the search and the render). */
  script: number;
  /** keydown → after the first frame that includes the change (rAF, then a task after its paint). */
  painted: number;
  /** keydown → the start of the frame after that one (a double requestAnimationFrame). */
  nextFrame: number;
}

const ARM_KEYSTROKE = `(timeoutMs) => {
  const results = document.getElementById('results');
  if (!results) throw new Error('no #results in the page');
  window.__benchKeystroke = new Promise((resolve) => {
    let t0 = 0;
    let changed = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
    window.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!t0 || changed) return;
      changed = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const painted = performance.now();
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve({ script: changed - t0, painted: painted - t0, nextFrame: performance.now() - t0 });
          });
        };
        channel.port2.postMessage(0);
      });
    });
    observer.observe(results, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}`;

/**
 * Presses one key in the page and times it from the keydown to the list updated and painted;
 * null when the list did not change within `timeoutMs`.
 */
export async function timeKeystroke(
  page: Page,
  key: string,
  timeoutMs = 3_000,
): Promise<KeystrokeTiming | null> {
  await callInPage(page, ARM_KEYSTROKE, timeoutMs);
  await page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
  return page.evaluate('window.__benchKeystroke') as Promise<KeystrokeTiming | null>;
}

/** Sends a request through the message contract from an extension page and times the round trip there. */
export async function timedRequest<T>(
  page: Page,
  request: Record<string, unknown>,
): Promise<{ ms: number; data: T }> {
  const { ms, response } = (await callInPage(
    page,
    `async (r) => {
      const t0 = performance.now();
      const response = await chrome.runtime.sendMessage(r);
      return { ms: performance.now() - t0, response };
    }`,
    request,
  )) as { ms: number; response: { ok: boolean; data?: T; error?: { code: string } } };
  if (!response.ok) throw new Error(`request ${String(request.type)} failed: ${response.error?.code}`);
  return { ms, data: response.data as T };
}
