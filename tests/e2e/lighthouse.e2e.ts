import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { testArm } from './support/arm';
import { startTestEmulator, TENANTS } from './support/emulator';
import { linkedPopup } from './support/linked';

const WOODGROVE_SUB = TEST_IDS.subscriptions.woodgrove;

/**
 * Woodgrove Bank delegates "Woodgrove Payments" to Megan's Contoso account through Azure Lighthouse:
 * Contoso's Resource Graph answers its rows with Woodgrove's tenantId, as the real one does.
 */
describe('Azure Lighthouse rows in the catalog', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ armHandler: arm.handle });
  });
  afterAll(async () => emu?.stop());

  beforeEach(async () => {
    arm.control.reset();
    ext = await launchWithExtension();
    popup = await linkedPopup(ext, emu, ['contoso'], TEST_USERS.megan);
    await popup.waitForSelector(`.entry[data-key*="${WOODGROVE_SUB}"]`);
  });
  afterEach(async () => ext?.close());

  it('shows the delegated subscription under the linked tenant, naming the customer tenant', async () => {
    const row = await popup.$eval(`.entry[data-key*="${WOODGROVE_SUB}"]`, (el) => ({
      key: el.getAttribute('data-key'),
      state: el.getAttribute('data-state'),
      role: el.querySelector('.entry-role')?.textContent,
      where: el.querySelector('.entry-where')?.textContent,
    }));
    // Keyed, and so grouped, under the linked tenant Contoso.
    expect(row).toEqual({
      key: expect.stringMatching(new RegExp(`^${TENANTS.contoso}\\|`)),
      state: 'active',
      role: 'Delegated by Woodgrove Bank (Azure Lighthouse)',
      where: 'Woodgrove Payments',
    });
    // Only one row for it: no Woodgrove container was taken for one of Contoso's.
    expect(await popup.$$(`.entry[data-key*="${WOODGROVE_SUB}"]`)).toHaveLength(1);
    // The name is found by search, too.
    await popup.type('#search', 'woodgrove');
    await popup.waitForFunction(
      (sub) => {
        const keys = [...document.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key') ?? '');
        return keys.length === 1 && keys[0]!.includes(sub);
      },
      {},
      WOODGROVE_SUB,
    );
  });

  it('opens the portal in the managing tenant, where the delegation is seen, with no request', async () => {
    emu.resetRequests();
    arm.control.resetRequests();
    await popup.click(`.entry[data-key*="${WOODGROVE_SUB}"]`);
    const target = await ext.browser.waitForTarget((t) => t.url().startsWith(emu.portalUrl), {
      timeout: 20_000,
    });
    expect(target.url()).toBe(
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${WOODGROVE_SUB}/overview`,
    );
    expect(emu.requests.filter((r) => r.listener !== 'portal')).toEqual([]);
    expect(arm.control.requests).toEqual([]);
  });
});
