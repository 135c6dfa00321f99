import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARM_SCOPE,
  authorizeUrl,
  callbackParams,
  errorCode,
  FetchBrowser,
  pkcePair,
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

const adele = TEST_USERS.adele;
const contoso = { tenant: TENANTS.contoso, clientId: APPS.contosoSpa };

/** Signs adele in at Contoso and returns the redirect plus the PKCE verifier. */
async function codeFor(extra: Partial<Parameters<typeof authorizeUrl>[1]> = {}) {
  const { verifier, challenge } = pkcePair();
  const page = await signIn(
    new FetchBrowser(),
    authorizeUrl(emu, { ...contoso, codeChallenge: challenge, state: 'st-1', ...extra }),
    adele,
  );
  const params = callbackParams(page.location);
  return { params, verifier, code: params.get('code') ?? '' };
}

const redeem = (code: string, verifier: string, extra: Record<string, string> = {}, origin?: string | null) =>
  tokenRequest(
    emu,
    TENANTS.contoso,
    {
      client_id: APPS.contosoSpa,
      grant_type: 'authorization_code',
      code,
      redirect_uri: TEST_EXTENSION_REDIRECT_URI,
      code_verifier: verifier,
      scope: `openid profile offline_access ${ARM_SCOPE}`,
      ...extra,
    },
    origin,
  );

describe('authorization code flow with PKCE', () => {
  it('issues verifiable tokens with the documented claims', async () => {
    const browser = new FetchBrowser();
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl(emu, {
      ...contoso,
      codeChallenge: challenge,
      state: 'state with spaces & symbols',
      nonce: 'n-123',
      clientInfo: true,
    });
    const form = await browser.request(url);
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="username"');
    expect(form.html).toContain('id="password"');
    expect(form.html).toContain('id="submit"');
    expect(form.html).toContain('id="cancel"');
    const done = await browser.submit(form, url, { username: adele.username, password: adele.password });
    expect(done.status).toBe(302);
    expect(done.location?.startsWith(`${TEST_EXTENSION_REDIRECT_URI}?`)).toBe(true);
    expect(browser.hasSession()).toBe(true);
    const params = callbackParams(done.location);
    expect(params.get('state')).toBe('state with spaces & symbols');
    const clientInfo = JSON.parse(Buffer.from(params.get('client_info') ?? '', 'base64url').toString());
    expect(clientInfo).toEqual({ uid: adele.oid, utid: TENANTS.contoso });

    const { status, json } = await redeem(params.get('code') ?? '', verifier);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      token_type: 'Bearer',
      scope: ARM_SCOPE,
      expires_in: 3599,
      ext_expires_in: 3599,
    });
    expect(typeof json.refresh_token).toBe('string');
    expect(typeof json.client_info).toBe('string');

    const idToken = String(json.id_token);
    const jwks = createRemoteJWKSet(new URL(`${emu.loginUrl}/${TENANTS.contoso}/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
      issuer: `${emu.loginUrl}/${TENANTS.contoso}/v2.0`,
      audience: APPS.contosoSpa,
    });
    expect(protectedHeader).toMatchObject({ typ: 'JWT', alg: 'RS256' });
    expect(protectedHeader).not.toHaveProperty('x5t');
    expect(payload).toMatchObject({
      name: 'Adele Vance',
      nonce: 'n-123',
      oid: adele.oid,
      preferred_username: adele.username,
      tid: TENANTS.contoso,
      ver: '2.0',
    });
    for (const claim of ['sub', 'uti', 'rh', 'aio', 'iat', 'nbf']) expect(payload).toHaveProperty(claim);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);

    const at = decodeJwt(String(json.access_token));
    expect(decodeProtectedHeader(String(json.access_token))).toHaveProperty('x5t');
    expect(at).toMatchObject({
      iss: `https://sts.windows.net/${TENANTS.contoso}/`,
      aud: 'https://management.azure.com',
      tid: TENANTS.contoso,
      oid: adele.oid,
      upn: adele.username,
      unique_name: adele.username,
      amr: ['pwd'],
      scp: 'user_impersonation',
      appid: APPS.contosoSpa,
      ver: '1.0',
    });
    expect(at.sub).not.toBe(payload.sub);
  });

  it('gives a different pairwise sub to a different app', async () => {
    const a = await signInAndRedeem(emu, new FetchBrowser(), { ...contoso, ...adele });
    const b = await signInAndRedeem(emu, new FetchBrowser(), {
      tenant: TENANTS.contoso,
      clientId: APPS.publisherMulti,
      ...adele,
    });
    const subA = decodeJwt(String(a.json.id_token)).sub;
    const subB = decodeJwt(String(b.json.id_token)).sub;
    expect(subA).toHaveLength(43);
    expect(subA).not.toBe(subB);
  });

  it('answers in the fragment with response_mode=fragment, and no ID token without openid', async () => {
    const { params, verifier } = await codeFor({ responseMode: 'fragment', scope: ARM_SCOPE });
    expect(params.get('state')).toBe('st-1');
    const { json } = await redeem(params.get('code') ?? '', verifier, { scope: ARM_SCOPE });
    expect(json).not.toHaveProperty('id_token');
    expect(json).not.toHaveProperty('refresh_token');
    expect(json.access_token).toBeTruthy();
  });

  it('posts the answer with response_mode=form_post', async () => {
    const { challenge } = pkcePair();
    const page = await signIn(
      new FetchBrowser(),
      authorizeUrl(emu, { ...contoso, codeChallenge: challenge, state: 'fp', responseMode: 'form_post' }),
      adele,
    );
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<form method="post" action="${TEST_EXTENSION_REDIRECT_URI}">`);
    expect(page.html).toMatch(/<input type="hidden" name="code" value="0\.A[^"]+">/);
    expect(page.html).toContain('<input type="hidden" name="state" value="fp">');
  });

  it('accepts the alternative ARM resource names', async () => {
    const { code, verifier } = await codeFor();
    const { json } = await redeem(code, verifier, { scope: 'https://management.core.windows.net//.default' });
    expect(decodeJwt(String(json.access_token)).aud).toBe('https://management.core.windows.net/');
    expect(json.scope).toBe('https://management.core.windows.net//user_impersonation');
    const second = await codeFor();
    const own = await redeem(second.code, second.verifier, { scope: `${emu.armUrl}/.default` });
    expect(decodeJwt(String(own.json.access_token)).aud).toBe(emu.armUrl);
  });
});

describe('code redemption errors', () => {
  it('refuses a second redemption (54005)', async () => {
    const { code, verifier } = await codeFor();
    expect((await redeem(code, verifier)).status).toBe(200);
    const again = await redeem(code, verifier);
    expect(again.status).toBe(400);
    expect(again.json.error).toBe('invalid_grant');
    expect(errorCode(again.json)).toBe(54005);
    expect(again.json.error_description).toMatch(
      /^AADSTS54005: .*\r\nTrace ID: [0-9a-f-]+\r\nCorrelation ID: [0-9a-f-]+\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
    for (const k of ['timestamp', 'trace_id', 'correlation_id']) expect(again.json).toHaveProperty(k);
    expect(again.json.error_uri).toBe(`${emu.loginUrl}/error?code=54005`);
  });

  it('refuses a wrong or missing verifier (50148 / 501481)', async () => {
    const { code, verifier } = await codeFor();
    expect(errorCode((await redeem(code, `${verifier}x`)).json)).toBe(50148);
    expect(errorCode((await redeem(code, '', { code_verifier: '' })).json)).toBe(501481);
    expect((await redeem(code, verifier)).status).toBe(200);
  });

  it('requires the same redirect_uri (70000) and the same tenant (700005)', async () => {
    const { code, verifier } = await codeFor();
    const other = await redeem(code, verifier, { redirect_uri: 'https://other.example/' });
    expect(errorCode(other.json)).toBe(70000);
    expect(other.json.error_description).toContain("The provided value for the 'redirect_uri' is not valid");
    const b = await codeFor({ tenant: 'organizations', clientId: APPS.publisherMulti });
    const wrongTenant = await tokenRequest(emu, TENANTS.fabrikam, {
      client_id: APPS.publisherMulti,
      grant_type: 'authorization_code',
      code: b.code,
      redirect_uri: TEST_EXTENSION_REDIRECT_URI,
      code_verifier: b.verifier,
    });
    expect(errorCode(wrongTenant.json)).toBe(700005);
  });

  it('expires codes after 10 minutes of emulator time (70008)', async () => {
    const { code, verifier } = await codeFor();
    emu.clock.advance(10 * 60 * 1000 + 1000);
    expect(errorCode((await redeem(code, verifier)).json)).toBe(70008);
  });

  it('applies the SPA Origin rules both ways (9002327 / 9002326)', async () => {
    const { code, verifier } = await codeFor();
    const noOrigin = await redeem(code, verifier, {}, null);
    expect(noOrigin.json.error).toBe('invalid_request');
    expect(errorCode(noOrigin.json)).toBe(9002327);

    const { verifier: v2, challenge } = pkcePair();
    const web = await signIn(
      new FetchBrowser(),
      authorizeUrl(emu, { tenant: TENANTS.contoso, clientId: APPS.contosoWeb, codeChallenge: challenge }),
      adele,
    );
    const webCode = callbackParams(web.location).get('code') ?? '';
    const withOrigin = await tokenRequest(emu, TENANTS.contoso, {
      client_id: APPS.contosoWeb,
      grant_type: 'authorization_code',
      code: webCode,
      redirect_uri: TEST_EXTENSION_REDIRECT_URI,
      code_verifier: v2,
    });
    expect(errorCode(withOrigin.json)).toBe(9002326);
    expect(withOrigin.json.error_description).toMatch(
      /Request origin: 'chrome-extension:\/\/imaoaahfnaagedddnnnfakiglapfloen'\.\r\n/,
    );
  });

  it('answers the CORS preflight and echoes the Origin', async () => {
    const res = await fetch(`${emu.loginUrl}/${TENANTS.contoso}/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    const { code, verifier } = await codeFor();
    const post = await fetch(`${emu.loginUrl}/${TENANTS.contoso}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { origin: 'chrome-extension://abc', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: APPS.contosoSpa,
        grant_type: 'authorization_code',
        code,
        redirect_uri: TEST_EXTENSION_REDIRECT_URI,
        code_verifier: verifier,
      }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
  });

  it('refuses secrets from a public client (700025) and several resources (700022)', async () => {
    const { code, verifier } = await codeFor();
    const secret = await redeem(code, verifier, { client_secret: 's3cret' });
    expect(secret.status).toBe(401);
    expect(errorCode(secret.json)).toBe(700025);
    const two = await redeem(code, verifier, { scope: `${ARM_SCOPE} https://graph.microsoft.com/User.Read` });
    expect(errorCode(two.json)).toBe(700022);
    expect((await redeem(code, verifier)).status).toBe(200);
  });
});

describe('authorize request errors', () => {
  const pageOf = async (url: string) => new FetchBrowser().request(url);

  it('shows an error page for an unregistered redirect URI (50011)', async () => {
    const page = await pageOf(
      authorizeUrl(emu, { ...contoso, redirectUri: 'https://evil.example/', codeChallenge: 'x' }),
    );
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain('<span id="error-code">AADSTS50011</span>');
    expect(page.html).toContain('id="error-message"');
  });

  it('shows an error page for an unknown app or a single-tenant app elsewhere (700016)', async () => {
    const unknown = await pageOf(
      authorizeUrl(emu, { tenant: TENANTS.contoso, clientId: '99999999-0000-4000-8000-000000000000' }),
    );
    expect(unknown.html).toContain('AADSTS700016');
    const elsewhere = await pageOf(
      authorizeUrl(emu, { tenant: TENANTS.fabrikam, clientId: APPS.contosoSpa, codeChallenge: 'x' }),
    );
    expect(elsewhere.html).toContain('AADSTS700016');
    const common = await pageOf(
      authorizeUrl(emu, { tenant: 'organizations', clientId: APPS.contosoSpa, codeChallenge: 'x' }),
    );
    expect(common.html).toContain('AADSTS50194');
  });

  it('redirects protocol errors with error, description, error_uri and state', async () => {
    const page = await pageOf(authorizeUrl(emu, { ...contoso, state: 'keep-me', codeChallenge: null }));
    const p = callbackParams(page.location);
    expect(p.get('error')).toBe('invalid_request');
    expect(p.get('error_description')).toMatch(/^AADSTS9002325: /);
    expect(p.get('error_uri')).toBe(`${emu.loginUrl}/error?code=9002325`);
    expect(p.get('state')).toBe('keep-me');
    const hybrid = await pageOf(
      authorizeUrl(emu, { ...contoso, codeChallenge: 'x', extra: { response_type: 'code id_token' } }),
    );
    expect(callbackParams(hybrid.location).get('error')).toBe('unsupported_response_type');
    const unknownResource = await pageOf(
      authorizeUrl(emu, { ...contoso, codeChallenge: 'x', scope: 'openid api://nothing-here/.default' }),
    );
    expect(callbackParams(unknownResource.location).get('error')).toBe('invalid_resource');
  });

  it('re-renders the form for a wrong password (50126) or an unknown user (50034)', async () => {
    const url = authorizeUrl(emu, { ...contoso, codeChallenge: 'x' });
    const b = new FetchBrowser();
    const wrong = await signIn(b, url, { username: adele.username, password: 'nope' });
    expect(wrong.location).toBeUndefined();
    expect(wrong.html).toMatch(/<div id="error" role="alert">AADSTS50126: /);
    expect(wrong.html).toContain(`value="${adele.username}"`);
    const unknown = await signIn(b, url, { username: 'ghost@contoso.onmicrosoft.com', password: 'x' });
    expect(unknown.html).toMatch(/id="error"[^>]*>AADSTS50034: /);
    expect(b.hasSession()).toBe(false);
  });

  it('prefills login_hint and maps Cancel to access_denied', async () => {
    const url = authorizeUrl(emu, { ...contoso, codeChallenge: 'x', loginHint: adele.username, state: 's' });
    const b = new FetchBrowser();
    const form = await b.request(url);
    expect(form.html).toContain(`id="username" name="username" value="${adele.username}"`);
    const cancelled = await b.submit(form, url, { action: 'cancel' });
    const p = callbackParams(cancelled.location);
    expect(p.get('error')).toBe('access_denied');
    expect(p.get('error_subcode')).toBe('cancel');
    expect(p.get('error_description')).toMatch(/^AADSTS65004: /);
    expect(p.get('state')).toBe('s');
  });
});
