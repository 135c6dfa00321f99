import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, callbackParams, FetchBrowser, signIn, signInAndRedeem } from './fetch-browser';
import { APPS, startEmulator, TENANTS, TEST_USERS, type Emulator } from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

const { adele, megan, isaiah, diego, nestor } = TEST_USERS;
const at = (tenant: string, extra: Partial<Parameters<typeof authorizeUrl>[1]> = {}) =>
  authorizeUrl(emu, {
    tenant,
    clientId: APPS.publisherMulti,
    codeChallenge: 'challenge-value-long-enough',
    state: 's',
    ...extra,
  });

async function signedInBrowser(
  user: { username: string; password: string; mfaCode?: string },
  tenant: string = TENANTS.contoso,
  clientId: string = APPS.publisherMulti,
) {
  const b = new FetchBrowser();
  const page = await signIn(b, at(tenant, { clientId }), user);
  expect(callbackParams(page.location).get('code')).toBeTruthy();
  return b;
}

describe('browser session and prompt', () => {
  it('prompt=none without a session: login_required (50058)', async () => {
    const page = await new FetchBrowser().request(at(TENANTS.contoso, { prompt: 'none' }));
    const p = callbackParams(page.location);
    expect(p.get('error')).toBe('login_required');
    expect(p.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(p.get('state')).toBe('s');
  });

  it('prompt=none with a session: a code at once; after revokeSessions: login_required', async () => {
    const b = await signedInBrowser(adele);
    const ok = await b.request(at(TENANTS.contoso, { prompt: 'none', loginHint: adele.username }));
    expect(ok.status).toBe(302);
    expect(callbackParams(ok.location).get('code')).toBeTruthy();
    const otherHint = await b.request(at(TENANTS.contoso, { prompt: 'none', loginHint: megan.username }));
    expect(callbackParams(otherHint.location).get('error')).toBe('login_required');
    emu.control.revokeSessions({ username: adele.username });
    const after = await b.request(at(TENANTS.contoso, { prompt: 'none' }));
    expect(callbackParams(after.location).get('error')).toBe('login_required');
  });

  it('prompt=none for a tenant the account is not in: interaction_required with 50020', async () => {
    const b = await signedInBrowser(adele);
    const p = callbackParams((await b.request(at(TENANTS.fabrikam, { prompt: 'none' }))).location);
    expect(p.get('error')).toBe('interaction_required');
    expect(p.get('error_description')).toMatch(/^AADSTS50020: /);
  });

  it('prompt=none where consent is missing: consent_required (65001)', async () => {
    const b = await signedInBrowser(megan);
    const p = callbackParams((await b.request(at(TENANTS.northwind, { prompt: 'none' }))).location);
    expect(p.get('error')).toBe('consent_required');
    expect(p.get('error_description')).toMatch(/^AADSTS65001: /);
  });

  it('signs in silently without prompt when the session has one account; prompt=login asks again', async () => {
    const b = await signedInBrowser(megan);
    const sso = await b.request(at(TENANTS.fabrikam));
    expect(sso.status).toBe(302);
    expect(callbackParams(sso.location).get('code')).toBeTruthy();
    const login = await b.request(at(TENANTS.contoso, { prompt: 'login' }));
    expect(login.status).toBe(200);
    expect(login.html).toContain('id="password"');
  });

  it('prompt=select_account lists the session accounts and can add another', async () => {
    const b = await signedInBrowser(adele);
    await signIn(b, at(TENANTS.contoso, { prompt: 'login' }), megan);
    const url = at(TENANTS.contoso, { prompt: 'select_account' });
    const picker = await b.request(url);
    expect(picker.html).toContain(`data-account="${adele.username}"`);
    expect(picker.html).toContain(`data-account="${megan.username}"`);
    expect(picker.html).toContain('id="use-another-account"');
    const chosen = await b.submit(picker, url, { account: megan.username });
    expect(callbackParams(chosen.location).get('code')).toBeTruthy();

    const another = await b.submit(await b.request(url), url, { action: 'another' });
    expect(another.html).toContain('id="password"');

    const ambiguous = await b.request(at(TENANTS.contoso, { prompt: 'none' }));
    expect(callbackParams(ambiguous.location).get('error')).toBe('login_required');
    const noPrompt = await b.request(at(TENANTS.contoso));
    expect(noPrompt.html).toContain('data-account=');
  });

  it('asks for the second factor, refuses 000000, and remembers MFA in the session', async () => {
    const b = new FetchBrowser();
    const url = at(TENANTS.contoso);
    const mfa = await signIn(b, url, isaiah);
    expect(mfa.html).toContain('id="mfa-code"');
    expect(mfa.html).toContain('id="submit"');
    const refused = await b.submit(mfa, url, { otc: '000000', action: 'verify' });
    expect(refused.html).toMatch(/id="error"[^>]*>AADSTS500121/);
    const ok = await b.submit(refused, url, { otc: '424242', action: 'verify' });
    expect(callbackParams(ok.location).get('code')).toBeTruthy();
    const silent = await b.request(at(TENANTS.contoso, { prompt: 'none' }));
    expect(callbackParams(silent.location).get('code')).toBeTruthy();
  });

  it('prompt=none when the session lacks MFA that is now required: interaction_required (50076)', async () => {
    const b = await signedInBrowser(nestor, TENANTS.northwind, APPS.northwindSpa);
    emu.control.setMfaRequired({ username: nestor.username, required: true });
    const p = callbackParams(
      (await b.request(at(TENANTS.northwind, { clientId: APPS.northwindSpa, prompt: 'none' }))).location,
    );
    expect(p.get('error')).toBe('interaction_required');
    expect(p.get('error_description')).toMatch(/^AADSTS50076: /);
    emu.control.setMfaRequired({ username: nestor.username, required: false });
  });

  it('shows 50057 for a disabled user and 50020 for a user outside the tenant', async () => {
    const disabled = await signIn(new FetchBrowser(), at(TENANTS.contoso), diego);
    expect(disabled.location).toBeUndefined();
    expect(disabled.html).toContain('AADSTS50057');
    const outside = await signIn(new FetchBrowser(), at(TENANTS.fabrikam), adele);
    expect(outside.location).toBeUndefined();
    expect(outside.html).toContain('<span id="error-code">AADSTS50020</span>');
  });

  it('treats a deleted user as unknown (50034)', async () => {
    const lynne = TEST_USERS.lynne;
    const b = await signedInBrowser(lynne);
    emu.control.deleteUser({ username: lynne.username });
    const silent = await b.request(at(TENANTS.contoso, { prompt: 'none' }));
    expect(callbackParams(silent.location).get('error')).toBe('login_required');
    const page = await signIn(new FetchBrowser(), at(TENANTS.contoso), lynne);
    expect(page.html).toMatch(/id="error"[^>]*>AADSTS50034/);
  });

  it('signs organizations users into their home tenant', async () => {
    const r = await signInAndRedeem(emu, new FetchBrowser(), {
      tenant: 'organizations',
      clientId: APPS.publisherMulti,
      ...megan,
    });
    expect(decodeJwt(String(r.json.id_token))).toMatchObject({ tid: TENANTS.contoso, oid: megan.oid });
  });

  it('ends the session at logout and returns to a registered URI', async () => {
    const b = await signedInBrowser(adele);
    const target = 'https://imaoaahfnaagedddnnnfakiglapfloen.chromiumapp.org/';
    const out = await b.request(
      `${emu.loginUrl}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(target)}`,
    );
    expect(out.location).toBe(target);
    expect(b.hasSession()).toBe(false);
    const unregistered = await b.request(
      `${emu.loginUrl}/common/oauth2/v2.0/logout?post_logout_redirect_uri=https://x.example/`,
    );
    expect(unregistered.html).toContain('id="signed-out"');
  });
});
