import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import {
  launchWithExtension,
  forgetSession,
  waitForAuthWindow,
  type ExtensionBrowser,
} from './support/browser';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from './support/emulator';
import { connectionSelector, openOptions, openPopup, rowText, sendFromPage } from './support/popup';

const DAY_AND_A_BIT = 25 * 60 * 60 * 1000;

describe('linking is once per tenant: later use is silent (docs/design.md §3 journey 2)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => emu?.stop());
  beforeEach(async () => {
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'fabrikam') });
    await setup.close();
  });
  afterEach(async () => ext?.close());

  async function link(popup: Page, connectionId: string, user: { username: string; password: string }) {
    await popup.locator(`${connectionSelector(connectionId)} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), user);
    await popup.waitForSelector(`${connectionSelector(connectionId)} [data-flow="succeeded"]`);
  }

  /** The next day: the worker slept (memory gone) and the 24-hour SPA refresh token has expired. */
  async function nextDay(page: Page) {
    emu.control.ageRefreshTokens({ ms: DAY_AND_A_BIT });
    await forgetSession(page);
    emu.resetRequests();
  }

  it('an expired refresh token is renewed silently while the Entra sign-in cookie lives', async () => {
    const popup = await openPopup(ext);
    await link(popup, 'contoso', TEST_USERS.adele);
    await nextDay(popup);
    const pagesBefore = (await ext.browser.pages()).length;

    const reopened = await openPopup(ext);
    await reopened.waitForSelector('main[data-checked="true"]');
    const paths = emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    // The refresh token was refused (AADSTS700084), then a prompt=none authorize answered at once.
    expect(paths).toContain(`POST /${TENANTS.contoso}/oauth2/v2.0/token 400`);
    const silent = emu.requests.find((r) => r.path.endsWith('/oauth2/v2.0/authorize'));
    expect(new URL(silent!.url, emu.loginUrl).searchParams.get('prompt')).toBe('none');
    expect(new URL(silent!.url, emu.loginUrl).searchParams.get('login_hint')).toBe(TEST_USERS.adele.username);
    expect(paths).toContain(`POST /${TENANTS.contoso}/oauth2/v2.0/token 200`);
    // No window for the user, and the link is still fine.
    expect((await ext.browser.pages()).length).toBe(pagesBefore + 1);
    expect(await rowText(reopened, 'contoso')).toContain(
      `Linked as Adele Vance (${TEST_USERS.adele.username})`,
    );
    expect(await reopened.$(`${connectionSelector('contoso')} [data-needs-sign-in]`)).toBeNull();
  });

  it('without the cookie, "Sign in again" appears for that tenant only, and signing in restores it', async () => {
    const popup = await openPopup(ext);
    await link(popup, 'contoso', TEST_USERS.adele);
    await link(popup, 'fabrikam', TEST_USERS.alex);
    await emu.control.revokeSessions({ username: TEST_USERS.alex.username });
    await nextDay(popup);

    const reopened = await openPopup(ext);
    await reopened.waitForSelector(`${connectionSelector('fabrikam')} [data-needs-sign-in]`);
    await reopened.waitForSelector('main[data-checked="true"]');
    expect(await rowText(reopened, 'fabrikam')).toContain('Sign in again');
    expect(await reopened.$(`${connectionSelector('contoso')} [data-needs-sign-in]`)).toBeNull();
    expect(await rowText(reopened, 'contoso')).toContain('Linked as Adele Vance');

    // The options page shows the same status.
    const options = await openOptions(ext);
    await options.waitForSelector(`tr[data-tenant="${TENANTS.fabrikam}"][data-status="needs_sign_in"]`);
    await options.waitForSelector(`tr[data-tenant="${TENANTS.contoso}"][data-status="ok"]`);

    await reopened.$eval(`${connectionSelector('fabrikam')} [data-needs-sign-in] button`, (b) =>
      (b as HTMLButtonElement).click(),
    );
    const auth = await waitForAuthWindow(ext.browser, emu.loginUrl);
    // The username is already filled in from the link (login_hint).
    await auth.waitForSelector('#username');
    expect(await auth.$eval('#username', (el) => (el as HTMLInputElement).value)).toBe(
      TEST_USERS.alex.username,
    );
    await signInAs(auth, TEST_USERS.alex);
    await reopened.waitForSelector(`${connectionSelector('fabrikam')} [data-flow="succeeded"]`);
    await reopened.waitForSelector(`${connectionSelector('fabrikam')}[data-link-status="ok"]`);
  });

  it('a user deleted in the tenant marks the link broken, with Unlink offered', async () => {
    const popup = await openPopup(ext);
    await link(popup, 'contoso', TEST_USERS.lynne);
    await emu.control.deleteUser({ username: TEST_USERS.lynne.username });
    await forgetSession(popup);
    const reopened = await openPopup(ext);
    const broken = await reopened.waitForSelector(`${connectionSelector('contoso')} [data-broken]`);
    expect(await broken!.evaluate((el) => el.textContent)).toContain('no longer exists in the tenant');
    await broken!.$eval('button', (b) => (b as HTMLButtonElement).click());
    await reopened.waitForSelector(`${connectionSelector('contoso')}[data-link-status="unlinked"]`);
  });
});
