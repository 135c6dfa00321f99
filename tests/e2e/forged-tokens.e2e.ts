import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_USERS, type Emulator } from '../emulator';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { APPS, connectionFor, signInAs, startTestEmulator } from './support/emulator';
import { connectionSelector, openOptions, openPopup, rowText, sendFromPage } from './support/popup';
import { linkStoreCounts } from './support/stored';

// Two ID tokens a review got the built extension to accept: signed with the provider's real key, so
// only the claims checks stand between them and a stored link.
describe('forged ID tokens are refused in the browser and nothing is stored', () => {
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
    await setup.close();
  });
  afterEach(async () => {
    emu.state.idTokenForgeries.length = 0;
    await ext?.close();
  });

  async function linkWithForgery(forgery: Parameters<Emulator['control']['forgeIdTokens']>[0]) {
    emu.control.forgeIdTokens(forgery);
    const issuedBefore = emu.state.counters.idTokensIssued;
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-error="invalid_id_token"]`);
    // The forged token was the one issued for this sign-in: the refusal is not about anything else.
    expect(emu.state.counters.idTokensIssued).toBe(issuedBefore + 1);
    expect(emu.state.idTokenForgeries).toHaveLength(0);
    expect(await rowText(popup, 'contoso')).toContain('nothing was saved');
    expect(await linkStoreCounts(ext)).toEqual({ links: 0, secrets: 0 });
  }

  it('refuses an ID token issued an hour in the future', async () => {
    await linkWithForgery({ iatOffsetSec: 3600 });
  });

  it('refuses an ID token for the client and another audience, with no azp', async () => {
    await linkWithForgery({ claims: { aud: [APPS.contosoSpa, '00000000-0000-4000-8000-00000000beef'] } });
  });

  it('links normally once the provider issues honest tokens again', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    expect(await linkStoreCounts(ext)).toEqual({ links: 1, secrets: 1 });
  });
});
