import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlScriptRefs, staticImports } from '../../scripts/bench/imports';
import { EXTENSION_DIR, EXTENSION_ID, launchWithExtension, type ExtensionBrowser } from './support/browser';
import { openOptions, openPopup, sendFromPage } from './support/popup';

describe('the built extension loads in Chromium', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchWithExtension();
  });
  afterAll(async () => ext?.close());

  it('starts the service worker bundle and answers through the message contract', async () => {
    const worker = await ext.worker();
    expect(worker.url()).toMatch(new RegExp(`^chrome-extension://${EXTENSION_ID}/`));
    const popup = await openPopup(ext);
    const overview = await sendFromPage<{ connections: unknown[] }>(popup, { type: 'overview.get' });
    expect(overview.connections).toEqual([]);
    await popup.waitForSelector('text/No Azure tenant is connected yet');
  });

  it('refuses a malformed request', async () => {
    const page = await openOptions(ext);
    const response = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'link.start' }));
    expect(response).toEqual({ ok: false, error: { code: 'bad_request' } });
  });

  it('the toolbar button opens the real action popup', async () => {
    const extension = (await ext.browser.extensions()).get(EXTENSION_ID);
    expect(extension).toBeDefined();
    const tab = await ext.browser.newPage();
    await tab.triggerExtensionAction(extension!);
    const target = await ext.browser.waitForTarget((t) => t.url().endsWith('/src/popup/index.html'), {
      timeout: 15_000,
    });
    const popup = await target.asPage();
    await popup.waitForSelector('main.popup[data-loaded="true"]');
    // The search box has focus as soon as the popup opens.
    await popup.waitForFunction(() => document.activeElement?.id === 'search');
  });

  it('the popup page carries its styles and waits for one module besides its entry', () => {
    const html = readFileSync(path.join(EXTENSION_DIR, 'src/popup/index.html'), 'utf8');
    expect(html).not.toMatch(/rel="stylesheet"/);
    expect(html).toMatch(/<style>[^<]*\.entry\{/);
    const [entry, ...preloads] = htmlScriptRefs(html);
    const imports = staticImports(readFileSync(path.join(EXTENSION_DIR, entry!), 'utf8'));
    expect(imports.map((i) => path.basename(i))).toEqual(preloads.map((p) => path.basename(p)));
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatch(/first-frame-/);
  });
});
