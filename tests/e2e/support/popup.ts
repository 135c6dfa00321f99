import type { Page } from 'puppeteer-core';
import { waitForAuthWindow, type ExtensionBrowser } from './browser';

export const POPUP = 'src/popup/index.html';
export const OPTIONS = 'src/options/index.html';

/** Opens the popup page in a tab (the same document the toolbar shows) and waits for its first paint. */
export async function openPopup(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.openPage(POPUP);
  // In front, as a toolbar popup always is: a tab another one covers gets no animation frames, and
  // puppeteer's locators wait on those before they click.
  await page.bringToFront();
  // Painted from cache and told by the worker which connections and links there are.
  await page.waitForSelector('main.popup[data-loaded="true"]');
  return page;
}

export async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.openPage(OPTIONS);
  await page.waitForSelector('main.options');
  return page;
}

/** Sends a request through the real message contract from an extension page. */
export async function sendFromPage<T>(page: Page, request: Record<string, unknown>): Promise<T> {
  const response = (await page.evaluate((r) => chrome.runtime.sendMessage(r), request)) as {
    ok: boolean;
    data?: T;
    error?: { code: string };
  };
  if (!response.ok) throw new Error(`request ${String(request.type)} failed: ${response.error?.code}`);
  return response.data as T;
}

export function connectionSelector(connectionId: string): string {
  return `li.connection[data-connection="${connectionId}"]`;
}

/** Text of a connection row in the popup, whitespace collapsed. */
export async function rowText(page: Page, connectionId: string): Promise<string> {
  await page.waitForSelector(connectionSelector(connectionId));
  return page.$eval(connectionSelector(connectionId), (el) =>
    (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/**
 * Waits until the popup shows the end of a catalog refresh (when it was refreshed, or why a tenant
 * failed), so that requests a test counts afterwards are its own and not the tail of the refresh.
 */
export async function waitForCatalogSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-progress="running"]') &&
      Boolean(document.querySelector('[data-refreshed-at], [data-tenant-error]')),
  );
}

/**
 * Clicks a connection's Link button and answers the auth window it opens. On a loaded machine the
 * first click now and then opens nothing (the worker was starting); a person would click again
 * after a while, and so does this, once, naming what the row showed if that fails too.
 */
export async function startLink(
  ext: ExtensionBrowser,
  popup: Page,
  connectionId: string,
  loginUrl: string,
): Promise<Page> {
  const button = `${connectionSelector(connectionId)} button.link-start`;
  await popup.locator(button).click();
  try {
    return await waitForAuthWindow(ext.browser, loginUrl, 15_000);
  } catch {
    const shown = await rowText(popup, connectionId).catch(() => '(no row)');
    console.warn(
      `no auth window 15 s after clicking Link on ${connectionId} (row: ${shown}); clicking again`,
    );
    if (await popup.$(button)) await popup.locator(button).click();
    try {
      return await waitForAuthWindow(ext.browser, loginUrl, 30_000);
    } catch (error) {
      throw new Error(`no auth window for ${connectionId}; the row said: ${shown}`, { cause: error });
    }
  }
}
