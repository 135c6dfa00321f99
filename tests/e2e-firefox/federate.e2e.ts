import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { testSeed, TEST_USERS, type Emulator } from '../emulator';
import { BUILTIN_ROLE_IDS as ROLES, TEST_IDS } from '../emulator/arm/index';
import type { ExtensionBrowser } from '../e2e/support/browser';
import { testArm } from '../e2e/support/arm';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from '../e2e/support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  sendFromPage,
  startLink,
  waitForCatalogSettled,
} from '../e2e/support/popup';
import { FIREFOX_REDIRECT_URI, launchFirefoxWithExtension } from './support/firefox';

const PROD = `/subscriptions/${TEST_IDS.subscriptions.prod}`;

// Each test federates at a different entry, so one browser and one link serve them all; the tabs a
// test opened are closed after it.
describe('Firefox: one click into the portal', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ seed: testSeed([FIREFOX_REDIRECT_URI]), armHandler: arm.handle });
    ext = await launchFirefoxWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await setup.close();
    const linking = await openPopup(ext);
    await signInAs(await startLink(ext, linking, 'contoso', emu.loginUrl), TEST_USERS.megan);
    await linking.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await waitForCatalogSettled(linking);
    await linking.close();
  }, 180_000);
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });
  afterEach(async () => {
    for (const page of await ext.browser.pages()) {
      if (page.url() !== 'about:blank' || (await isExtensionPage(page))) await page.close().catch(() => {});
    }
  });

  // Extension pages read about:blank through page.url() over BiDi.
  const isExtensionPage = (page: Page) =>
    page.evaluate(() => location.protocol === 'moz-extension:').catch(() => false);

  /** The popup, with the links checked and no refresh running: what follows is the test's own traffic. */
  async function quietPopup(): Promise<Page> {
    const popup = await openPopup(ext);
    await popup.waitForSelector('main[data-checked="true"]');
    await popup.waitForSelector('.entry');
    await waitForCatalogSettled(popup);
    return popup;
  }

  const entry = (popup: Page, key: string, state: string) =>
    popup.waitForSelector(`.entry[data-state="${state}"][data-key="${key.toLowerCase()}"]`);

  /** The next portal tab: call it before the click, so that a tab of an earlier test cannot answer. */
  async function portalTab(): Promise<Page> {
    const before = new Set(ext.browser.targets());
    const target = await ext.browser.waitForTarget(
      (t) => !before.has(t) && t.url().startsWith(emu.portalUrl),
      { timeout: 30_000 },
    );
    return (await target.asPage())!;
  }

  const portalUrlFor = (scope: string) => `${emu.portalUrl}/#@${TENANTS.contoso}/resource${scope}/overview`;

  it('an active role opens the portal at exactly its scope, with no request to Entra or ARM', async () => {
    const popup = await quietPopup();
    const reader = await entry(popup, `${TENANTS.contoso}|${PROD}|${ROLES.reader}`, 'active');
    emu.resetRequests();
    arm.control.resetRequests();
    const opened = portalTab();
    await reader!.click();
    const tab = await opened;
    expect(tab.url()).toBe(portalUrlFor(PROD));
    // The portal stand-in serves the tab itself; nothing else was asked.
    expect(emu.requests.filter((r) => r.listener !== 'portal')).toEqual([]);
    expect(arm.control.requests).toEqual([]);
  });

  it('an eligible role asks what its policy wants, activates with it, then opens the portal', async () => {
    const popup = await quietPopup();
    await popup.type('#search', 'contoso production contributor');
    const eligible = await entry(popup, `${TENANTS.contoso}|${PROD}|${ROLES.contributor}`, 'eligible');
    arm.control.resetRequests();
    await eligible!.click();
    // The default policy: justification required, at most eight hours.
    await popup.waitForSelector('#act-duration');
    expect(await popup.$eval('#act-duration', (el) => (el as HTMLInputElement).max)).toBe('480');
    expect(await popup.$eval('#act-justification', (el) => (el as HTMLTextAreaElement).required)).toBe(true);
    expect(await popup.$('#act-ticket')).toBeNull();
    await popup.$eval('#act-duration', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#act-duration', '90');
    await popup.type('#act-justification', 'Deploy hotfix INC-4711');
    const opened = portalTab();
    await popup.locator('#act-submit').click();
    expect((await opened).url()).toBe(portalUrlFor(PROD));

    const puts = arm.control.requests.filter(
      (r) => r.method === 'PUT' && r.path.includes('/roleAssignmentScheduleRequests/'),
    );
    expect(puts.map((r) => [r.tenantId, r.status])).toEqual([[TENANTS.contoso, 201]]);
    const request = arm.control.activationRequests.at(-1)!;
    expect(request.scope.toLowerCase()).toBe(PROD.toLowerCase());
    expect(request.justification).toBe('Deploy hotfix INC-4711');
    expect(request.duration).toBe('PT90M');
    expect(request.outcome).toMatch(/^201/);
  });
});
