import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { testSeed, TEST_USERS, type Emulator } from '../emulator';
import type { ExtensionBrowser } from '../e2e/support/browser';
import { testArm } from '../e2e/support/arm';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from '../e2e/support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  rowText,
  sendFromPage,
  startLink,
  waitForCatalogSettled,
} from '../e2e/support/popup';
import { FIREFOX_REDIRECT_URI, launchFirefoxWithExtension } from './support/firefox';

// Firefox suspends an idle event page after this long (30 s by default). Every event and every
// extension API call restarts the count, so a link or a refresh in progress is not cut short.
const IDLE_TIMEOUT_MS = 5_000;

describe('Firefox: the event page suspended while idle', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    const arm = testArm();
    emu = await startTestEmulator({ seed: testSeed([FIREFOX_REDIRECT_URI]), armHandler: arm.handle });
    ext = await launchFirefoxWithExtension({
      prefs: { 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS },
    });
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await setup.close();
    popup = await openPopup(ext);
    await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await waitForCatalogSettled(popup);
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  /**
   * extension.getBackgroundPage() is the running background's window, or null while it is
   * suspended; unlike runtime.getBackgroundPage() it does not wake it. A mark left on the window
   * tells a restarted background from one that merely ran on.
   */
  const background = (page: Page) =>
    page.evaluate(() => {
      const bg = chrome.extension.getBackgroundPage() as (Window & { __marked?: boolean }) | null;
      if (!bg) return 'suspended';
      const state = bg.__marked ? 'running' : 'fresh';
      bg.__marked = true;
      return state;
    });

  async function waitForSuspension(page: Page): Promise<void> {
    const deadline = Date.now() + IDLE_TIMEOUT_MS + 60_000;
    while ((await background(page)) !== 'suspended') {
      if (Date.now() > deadline) throw new Error('the background was never suspended');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('starts again without redeeming the refresh token, and the catalog still shows', async () => {
    await background(popup);
    await waitForSuspension(popup);
    emu.resetRequests();

    const reopened = await openPopup(ext);
    await reopened.waitForSelector('main[data-checked="true"]');
    expect(await background(reopened)).toBe('fresh');
    expect(emu.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'))).toEqual([]);
    expect(emu.requests.filter((r) => r.listener === 'login')).toEqual([]);
    expect(await rowText(reopened, 'contoso')).toContain('Linked as Megan Bowen');
    await reopened.waitForSelector(`.entry[data-key^="${TENANTS.contoso}|"]`);
  });

  it('with the session gone as well, it redeems the stored refresh token once, with no auth window', async () => {
    // As after a browser restart: storage.session (access tokens included) is empty, so only the
    // refresh token, decrypted with the key kept in IndexedDB, can bring the link back.
    const page = await openPopup(ext);
    await page.evaluate(() => chrome.storage.session.clear());
    await background(page);
    await waitForSuspension(page);
    emu.resetRequests();

    const reopened = await openPopup(ext);
    await reopened.waitForSelector('main[data-checked="true"]');
    expect(await background(reopened)).toBe('fresh');
    const tokenCalls = emu.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenCalls.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', `/${TENANTS.contoso}/oauth2/v2.0/token`, 200],
    ]);
    expect(emu.requests.filter((r) => r.path.includes('/authorize'))).toEqual([]);
    expect(await rowText(reopened, 'contoso')).toContain('Linked as Megan Bowen');
    await reopened.waitForSelector(`.entry[data-key^="${TENANTS.contoso}|"]`);
  });
});
