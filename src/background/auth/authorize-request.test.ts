import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthorizationRequest, type AuthorizationRequestOptions } from './authorize-request';
import { AuthError } from './errors';

const base: AuthorizationRequestOptions = {
  authorizationEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
  clientId: '11111111-2222-3333-4444-555555555555',
  redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  scopes: ['openid', 'profile', 'offline_access', 'https://management.azure.com/user_impersonation'],
};

describe('createAuthorizationRequest', () => {
  it('carries every authorization parameter and keeps them in the pending record', async () => {
    const { url, pending } = await createAuthorizationRequest({ ...base, now: 1_700_000_000_000 });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(base.authorizationEndpoint);
    const p = parsed.searchParams;
    expect(p.get('client_id')).toBe(base.clientId);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('redirect_uri')).toBe(base.redirectUri);
    expect(p.get('scope')).toBe(
      'openid profile offline_access https://management.azure.com/user_impersonation',
    );
    expect(p.get('state')).toBe(pending.state);
    expect(p.get('nonce')).toBe(pending.nonce);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toBe(
      createHash('sha256').update(pending.codeVerifier).digest('base64url'),
    );
    expect(p.get('response_mode')).toBe('query');
    expect(p.get('client_info')).toBe('1');
    for (const absent of ['prompt', 'login_hint', 'domain_hint', 'claims']) expect(p.has(absent)).toBe(false);

    expect(pending).toEqual({
      state: expect.any(String),
      nonce: expect.any(String),
      codeVerifier: expect.any(String),
      redirectUri: base.redirectUri,
      clientId: base.clientId,
      createdAt: 1_700_000_000_000,
    });
  });

  it('never sends the verifier or any client secret', async () => {
    const { url, pending } = await createAuthorizationRequest(base);
    const p = new URL(url).searchParams;
    expect(url).not.toContain(pending.codeVerifier);
    for (const key of ['client_secret', 'client_assertion', 'client_assertion_type', 'code_verifier']) {
      expect(p.has(key)).toBe(false);
    }
  });

  it('adds prompt, hints, claims and fragment mode when asked', async () => {
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const { url } = await createAuthorizationRequest({
      ...base,
      prompt: 'none',
      loginHint: 'ada@contoso.example',
      domainHint: 'contoso.example',
      claims,
      responseMode: 'fragment',
    });
    const p = new URL(url).searchParams;
    expect(p.get('prompt')).toBe('none');
    expect(p.get('login_hint')).toBe('ada@contoso.example');
    expect(p.get('domain_hint')).toBe('contoso.example');
    expect(p.get('claims')).toBe(claims);
    expect(p.get('response_mode')).toBe('fragment');
  });

  it('drops login_hint with select_account, which Entra documents as not combinable', async () => {
    const { url } = await createAuthorizationRequest({
      ...base,
      prompt: 'select_account',
      loginHint: 'a@b.example',
    });
    const p = new URL(url).searchParams;
    expect(p.get('prompt')).toBe('select_account');
    expect(p.has('login_hint')).toBe(false);
  });

  it('gives fresh state, nonce and verifier on every call', async () => {
    const a = (await createAuthorizationRequest(base)).pending;
    const b = (await createAuthorizationRequest(base)).pending;
    expect(a.state).not.toBe(b.state);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
    expect(a.state).not.toBe(a.nonce);
    expect(a.state.length).toBeGreaterThanOrEqual(32);
    expect(a.nonce.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps query parameters already on the endpoint', async () => {
    const { url } = await createAuthorizationRequest({
      ...base,
      authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?appid=x',
    });
    expect(new URL(url).searchParams.get('appid')).toBe('x');
  });

  it('refuses a plain-http endpoint unless it is loopback', async () => {
    await expect(
      createAuthorizationRequest({ ...base, authorizationEndpoint: 'http://login.example/authorize' }),
    ).rejects.toMatchObject({ code: 'protocol', detail: { reason: 'insecure_endpoint' } });
    const { url } = await createAuthorizationRequest({
      ...base,
      authorizationEndpoint: 'http://127.0.0.1:8123/t/oauth2/v2.0/authorize',
    });
    expect(url.startsWith('http://127.0.0.1:8123/')).toBe(true);
  });

  it('refuses empty scopes', async () => {
    await expect(createAuthorizationRequest({ ...base, scopes: [' '] })).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_VALUE',
    });
    await expect(createAuthorizationRequest({ ...base, scopes: [] })).rejects.not.toBeInstanceOf(AuthError);
  });
});
