import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { attachToWorker, type WorkerHandle } from './worker-handle';

export const EXTENSION_DIR = path.resolve('dist/chrome-test');
export const EXTENSION_ID = (
  JSON.parse(readFileSync(path.resolve('config/test-extension-key.json'), 'utf8')) as { extensionId: string }
).extensionId;
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
export const REDIRECT_URI = `https://${EXTENSION_ID}.chromiumapp.org/`;

export function chromePath(): string {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

// Without the networking flags Chromium floods the closed network with connections that fail.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-features=DialMediaRouteProvider,MediaRouter',
];

export interface ExtensionBrowser {
  browser: Browser;
  userDataDir: string;
  worker(): Promise<WorkerHandle>;
  openPage(pagePath: string): Promise<Page>;
  close(): Promise<void>;
}

/** Real Chromium with the built test flavor loaded, in a fresh profile that is deleted afterwards. */
export async function launchWithExtension(options: { headless?: boolean } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No test build in ${EXTENSION_DIR}: run "FLAVOR=test npx vite build" first`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'cloud-access-e2e-'));
  const browser = await puppeteer.launch({
    executablePath: chromePath(),
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    userDataDir,
    args: CHROMIUM_FLAGS,
    defaultViewport: { width: 1100, height: 800 },
  });
  const isWorkerUrl = (url: string) => url.startsWith(EXTENSION_ORIGIN);
  const worker = async () => {
    const deadline = Date.now() + 30_000;
    let waker: Page | undefined;
    try {
      for (let attempt = 0; ; attempt++) {
        const handle = await attachToWorker(browser, isWorkerUrl);
        if (handle) return handle;
        if (Date.now() > deadline) throw new Error('the extension service worker did not start within 30 s');
        if (attempt === 10 && !waker) {
          // Chromium stops an idle worker; opening one of the extension's pages starts it again, as a
          // person's click on the toolbar button would. Slow machines need longer than a fast one.
          waker = await browser.newPage();
          await waker
            .goto(`${EXTENSION_ORIGIN}/src/popup/index.html`, { waitUntil: 'domcontentloaded' })
            .catch(() => undefined);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await waker?.close().catch(() => undefined);
    }
  };
  return {
    browser,
    userDataDir,
    worker,
    async openPage(pagePath) {
      const page = await browser.newPage();
      // Chromium now and then refuses a navigation to an extension page while it wakes the
      // extension's worker (net::ERR_BLOCKED_BY_CLIENT); a person would simply see it load a moment later.
      for (let attempt = 1; ; attempt++) {
        try {
          await page.goto(`${EXTENSION_ORIGIN}/${pagePath}`, { waitUntil: 'domcontentloaded' });
          return page;
        } catch (error) {
          if (attempt >= 3 || !String(error).includes('ERR_BLOCKED_BY_CLIENT')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The auth window launchWebAuthFlow opens shows up as a page target on the emulator's login host. */
export async function waitForAuthWindow(browser: Browser, loginUrl: string, timeout = 30_000): Promise<Page> {
  const target: Target = await browser.waitForTarget((t) => t.url().startsWith(loginUrl), { timeout });
  const page = await target.asPage();
  await page.waitForSelector('body', { timeout });
  return page;
}

/**
 * Stops the extension's service worker, as Chromium does after a while idle: everything it kept in
 * memory (access tokens, caches) is gone, and the next message starts it again from storage.
 */
export async function stopServiceWorker(page: Page): Promise<void> {
  const session = await page.createCDPSession();
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

/**
 * The next day: the browser was closed in between, so storage.session (flow outcomes, access tokens)
 * is empty and the worker starts from the encrypted refresh tokens alone.
 */
export async function forgetSession(page: Page): Promise<void> {
  await page.evaluate(() => chrome.storage.session.clear());
  await stopServiceWorker(page);
}
