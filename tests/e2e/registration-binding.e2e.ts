import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { connectionFor, signInAs, startTestEmulator } from './support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  sendFromPage,
  waitForCatalogSettled,
} from './support/popup';

// A connection saved or imported with the same id but other hosts must not inherit the link's
// tokens: the refresh token stays with the token endpoint that issued it.
describe('tokens follow the registration they were issued for', () => {
  let emu: Emulator;
  let elsewhere: Emulator;
  let ext: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    [emu, elsewhere] = await Promise.all([startTestEmulator(), startTestEmulator()]);
  });
  afterAll(async () => Promise.all([emu?.stop(), elsewhere?.stop()]));
  beforeEach(async () => {
    ext = await launchWithExtension();
    options = await openOptions(ext);
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
  });
  afterEach(async () => ext?.close());

  it('a connection re-pointed at other hosts gets no token; the link asks to sign in again', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    // The link's first catalog refresh (this emulator has no ARM routes) ends before the re-point.
    await waitForCatalogSettled(popup);
    await popup.close();

    // Same id, other hosts: what an edited or imported connection looks like.
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(elsewhere, 'contoso') });
    emu.resetRequests();
    elsewhere.resetRequests();

    const reopened = await openPopup(ext);
    const row = await reopened.waitForSelector(
      `${connectionSelector('contoso')} [data-needs-sign-in][data-detail="registration_changed"]`,
    );
    expect(await row!.evaluate((el) => el.textContent ?? '')).toContain('Sign in again');
    // Neither the refresh token nor the cached ARM access token went to the new hosts (or anywhere);
    // saving the connection only read the new host's public discovery document.
    const carriedSecrets = (e: Emulator) =>
      e.requests.filter((r) => r.listener === 'arm' || (r.listener === 'login' && r.method !== 'GET'));
    expect(carriedSecrets(elsewhere)).toEqual([]);
    expect(carriedSecrets(emu)).toEqual([]);
    expect(elsewhere.requests.every((r) => r.path.includes('/.well-known/openid-configuration'))).toBe(true);
  });
});
