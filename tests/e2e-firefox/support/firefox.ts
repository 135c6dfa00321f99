import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../e2e/support/browser';

export const FIREFOX_EXTENSION_DIR = path.resolve('dist/firefox-test');
export const GECKO_ID = 'cloud-access-for-azure@cloud-access.dev';
// extensions.webextensions.uuids pins the moz-extension host, so page URLs are stable per run.
export const EXTENSION_UUID = '5f1c0c5e-7a43-4d2e-9a51-2b8c7e0f4a11';
export const FIREFOX_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
/** identity.getRedirectURL() in Firefox: https://<sha1-hex of the gecko ID>.extensions.allizom.org/ */
export const FIREFOX_REDIRECT_URI =
  'https://bc744cb1a48e1a91c9be5ac9acc8e249f1998630.extensions.allizom.org/';

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
}

export interface FirefoxOptions {
  /** Managed storage values (enterprise policy) the extension reads through storage.managed. */
  managed?: Record<string, unknown>;
  /** Extra Firefox prefs, e.g. extensions.background.idle.timeout. */
  prefs?: Record<string, unknown>;
}

/**
 * Real Firefox over WebDriver BiDi with the Firefox test build installed as a temporary add-on, in a
 * fresh HOME (profile and managed storage) that is deleted afterwards. Implements the same
 * ExtensionBrowser the Chromium helpers take, so openPopup, openOptions and sendFromPage work as is.
 */
export async function launchFirefoxWithExtension(options: FirefoxOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No Firefox test build in ${FIREFOX_EXTENSION_DIR}: run "npx vite build --mode test-firefox"`,
    );
  }
  const home = mkdtempSync(path.join(tmpdir(), 'cloud-access-ff-e2e-'));
  if (options.managed) writeManagedStorage(home, options.managed);
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Without it Firefox refuses WebDriver navigation to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, HOME: home, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      ...options.prefs,
    },
    defaultViewport: { width: 1100, height: 800 },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return {
    browser,
    userDataDir: home,
    worker() {
      throw new Error('Firefox runs the background as an event page: there is no service worker');
    },
    openPage: (pagePath) => openExtensionPage(browser, `${FIREFOX_ORIGIN}/${pagePath}`),
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Over BiDi, page.goto() on an extension page never resolves (the page does load) and page.url()
 * stays about:blank: start the navigation, then wait for the document itself.
 */
async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ready = await page
      .evaluate((want) => location.href === want && document.readyState !== 'loading', url)
      .catch(() => false);
    if (ready) return page;
    if (Date.now() > deadline) throw new Error(`extension page did not load: ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Firefox's per-user managed-storage manifest: ~/.mozilla/managed-storage/<gecko id>.json. */
function writeManagedStorage(home: string, data: Record<string, unknown>): void {
  const dir = path.join(home, '.mozilla', 'managed-storage');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${GECKO_ID}.json`),
    JSON.stringify({ name: GECKO_ID, description: 'test policy', type: 'storage', data }),
  );
}
