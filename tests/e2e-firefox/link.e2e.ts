import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { testSeed, TEST_USERS, type Emulator } from '../emulator';
import { waitForAuthWindow, type ExtensionBrowser } from '../e2e/support/browser';
import {
  connectionFor,
  signInAs,
  startTestEmulator,
  TENANTS,
  wrongTenantConnection,
} from '../e2e/support/emulator';
import { connectionSelector, openOptions, openPopup, rowText, sendFromPage } from '../e2e/support/popup';
import { FIREFOX_ORIGIN, FIREFOX_REDIRECT_URI, launchFirefoxWithExtension } from './support/firefox';

describe('Firefox: link a tenant with launchWebAuthFlow', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let setup: Page;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: testSeed([FIREFOX_REDIRECT_URI]) });
  });
  afterAll(async () => emu?.stop());

  beforeEach(async () => {
    ext = await launchFirefoxWithExtension();
    setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    emu.resetRequests();
  });
  afterEach(async () => ext?.close());

  async function link(popup: Page): Promise<void> {
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    const auth = await waitForAuthWindow(ext.browser, emu.loginUrl);
    await signInAs(auth, TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
  }

  it('links through Firefox redirect URI, and the popup says so (screenshot kept)', async () => {
    const popup = await openPopup(ext);
    await link(popup);
    expect(await rowText(popup, 'contoso')).toContain(
      `Your Azure account ${TEST_USERS.adele.username} is now linked`,
    );
    const authorize = emu.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/authorize'));
    expect(new URL(authorize[0]!.url, emu.loginUrl).searchParams.get('redirect_uri')).toBe(
      FIREFOX_REDIRECT_URI,
    );
    mkdirSync('test-results', { recursive: true });
    await popup.screenshot({ path: path.join('test-results', 'firefox-popup-linked.png') });

    const options = await openOptions(ext);
    const row = await options.waitForSelector(`tr[data-tenant="${TENANTS.contoso}"]`);
    expect(await row!.evaluate((el) => el.textContent ?? '')).toContain(TEST_USERS.adele.username);
  });

  it("the token POST carries Origin moz-extension://<uuid>, which Entra's SPA rule accepts", async () => {
    const popup = await openPopup(ext);
    await link(popup);
    const posts = emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));
    expect(posts.map((p) => [p.origin, p.status])).toEqual([[FIREFOX_ORIGIN, 200]]);
  });

  it("the emulator serves Firefox's extra background GET of the authorize URL without using up the flow", async () => {
    const popup = await openPopup(ext);
    await link(popup);
    const authorize = emu.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/oauth2/v2.0/authorize'),
    );
    // One background fetch, then the window: both for the same state, both answered with the sign-in page.
    expect(authorize.length).toBe(2);
    const states = authorize.map((r) => new URL(r.url, emu.loginUrl).searchParams.get('state'));
    expect(states[0]).toBe(states[1]);
    expect(authorize.map((r) => r.status)).toEqual([200, 200]);
  });

  it('refuses the wrong tenant, names both tenants, and stores nothing', async () => {
    // The multi-tenant authority with Fabrikam's ID: Adele signs in to Contoso instead.
    const wrong = wrongTenantConnection(emu);
    await sendFromPage(setup, { type: 'connection.save', connection: wrong });
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('fabrikam-wrong')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    const message = await popup.waitForSelector(
      `${connectionSelector('fabrikam-wrong')} [data-error="wrong_tenant"]`,
    );
    const text = await message!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(TENANTS.fabrikam);
    expect(text).toContain(TENANTS.contoso);
    const overview = await sendFromPage<{ connections: { link?: unknown }[] }>(popup, {
      type: 'overview.get',
    });
    expect(overview.connections.every((c) => c.link === undefined)).toBe(true);
  });

  it('reopening the popup after a link opens no auth window', async () => {
    await link(await openPopup(ext));
    emu.resetRequests();
    const reopened = await openPopup(ext);
    await reopened.waitForSelector(`${connectionSelector('contoso')} [data-linked-as]`);
    await reopened.waitForSelector('main[data-checked="true"]');
    expect(emu.requests.filter((r) => r.path.includes('/authorize'))).toEqual([]);
  });

  it('options page lists the linked account and unlinks it', async () => {
    await link(await openPopup(ext));
    const options = await openOptions(ext);
    const row = await options.waitForSelector(`tr[data-tenant="${TENANTS.contoso}"]`);
    expect(await row!.evaluate((el) => el.textContent ?? '')).toContain('Adele Vance');
    await row!.$eval('button.unlink', (b) => (b as HTMLButtonElement).click());
    await options.waitForFunction(
      (sel) => !document.querySelector(sel),
      {},
      `tr[data-tenant="${TENANTS.contoso}"]`,
    );
    const overview = await sendFromPage<{ connections: { link?: unknown }[] }>(options, {
      type: 'overview.get',
    });
    expect(overview.connections.every((c) => c.link === undefined)).toBe(true);
  });
});
