import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import {
  forgetSession,
  launchWithExtension,
  stopServiceWorker,
  type ExtensionBrowser,
} from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, refreshTokenReuses, signInAs, startTestEmulator } from './support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  rowText,
  sendFromPage,
  startLink,
  waitForCatalogSettled,
} from './support/popup';
import { linkStoreCounts } from './support/stored';

const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const TOKEN_PATH = '/oauth2/v2.0/token';

/**
 * Chromium stops idle workers whenever it likes, also in the middle of a flow (issue: a worker
 * stopped at the worst moment). The tests stop it through the DevTools protocol at the two worst
 * moments, and check what the user sees on reopening, what is stored, and what the services saw.
 * Refresh-token reuse detection is on (startTestEmulator): a second presentation would revoke.
 */
describe('a worker stopped mid-flow, and one redemption per refresh token', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;

  // Provisioning takes a while, so that the worker can be stopped after the PUT and before it.
  beforeAll(async () => {
    arm = testArm({ activationDelayMs: 6_000 });
    emu = await startTestEmulator({ armHandler: arm.handle });
  });
  afterAll(async () => emu?.stop());
  beforeEach(async () => {
    arm.control.reset();
    emu.control.clearFaults();
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await setup.close();
  });
  afterEach(async () => {
    await ext?.close();
    expect(refreshTokenReuses(emu)).toBe(0);
  });

  const tokenPosts = () => emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith(TOKEN_PATH));

  async function linkContoso(popup: Page) {
    await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await waitForCatalogSettled(popup);
  }

  it('stopped between the redirect and the token answer: nothing half-stored, a calm retry, Link works', async () => {
    const popup = await openPopup(ext);
    emu.resetRequests();
    // The code's redemption never gets its answer.
    emu.control.failNext({ listener: 'login', path: TOKEN_PATH, kind: 'hang' });
    await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
    await waitUntil(() => tokenPosts().length === 1, 'the code redemption reached the token endpoint');
    await stopServiceWorker(popup);
    await popup.close();

    const reopened = await openPopup(ext);
    const message = await reopened.waitForSelector(
      `${connectionSelector('contoso')} [data-flow="failed"][data-error="interrupted"]`,
    );
    expect(await message!.evaluate((el) => el.getAttribute('role'))).toBe('status');
    expect(await rowText(reopened, 'contoso')).toContain('Nothing was stored');
    expect(await linkStoreCounts(ext)).toEqual({ links: 0, secrets: 0 });

    await linkContoso(reopened);
    expect(await rowText(reopened, 'contoso')).toContain('Linked as Megan Bowen');
    expect(await linkStoreCounts(ext)).toEqual({ links: 1, secrets: 1 });
  });

  it('stopped after the activation PUT, before Provisioned: the next worker follows that request to its end', async () => {
    let popup = await openPopup(ext);
    await linkContoso(popup);
    await popup.type('#search', 'contoso production contributor');
    const eligible = await popup.waitForSelector(
      `.entry[data-state="eligible"][data-key*="/subscriptions/${TEST_IDS.subscriptions.prod}|${CONTRIBUTOR}"]`,
    );
    await eligible!.click();
    await popup.waitForSelector('#act-duration');
    await popup.type('#act-justification', 'Deploy hotfix INC-4711');
    arm.control.resetRequests();
    await popup.locator('#act-submit').click();
    await waitUntil(() => arm.control.activationRequests.length === 1, 'the activation PUT reached ARM');
    const name = arm.control.activationRequests[0]!.name;
    await stopServiceWorker(popup);
    await popup.close();
    expect(arm.control.requestStatus(name)).not.toBe('Provisioned');

    popup = await openPopup(ext);
    // The reopened popup shows the activation going on, then the role active.
    await popup.type('#search', 'contoso production contributor');
    await popup.waitForSelector(
      `.entry[data-state="active"][data-key*="/subscriptions/${TEST_IDS.subscriptions.prod}|${CONTRIBUTOR}"]`,
      { timeout: 60_000 },
    );
    const stored = await popup.evaluate(
      async () => (await chrome.storage.session.get('activations')).activations,
    );
    expect(Object.values(stored as Record<string, { status: string }>).map((a) => a.status)).toEqual([
      'provisioned',
    ]);
    // One PUT only; the new worker read the same request back by its name.
    expect(arm.control.activationRequests).toHaveLength(1);
    expect(arm.control.requestStatus(name)).toBe('Provisioned');
    const reads = arm.control.requests.filter((r) => r.method === 'GET' && r.path.includes(name));
    expect(reads.length).toBeGreaterThan(0);
  });

  it('popup and options asking at once, after the worker slept: one redemption of the refresh token', async () => {
    const popup = await openPopup(ext);
    await linkContoso(popup);
    await forgetSession(popup);
    await popup.close();
    emu.resetRequests();

    const [reopened, options] = await Promise.all([openPopup(ext), openOptions(ext)]);
    await Promise.all([
      sendFromPage(reopened, { type: 'links.check' }),
      sendFromPage(options, { type: 'links.check' }),
      sendFromPage(options, { type: 'catalog.refresh', force: true }),
    ]);
    await reopened.waitForSelector('main[data-checked="true"]');
    await waitForCatalogSettled(reopened);
    expect(tokenPosts().map((r) => r.status)).toEqual([200]);
  });

  it('a renewal stopped with its worker leaves the lock behind it: the next worker redeems once', async () => {
    const popup = await openPopup(ext);
    await linkContoso(popup);
    await forgetSession(popup);
    emu.resetRequests();
    emu.control.failNext({ listener: 'login', path: TOKEN_PATH, kind: 'hang' });
    // The renewal's token request hangs while the worker holds the tenant's lock …
    void sendFromPage(popup, { type: 'links.check' }).catch(() => undefined);
    await waitUntil(() => tokenPosts().length === 1, 'the renewal reached the token endpoint');
    await stopServiceWorker(popup);
    await popup.close();

    // … and the next worker gets the lock and the same stored refresh token, answered this time.
    const reopened = await openPopup(ext);
    await reopened.waitForSelector('main[data-checked="true"]');
    await waitUntil(() => tokenPosts().some((r) => r.status === 200), 'a renewal answered');
    expect(tokenPosts()).toHaveLength(2);
    expect(await rowText(reopened, 'contoso')).toContain('Linked as Megan Bowen');
    expect(await reopened.$(`${connectionSelector('contoso')} [data-needs-sign-in]`)).toBeNull();
  });
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
