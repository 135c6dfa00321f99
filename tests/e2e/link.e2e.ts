import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import {
  launchWithExtension,
  forgetSession,
  stopServiceWorker,
  waitForAuthWindow,
  type ExtensionBrowser,
} from './support/browser';
import {
  connectionFor,
  signInAs,
  startTestEmulator,
  TENANTS,
  wrongTenantConnection,
} from './support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  rowText,
  sendFromPage,
  startLink as clickLink,
} from './support/popup';
import { linkStoreCounts } from './support/stored';

interface OverviewLike {
  connections: {
    connection: { id: string };
    link?: { tenantId: string; username: string; status: string };
  }[];
}

describe('link your Azure account once per tenant (docs/design.md §3 journey 1)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let setup: Page;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => emu?.stop());

  beforeEach(async () => {
    ext = await launchWithExtension();
    setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'fabrikam') });
  });
  afterEach(async () => ext?.close());

  const startLink = (popup: Page, connectionId: string): Promise<Page> =>
    clickLink(ext, popup, connectionId, emu.loginUrl);

  it('links a tenant, confirms it, and the options page lists the account', async () => {
    const popup = await openPopup(ext);
    expect(await rowText(popup, 'contoso')).toContain('Link to Azure user account');
    const auth = await startLink(popup, 'contoso');
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="running"]`);
    await signInAs(auth, TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    expect(await rowText(popup, 'contoso')).toContain(
      `Your Azure account ${TEST_USERS.adele.username} is now linked`,
    );

    const options = await openOptions(ext);
    const row = await options.waitForSelector(`tr[data-tenant="${TENANTS.contoso}"]`);
    const text = await row!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('Adele Vance');
    expect(text).toContain(TEST_USERS.adele.username);
    expect(text).toContain('Working');
  });

  it('the worker finishes the flow when the popup closes mid-way; reopening shows the outcome', async () => {
    // The real toolbar popup closes as soon as the auth window takes focus (docs/design.md §6).
    const popup = await openPopup(ext);
    const auth = await startLink(popup, 'contoso');
    await popup.close();
    await signInAs(auth, TEST_USERS.adele);
    const reopened = await openPopup(ext);
    await reopened.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    expect(await rowText(reopened, 'contoso')).toContain(
      `Linked as Adele Vance (${TEST_USERS.adele.username})`,
    );
  });

  it('refuses the wrong tenant, names both tenants, and stores nothing', async () => {
    // Explicit endpoints (docs/design.md §3 journey 6, advanced) copied from the wrong place: the multi-tenant authority.
    const wrong = wrongTenantConnection(emu);
    await sendFromPage(setup, { type: 'connection.save', connection: wrong });
    const popup = await openPopup(ext);
    const auth = await startLink(popup, 'fabrikam-wrong');
    await signInAs(auth, TEST_USERS.adele);
    const message = await popup.waitForSelector(
      `${connectionSelector('fabrikam-wrong')} [data-error="wrong_tenant"]`,
    );
    const text = await message!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(TENANTS.fabrikam);
    expect(text).toContain(TENANTS.contoso);
    const overview = await sendFromPage<OverviewLike>(popup, { type: 'overview.get' });
    expect(overview.connections.every((c) => c.link === undefined)).toBe(true);
    const stored = await linkStoreCounts(ext);
    expect(stored).toEqual({ links: 0, secrets: 0 });
  });

  it('a closed auth window gives a calm message and stores nothing', async () => {
    const popup = await openPopup(ext);
    const auth = await startLink(popup, 'contoso');
    await auth.close();
    const message = await popup.waitForSelector(`${connectionSelector('contoso')} [data-error="cancelled"]`);
    expect(await message!.evaluate((el) => el.getAttribute('role'))).toBe('status');
    expect(await rowText(popup, 'contoso')).toContain('Nothing was changed');
    const overview = await sendFromPage<OverviewLike>(popup, { type: 'overview.get' });
    expect(overview.connections.find((c) => c.connection.id === 'contoso')?.link).toBeUndefined();
  });

  it('two tenants linked and listed; unlinking one leaves the other working', async () => {
    const popup = await openPopup(ext);
    await signInAs(await startLink(popup, 'contoso'), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await signInAs(await startLink(popup, 'fabrikam'), TEST_USERS.alex);
    await popup.waitForSelector(`${connectionSelector('fabrikam')} [data-flow="succeeded"]`);

    const options = await openOptions(ext);
    await options.waitForSelector(`tr[data-tenant="${TENANTS.contoso}"]`);
    await options.waitForSelector(`tr[data-tenant="${TENANTS.fabrikam}"]`);
    await options.locator(`tr[data-tenant="${TENANTS.contoso}"] button.unlink`).click();
    await options.waitForFunction(
      (tid) => !document.querySelector(`tr[data-tenant="${tid}"]`),
      {},
      TENANTS.contoso,
    );
    expect(await options.$(`tr[data-tenant="${TENANTS.fabrikam}"]`)).not.toBeNull();

    // The remaining link still works: with the worker's memory gone (as the next day), its refresh
    // token is decrypted and redeemed, with no auth window.
    await forgetSession(options);
    emu.resetRequests();
    const again = await openPopup(ext);
    await again.waitForSelector(`${connectionSelector('fabrikam')} [data-linked-as]`);
    await again.waitForSelector('main[data-checked="true"]');
    const tokenCalls = emu.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenCalls.map((r) => r.path)).toEqual([`/${TENANTS.fabrikam}/oauth2/v2.0/token`]);
    expect(emu.requests.filter((r) => r.path.includes('/authorize'))).toEqual([]);
    expect(await rowText(again, 'fabrikam')).toContain(TEST_USERS.alex.username);
    expect(await rowText(again, 'contoso')).toContain('Link to Azure user account');
  });

  it('"Sign out and retry" on the options page signs in again with account selection', async () => {
    const popup = await openPopup(ext);
    await signInAs(await startLink(popup, 'contoso'), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    const options = await openOptions(ext);
    emu.resetRequests();
    await options.locator(`tr[data-tenant="${TENANTS.contoso}"] button.sign-out-retry`).click();
    const auth = await waitForAuthWindow(ext.browser, emu.loginUrl);
    const authorize = emu.requests.find((r) => r.path.endsWith('/oauth2/v2.0/authorize'))!;
    expect(new URL(authorize.url, emu.loginUrl).searchParams.get('prompt')).toBe('select_account');
    // The account picker: this time the user signs in as someone else of the same tenant.
    await signInAs(auth, TEST_USERS.lynne);
    const row = `tr[data-tenant="${TENANTS.contoso}"]`;
    await options.waitForFunction(
      (sel, who) => document.querySelector(sel)?.textContent?.includes(who),
      {},
      row,
      TEST_USERS.lynne.username,
    );
    expect(await options.$eval(row, (el) => el.getAttribute('data-status'))).toBe('ok');
  });

  it('reopening the popup after a link opens no auth window', async () => {
    const popup = await openPopup(ext);
    await signInAs(await startLink(popup, 'contoso'), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await popup.close();
    emu.resetRequests();
    const pagesBefore = (await ext.browser.pages()).length;
    const reopened = await openPopup(ext);
    await reopened.waitForSelector(`${connectionSelector('contoso')} [data-linked-as]`);
    await reopened.waitForSelector('main[data-checked="true"]');
    expect(emu.requests.filter((r) => r.path.includes('/authorize'))).toEqual([]);
    expect((await ext.browser.pages()).length).toBe(pagesBefore + 1);
  });

  it('a worker stopped while idle starts again without redeeming the refresh token', async () => {
    const popup = await openPopup(ext);
    await signInAs(await startLink(popup, 'contoso'), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    // Chromium stops an idle extension worker after about 30 s; the access token survives in
    // storage.session (memory only), so the next popup asks Entra for nothing.
    await stopServiceWorker(popup);
    emu.resetRequests();
    const reopened = await openPopup(ext);
    await reopened.waitForSelector('main[data-checked="true"]');
    expect(emu.requests.filter((r) => r.listener === 'login')).toEqual([]);
    expect(await rowText(reopened, 'contoso')).toContain('Linked as Adele Vance');
  });

  it('a guest user links the resource tenant with the object ID that tenant issued', async () => {
    const popup = await openPopup(ext);
    await signInAs(await startLink(popup, 'fabrikam'), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('fabrikam')} [data-flow="succeeded"]`);
    const overview = await sendFromPage<{
      connections: {
        connection: { id: string };
        link?: { tenantId: string; oid: string; username: string };
      }[];
    }>(popup, { type: 'overview.get' });
    const link = overview.connections.find((c) => c.connection.id === 'fabrikam')?.link;
    expect(link?.tenantId).toBe(TENANTS.fabrikam);
    expect(link?.oid).toBe(TEST_USERS.megan.fabrikamOid);
    expect(link?.username).toBe(TEST_USERS.megan.username);
  });
});
