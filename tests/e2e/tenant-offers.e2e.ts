import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPS, TEST_USERS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from './support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from './support/popup';

describe("after the first link, the account's other tenants are offered (docs/design.md §3 journey 2)", () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    // Megan is a guest in Northwind too, where the publisher's app has no consent (seed.ts).
    const arm = testArm({
      seed: (seed) => {
        seed.tenants.push({
          tenantId: TENANTS.northwind,
          displayName: 'Northwind Traders',
          defaultDomain: 'northwind.onmicrosoft.com',
          domains: ['northwind.onmicrosoft.com'],
          countryCode: 'US',
          tenantCategory: 'Home',
          tenantType: 'AAD',
        });
        seed.tenantsOf![TEST_USERS.megan.oid]!.push(TENANTS.northwind);
      },
    });
    emu = await startTestEmulator({ armHandler: arm.handle });
  });
  afterAll(async () => emu?.stop());
  beforeEach(async () => {
    ext = await launchWithExtension();
    // The publisher's multi-tenant app: the same registration works in every tenant that consented.
    const setup = await openOptions(ext);
    await sendFromPage(setup, {
      type: 'connection.save',
      connection: connectionFor(emu, 'contoso', { app: 'publisher' }),
    });
    await setup.close();
  });
  afterEach(async () => ext?.close());

  it('offers the guest tenant; one click adds it and links it', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    const offer = await popup.waitForSelector(`li.offer[data-offer="${TENANTS.fabrikam}"]`);
    expect(await offer!.evaluate((el) => el.textContent)).toContain(TEST_USERS.megan.username);
    await popup.locator(`li.offer[data-offer="${TENANTS.fabrikam}"] button.offer-link`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);

    const connectionId = `tenant-${TENANTS.fabrikam.slice(0, 8)}`;
    await popup.waitForSelector(`${connectionSelector(connectionId)}[data-link-status="ok"]`);
    expect(await popup.$(`li.offer[data-offer="${TENANTS.fabrikam}"]`)).toBeNull();
    const overview = await sendFromPage<{
      connections: { connection: { id: string; tenant: string; app: unknown }; link?: { oid: string } }[];
    }>(popup, { type: 'overview.get' });
    const added = overview.connections.find((c) => c.connection.id === connectionId)!;
    expect(added.connection.tenant).toBe(TENANTS.fabrikam);
    expect(added.connection.app).toBe('publisher');
    expect(added.link?.oid).toBe(TEST_USERS.megan.fabrikamOid);
  });

  it('offers neither the Lighthouse customer (ProjectedBy) nor the linked tenant', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`li.offer[data-offer="${TENANTS.northwind}"]`);
    const offered = await popup.$$eval('li.offer', (els) => els.map((e) => e.getAttribute('data-offer')));
    expect(offered.sort()).toEqual([TENANTS.fabrikam, TENANTS.northwind].sort());
    expect(offered).not.toContain(TEST_IDS.tenants.woodgrove);
  });

  it('an offered tenant without consent for the app says so before the click, and hands over the admin link after', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    const offer = await popup.waitForSelector(`li.offer[data-offer="${TENANTS.northwind}"]`);
    expect(await offer!.$eval('.offer-note', (el) => el.textContent)).toContain('administrator');
    await popup.locator(`li.offer[data-offer="${TENANTS.northwind}"] button.offer-link`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);

    const connectionId = `tenant-${TENANTS.northwind.slice(0, 8)}`;
    const failed = await popup.waitForSelector(
      `${connectionSelector(connectionId)} [data-flow="failed"][data-error="consent_required"]`,
    );
    expect(await failed!.evaluate((el) => el.textContent)).toContain('grant consent');
    const link = await popup.waitForSelector(`${connectionSelector(connectionId)} .consent-url`);
    const url = new URL((await link!.evaluate((el) => el.textContent ?? '')).trim());
    expect(url.pathname).toBe(`/${TENANTS.northwind}/v2.0/adminconsent`);
    expect(url.searchParams.get('client_id')).toBe(APPS.publisherMulti);
    // Nothing was linked there.
    const overview = await sendFromPage<{ connections: { connection: { id: string }; link?: unknown }[] }>(
      popup,
      { type: 'overview.get' },
    );
    expect(overview.connections.find((c) => c.connection.id === connectionId)?.link).toBeUndefined();
  });

  it('"Not now" removes the offer', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`li.offer[data-offer="${TENANTS.fabrikam}"]`);
    await popup.locator(`li.offer[data-offer="${TENANTS.fabrikam}"] button.offer-dismiss`).click();
    await popup.waitForFunction(
      (tid) => !document.querySelector(`li.offer[data-offer="${tid}"]`),
      {},
      TENANTS.fabrikam,
    );
    const reopened = await openPopup(ext);
    expect(await reopened.$(`li.offer[data-offer="${TENANTS.fabrikam}"]`)).toBeNull();
  });
});
