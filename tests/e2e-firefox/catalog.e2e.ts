import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { testSeed, TEST_USERS, type Emulator } from '../emulator';
import { BUILTIN_ROLE_IDS, TEST_IDS } from '../emulator/arm/index';
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

const { reader: READER, contributor: CONTRIBUTOR, owner: OWNER } = BUILTIN_ROLE_IDS;

const keyOf = (tenantId: string, scope: string, role: string) => `${tenantId}|${scope}|${role}`.toLowerCase();

// Nothing here changes the catalog, so one browser and one pair of links serve every test.
describe('Firefox: the catalog after linking', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ seed: testSeed([FIREFOX_REDIRECT_URI]), armHandler: arm.handle });
    ext = await launchFirefoxWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'fabrikam') });
    await setup.close();
    const linking = await openPopup(ext);
    for (const id of ['contoso', 'fabrikam']) {
      await signInAs(await startLink(ext, linking, id, emu.loginUrl), TEST_USERS.megan);
      await linking.waitForSelector(`${connectionSelector(id)} [data-flow="succeeded"]`);
    }
    await waitForCatalogSettled(linking);
    await linking.close();
  }, 180_000);
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  async function freshPopup(): Promise<Page> {
    await popup?.close().catch(() => undefined);
    popup = await openPopup(ext);
    await popup.waitForFunction(
      (a, b) => {
        const keys = [...document.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key') ?? '');
        return keys.some((k) => k.startsWith(a)) && keys.some((k) => k.startsWith(b));
      },
      {},
      TENANTS.contoso,
      TENANTS.fabrikam,
    );
    return popup;
  }

  const entries = (page: Page) =>
    page.$$eval('.entry', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-key') ?? '',
        state: e.getAttribute('data-state') ?? '',
        text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );

  it("lists each tenant's subscriptions and roles as the emulator's ARM returned them, grouped by tenant", async () => {
    const page = await freshPopup();
    // The catalog came from ARM, queried with each tenant's own token.
    const tenantsAsked = new Set(arm.control.requests.map((r) => r.tenantId));
    expect(tenantsAsked).toEqual(new Set([TENANTS.contoso, TENANTS.fabrikam]));

    const shown = await entries(page);
    const byKey = new Map(shown.map((e) => [e.key, e]));
    const prod = `/subscriptions/${TEST_IDS.subscriptions.prod}`;
    const fabrikam = `/subscriptions/${TEST_IDS.subscriptions.fabrikam}`;
    expect(byKey.get(keyOf(TENANTS.contoso, prod, READER))).toMatchObject({ state: 'active' });
    expect(byKey.get(keyOf(TENANTS.contoso, prod, READER))?.text).toContain('Contoso Production');
    expect(byKey.get(keyOf(TENANTS.contoso, prod, CONTRIBUTOR))).toMatchObject({ state: 'eligible' });
    expect(byKey.get(keyOf(TENANTS.contoso, prod, OWNER))).toMatchObject({ state: 'eligible' });
    expect(byKey.get(keyOf(TENANTS.fabrikam, fabrikam, READER))).toMatchObject({ state: 'active' });
    expect(byKey.get(keyOf(TENANTS.fabrikam, fabrikam, READER))?.text).toContain('Fabrikam Analytics');
    expect(byKey.get(keyOf(TENANTS.fabrikam, fabrikam, CONTRIBUTOR))).toMatchObject({ state: 'eligible' });
    // The expired eligibility in the seed must never be listed.
    const dev = `/subscriptions/${TEST_IDS.subscriptions.dev}`;
    expect(byKey.has(keyOf(TENANTS.contoso, dev, OWNER))).toBe(false);

    const groups = await page.$$eval('.group[data-section="tenant"]', (els) => els.map((e) => e.textContent));
    expect(groups).toEqual(expect.arrayContaining(['Contoso', 'Fabrikam']));
  });

  it('a fragment finds entries in one tenant, a role name finds them in both', async () => {
    const page = await freshPopup();
    await page.type('#search', 'analytics');
    await page.waitForFunction(
      (b) => {
        const keys = [...document.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key') ?? '');
        return keys.length > 0 && keys.every((k) => k.startsWith(b));
      },
      {},
      TENANTS.fabrikam,
    );

    await page.$eval('#search', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#search', 'reader');
    await page.waitForFunction(
      (a, b) => {
        const keys = [...document.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key') ?? '');
        return keys.some((k) => k.startsWith(a)) && keys.some((k) => k.startsWith(b));
      },
      {},
      TENANTS.contoso,
      TENANTS.fabrikam,
    );
    const found = new Set((await entries(page)).map((e) => e.key));
    const prod = `/subscriptions/${TEST_IDS.subscriptions.prod}`;
    expect(found.has(keyOf(TENANTS.contoso, prod, READER))).toBe(true);
    expect(
      found.has(keyOf(TENANTS.fabrikam, `/subscriptions/${TEST_IDS.subscriptions.fabrikam}`, READER)),
    ).toBe(true);
    expect(found.has(keyOf(TENANTS.contoso, prod, OWNER))).toBe(false);
  });
});
