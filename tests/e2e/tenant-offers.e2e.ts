import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_USERS, type Emulator } from '../emulator';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from './support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from './support/popup';

describe("after the first link, the account's other tenants are offered (docs/design.md §3 journey 2)", () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    emu = await startTestEmulator({ armHandler: testArm().handle });
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
