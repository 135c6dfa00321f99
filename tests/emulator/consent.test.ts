import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  callbackParams,
  errorCode,
  FetchBrowser,
  signIn,
  signInAndRedeem,
  tokenRequest,
} from './fetch-browser';
import {
  APPS,
  startEmulator,
  TENANTS,
  TEST_EXTENSION_REDIRECT_URI,
  TEST_USERS,
  type Emulator,
} from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

const adminConsentUrl = (tenant: string, clientId: string = APPS.publisherMulti) =>
  `${emu.loginUrl}/${tenant}/v2.0/adminconsent?${new URLSearchParams({
    client_id: clientId,
    scope: 'https://management.azure.com/.default',
    redirect_uri: TEST_EXTENSION_REDIRECT_URI,
    state: 'ac-1',
  })}`;

const refreshTo = (tenant: string, rt: string) =>
  tokenRequest(emu, tenant, {
    client_id: APPS.publisherMulti,
    grant_type: 'refresh_token',
    refresh_token: rt,
    scope: 'https://management.azure.com/.default',
  });

describe('consent', () => {
  it('redirects consent_required (65001) from authorize when the app is not consented in the tenant', async () => {
    const page = await signIn(
      new FetchBrowser(),
      authorizeUrl(emu, {
        tenant: TENANTS.northwind,
        clientId: APPS.publisherMulti,
        codeChallenge: 'c',
        state: 'x',
      }),
      TEST_USERS.nestor,
    );
    const p = callbackParams(page.location);
    expect(p.get('error')).toBe('consent_required');
    expect(p.get('error_description')).toMatch(/^AADSTS65001: /);
    expect(p.get('state')).toBe('x');
  });

  it('lets a tenant admin grant admin consent; the app then works there', async () => {
    const megan = await signInAndRedeem(emu, new FetchBrowser(), {
      tenant: TENANTS.contoso,
      clientId: APPS.publisherMulti,
      ...TEST_USERS.megan,
    });
    const rt = String(megan.json.refresh_token);
    expect(errorCode((await refreshTo(TENANTS.northwind, rt)).json)).toBe(65001);

    const b = new FetchBrowser();
    const url = adminConsentUrl('northwind.onmicrosoft.com');
    const form = await b.request(url);
    expect(form.html).toContain('id="password"');
    const done = await b.submit(form, url, { ...TEST_USERS.northwindAdmin, action: 'signin' });
    const p = callbackParams(done.location);
    expect(Object.fromEntries(p)).toEqual({
      admin_consent: 'True',
      tenant: TENANTS.northwind,
      scope: 'https://management.azure.com/.default',
      state: 'ac-1',
    });
    expect((await refreshTo(TENANTS.northwind, rt)).status).toBe(200);
    emu.control.setConsent({ tenant: TENANTS.northwind, clientId: APPS.publisherMulti, granted: false });
    expect(errorCode((await refreshTo(TENANTS.northwind, rt)).json)).toBe(65001);
  });

  it('refuses admin consent from a non-admin and reports a cancel', async () => {
    const b = new FetchBrowser();
    const url = adminConsentUrl(TENANTS.northwind);
    const refused = await b.submit(await b.request(url), url, { ...TEST_USERS.nestor, action: 'signin' });
    const p = callbackParams(refused.location);
    expect(p.get('admin_consent')).toBe('True');
    expect(p.get('error')).toBe('consent_required');
    expect(p.get('error_description')).toMatch(/^AADSTS65004: /);
    expect(p.get('state')).toBe('ac-1');
    expect(p.has('tenant')).toBe(false);

    // The session now holds nestor, so the picker comes first; Cancel is on it too.
    const picker = await b.request(url);
    expect(picker.html).toContain(`data-account="${TEST_USERS.nestor.username}"`);
    const cancelled = callbackParams((await b.submit(picker, url, { action: 'cancel' })).location);
    expect(cancelled.get('error')).toBe('access_denied');
    expect(cancelled.get('admin_consent')).toBe('True');
  });

  it('lets the Contoso admin grant again after consent was withdrawn', async () => {
    emu.control.setConsent({
      tenant: 'contoso.onmicrosoft.com',
      clientId: APPS.publisherMulti,
      granted: false,
    });
    const b = new FetchBrowser();
    const url = adminConsentUrl('organizations');
    const done = await b.submit(await b.request(url), url, { ...TEST_USERS.contosoAdmin, action: 'signin' });
    expect(callbackParams(done.location).get('tenant')).toBe(TENANTS.contoso);
    const state = emu.control.state() as { consent: { clientId: string; consentedTenants: string[] }[] };
    expect(state.consent.find((c) => c.clientId === APPS.publisherMulti)?.consentedTenants).toContain(
      TENANTS.contoso,
    );
  });

  it('does not serve admin consent over /common (90130)', async () => {
    const page = await new FetchBrowser().request(adminConsentUrl('common'));
    expect(page.html).toContain('AADSTS90130');
  });
});
