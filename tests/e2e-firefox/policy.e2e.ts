import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { testSeed, TEST_USERS, type Emulator } from '../emulator';
import { waitForAuthWindow, type ExtensionBrowser } from '../e2e/support/browser';
import { connectionFor, signInAs, startTestEmulator } from '../e2e/support/emulator';
import { connectionSelector, openOptions, openPopup, rowText } from '../e2e/support/popup';
import { textOf } from '../e2e/support/stored';
import { FIREFOX_REDIRECT_URI, launchFirefoxWithExtension } from './support/firefox';

const KEYS = ['connections', 'allowedTenants', 'cloudAccessRoles', 'pim', 'allowUserConnections'];

interface FlowLike {
  status: string;
  error?: { code: string };
}

describe('Firefox: managed policy from managed storage', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: testSeed([FIREFOX_REDIRECT_URI]) });
    // Firefox reads policy at start-up: the managed-storage file is written before it starts.
    ext = await launchFirefoxWithExtension({
      managed: {
        schemaVersion: 1,
        connections: [connectionFor(emu, 'contoso'), connectionFor(emu, 'fabrikam')],
        allowedTenants: ['contoso.onmicrosoft.com'],
        cloudAccessRoles: [
          {
            name: 'Contoso readers',
            connection: 'contoso',
            scope: '/subscriptions/00000000-0000-4000-8000-000000000001',
            role: 'Reader',
          },
        ],
        pim: { defaultDurationMinutes: 120, justificationTemplates: ['Incident'], requireTicket: true },
        allowUserConnections: false,
      },
    });
    options = await openOptions(ext);
    await options.waitForSelector('.managed-badge[data-managed="connections"]', { timeout: 20_000 });
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  it('shows every managed key locked in options, and the background refuses to change them', async () => {
    for (const key of KEYS) await options.waitForSelector(`.managed-badge[data-managed="${key}"]`);
    expect(await textOf(options, '.managed-badge[data-managed="pim"]')).toBe('Managed by your organization');

    const disabled = (selector: string) =>
      options.$$eval(selector, (els) => els.map((el) => (el as HTMLButtonElement).disabled));
    expect(await disabled('li.connection-item button.edit-connection')).toEqual([true, true]);
    expect(await disabled('li.connection-item button.remove-connection')).toEqual([true, true]);
    expect(await options.$('form.connection-form[data-mode="add"]')).toBeNull();

    const fieldsetDisabled = (selector: string) =>
      options.$eval(selector, (el) => (el.closest('fieldset') as HTMLFieldSetElement).disabled);
    expect(await fieldsetDisabled('#allowed-tenants')).toBe(true);
    expect(await options.$eval('#allowed-tenants', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'contoso.onmicrosoft.com',
    );
    expect(await fieldsetDisabled('#role-0-name')).toBe(true);
    expect(await options.$eval('#role-0-name', (el) => (el as HTMLInputElement).value)).toBe(
      'Contoso readers',
    );
    expect(await fieldsetDisabled('#pim-duration')).toBe(true);
    expect(await options.$eval('#pim-duration', (el) => (el as HTMLInputElement).value)).toBe('120');
    expect(await fieldsetDisabled('#allow-user-connections')).toBe(true);

    const refused = await options.evaluate(async () => [
      await chrome.runtime.sendMessage({ type: 'config.set', key: 'allowedTenants', value: [] }),
      await chrome.runtime.sendMessage({ type: 'connection.remove', connectionId: 'fabrikam' }),
    ]);
    expect(refused.map((r: { ok: boolean; error?: { code: string } }) => r.error?.code)).toEqual([
      'managed_locked',
      'managed_locked',
    ]);
  });

  it('a tenant outside allowedTenants is refused before any auth window opens; an allowed one links', async () => {
    const popup = await openPopup(ext);
    expect(await rowText(popup, 'fabrikam')).toContain(
      'Your organization does not allow linking the tenant fabrikam.onmicrosoft.com',
    );
    expect(
      await popup.$eval(
        `${connectionSelector('fabrikam')} button.link-start`,
        (b) => (b as HTMLButtonElement).disabled,
      ),
    ).toBe(true);

    // Asked directly, past the disabled button, the background still refuses, and asks Entra nothing.
    emu.resetRequests();
    const response = (await popup.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'link.start', connectionId: 'fabrikam', mode: 'link' }),
    )) as { ok: boolean; data: FlowLike };
    expect(response.data).toMatchObject({ status: 'failed', error: { code: 'tenant_not_allowed' } });
    expect(emu.requests.filter((r) => r.listener === 'login')).toEqual([]);
    const authWindows = ext.browser.targets().filter((t) => t.url().startsWith(emu.loginUrl));
    expect(authWindows).toEqual([]);

    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
  });
});
