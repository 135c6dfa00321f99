import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { APPS, TENANTS, connectionFor, signInAs, startTestEmulator } from './support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from './support/popup';
import { textOf } from './support/stored';

const item = (id: string) => `li.connection-item[data-connection="${id}"]`;

/**
 * The publisher's multi-tenant app is consented in Contoso and Fabrikam but not in
 * Northwind. One browser and one emulator for the whole story, in order: a user hits the missing
 * consent, a non-admin cannot grant it, the Northwind admin does, and the user links.
 */
describe('admin consent for the publisher app (docs/design.md §3 journey 6)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    emu = await startTestEmulator();
    ext = await launchWithExtension();
    options = await openOptions(ext);
    await sendFromPage(options, {
      type: 'connection.save',
      connection: connectionFor(emu, 'northwind', { app: 'publisher' }),
    });
    await options.reload();
    await options.waitForSelector(item('northwind'));
  });
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  function expectConsentUrl(url: string) {
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe(
      `${emu.loginUrl}/northwind.onmicrosoft.com/v2.0/adminconsent`,
    );
    expect(parsed.searchParams.get('client_id')).toBe(APPS.publisherMulti);
    expect(parsed.searchParams.get('scope')).toBe(`${emu.armUrl}/.default`);
    expect(parsed.searchParams.get('redirect_uri')).toBe(
      'https://imaoaahfnaagedddnnnfakiglapfloen.chromiumapp.org/',
    );
  }

  async function runConsent(user: { username: string; password: string }): Promise<void> {
    await options.locator(`${item('northwind')} button.admin-consent-run`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), user);
  }

  it('a user linking before consent is told so, with the consent link for the admin', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('northwind')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.nestor);
    const message = await popup.waitForSelector(
      `${connectionSelector('northwind')} [data-error="consent_required"]`,
    );
    const text = await message!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('Ask an administrator of the tenant to grant consent');
    expect(text).not.toMatch(/AADSTS/);
    const url = await textOf(
      popup,
      `${connectionSelector('northwind')} [data-error="consent_required"] .consent-url`,
    );
    expectConsentUrl(url);
    expect(
      await popup.$(
        `${connectionSelector('northwind')} [data-error="consent_required"] .consent-link button.copy`,
      ),
    ).not.toBeNull();
    await popup.close();
  });

  it('the options page shows the consent URL to hand over, with a copy button', async () => {
    await options.locator(`${item('northwind')} button.admin-consent-toggle`).click();
    expectConsentUrl(await textOf(options, `${item('northwind')} .admin-consent-panel .consent-url`));
    expect(await options.$(`${item('northwind')} .admin-consent-panel button.copy`)).not.toBeNull();
  });

  it('a non-admin cannot grant: the page says consent was not granted, and why', async () => {
    await runConsent(TEST_USERS.nestor);
    const result = await options.waitForSelector(
      `${item('northwind')} .consent-result[data-granted="false"]`,
    );
    expect(await result!.evaluate((el) => el.getAttribute('data-error'))).toBe('consent_not_admin');
    const text = await result!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('not an administrator of this tenant');
    expect(text).toContain('AADSTS65004');
    const app = emu.seed.apps.find((a) => a.clientId === APPS.publisherMulti);
    expect(app?.consentedTenants).not.toContain(TENANTS.northwind);
  });

  it('the Northwind admin grants consent; the user can then link Northwind', async () => {
    await runConsent(TEST_USERS.northwindAdmin);
    const result = await options.waitForSelector(`${item('northwind')} .consent-result[data-granted="true"]`);
    expect(await result!.evaluate((el) => el.textContent ?? '')).toContain('Consent granted');
    const app = emu.seed.apps.find((a) => a.clientId === APPS.publisherMulti);
    expect(app?.consentedTenants).toContain(TENANTS.northwind);

    const popup = await openPopup(ext);
    await sendFromPage(popup, { type: 'flow.dismiss', connectionId: 'northwind' });
    await popup.locator(`${connectionSelector('northwind')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.nestor);
    await popup.waitForSelector(`${connectionSelector('northwind')} [data-flow="succeeded"]`);
  });
});
