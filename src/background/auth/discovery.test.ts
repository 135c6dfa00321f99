import { describe, expect, it } from 'vitest';
import {
  discoveryUrl,
  explicitEndpoints,
  fetchDiscovery,
  processDiscovery,
  tenantIdOfIssuer,
} from './discovery';
import { AuthError } from './errors';
import type { FetchLike } from './http';

const TENANT = 'aaaaaaaa-1111-2222-3333-444444444444';
const LOGIN = 'https://login.microsoftonline.com';

function document(tenantSegment: string, issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${LOGIN}/${tenantSegment}/oauth2/v2.0/authorize`,
    token_endpoint: `${LOGIN}/${tenantSegment}/oauth2/v2.0/token`,
    end_session_endpoint: `${LOGIN}/${tenantSegment}/oauth2/v2.0/logout`,
    jwks_uri: `${LOGIN}/${tenantSegment}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error('expected an AuthError');
}

describe('discoveryUrl / fetchDiscovery', () => {
  it('builds the v2 metadata URL', () => {
    expect(discoveryUrl(LOGIN, 'organizations')).toBe(
      `${LOGIN}/organizations/v2.0/.well-known/openid-configuration`,
    );
    expect(discoveryUrl(`${LOGIN}/`, 'contoso.onmicrosoft.com')).toBe(
      `${LOGIN}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`,
    );
    expect(discoveryUrl(LOGIN, '../x?y')).toBe(`${LOGIN}/..%2Fx%3Fy/v2.0/.well-known/openid-configuration`);
  });

  it('GETs it with the given fetch', async () => {
    const seen: Array<[string, RequestInit]> = [];
    const fetch: FetchLike = async (url, init) => {
      seen.push([url, init]);
      return json({});
    };
    await fetchDiscovery({ loginBase: 'http://127.0.0.1:9000', tenant: TENANT, fetch });
    expect(seen[0]![0]).toBe(`http://127.0.0.1:9000/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(seen[0]![1].method ?? 'GET').toBe('GET');
  });

  it('reports a failed fetch as network', async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    expect((await failure(fetchDiscovery({ loginBase: LOGIN, tenant: TENANT, fetch }))).code).toBe('network');
  });
});

describe('processDiscovery', () => {
  it('reads the tenant GUID from a concrete issuer', async () => {
    const metadata = await processDiscovery(json(document(TENANT, `${LOGIN}/${TENANT}/v2.0`)), {
      tenant: TENANT,
    });
    expect(metadata).toEqual({
      issuer: `${LOGIN}/${TENANT}/v2.0`,
      authorizationEndpoint: `${LOGIN}/${TENANT}/oauth2/v2.0/authorize`,
      tokenEndpoint: `${LOGIN}/${TENANT}/oauth2/v2.0/token`,
      jwksUri: `${LOGIN}/${TENANT}/discovery/v2.0/keys`,
      endSessionEndpoint: `${LOGIN}/${TENANT}/oauth2/v2.0/logout`,
      tenantId: TENANT,
    });
  });

  it('notes only a literal true authorization_response_iss_parameter_supported (RFC 9207 §3)', async () => {
    const doc = (value: unknown) => ({
      ...document(TENANT, `${LOGIN}/${TENANT}/v2.0`),
      authorization_response_iss_parameter_supported: value,
    });
    expect((await processDiscovery(json(doc(true)), { tenant: TENANT })).issParameterSupported).toBe(true);
    expect(
      (await processDiscovery(json(doc('true')), { tenant: TENANT })).issParameterSupported,
    ).toBeUndefined();
    expect(
      (await processDiscovery(json(document(TENANT, `${LOGIN}/${TENANT}/v2.0`)), { tenant: TENANT }))
        .issParameterSupported,
    ).toBeUndefined();
  });

  it('resolves a domain authority to the GUID of its issuer', async () => {
    const metadata = await processDiscovery(json(document(TENANT, `${LOGIN}/${TENANT.toUpperCase()}/v2.0`)), {
      tenant: 'contoso.onmicrosoft.com',
    });
    expect(metadata.tenantId).toBe(TENANT);
  });

  it('leaves tenantId undefined for the {tenantid} template', async () => {
    const metadata = await processDiscovery(json(document('organizations', `${LOGIN}/{tenantid}/v2.0`)), {
      tenant: 'organizations',
    });
    expect(metadata.issuer).toBe(`${LOGIN}/{tenantid}/v2.0`);
    expect(metadata.tenantId).toBeUndefined();
  });

  it('maps 400 invalid_tenant / AADSTS90002 to tenant_not_found', async () => {
    const body = {
      error: 'invalid_tenant',
      error_description:
        "AADSTS90002: Tenant 'nope.example' not found. Check to make sure you have the correct tenant ID.",
      error_codes: [90002],
      error_uri: `${LOGIN}/error?code=90002`,
    };
    const e = await failure(processDiscovery(json(body, 400), { tenant: 'nope.example' }));
    expect(e.code).toBe('tenant_not_found');
    expect(e.aadsts).toBe(90002);
    expect(e.detail).toMatchObject({ tenant: 'nope.example', error: 'invalid_tenant' });
  });

  it('refuses a document for another tenant than the GUID asked for', async () => {
    const other = 'bbbbbbbb-5555-6666-7777-888888888888';
    const e = await failure(
      processDiscovery(json(document(other, `${LOGIN}/${other}/v2.0`)), { tenant: TENANT }),
    );
    expect(e.detail?.reason).toBe('issuer_tenant_mismatch');
  });

  it('refuses missing or insecure endpoints', async () => {
    const missing = { ...document(TENANT, `${LOGIN}/${TENANT}/v2.0`), token_endpoint: undefined };
    expect((await failure(processDiscovery(json(missing), { tenant: TENANT }))).detail).toMatchObject({
      endpoint: 'token_endpoint',
    });
    const insecure = { ...document(TENANT, `${LOGIN}/${TENANT}/v2.0`), jwks_uri: 'http://keys.example/keys' };
    expect((await failure(processDiscovery(json(insecure), { tenant: TENANT }))).detail).toMatchObject({
      reason: 'insecure_endpoint',
      endpoint: 'jwks_uri',
    });
  });

  it('maps a 503 to server_error', async () => {
    expect(
      (await failure(processDiscovery(new Response('busy', { status: 503 }), { tenant: TENANT }))).code,
    ).toBe('server_error');
  });
});

describe('tenantIdOfIssuer / explicitEndpoints', () => {
  it('reads GUIDs from v2 and v1 issuers only', () => {
    expect(tenantIdOfIssuer(`${LOGIN}/${TENANT}/v2.0`)).toBe(TENANT);
    expect(tenantIdOfIssuer(`https://sts.windows.net/${TENANT}/`)).toBe(TENANT);
    expect(tenantIdOfIssuer(`${LOGIN}/{tenantid}/v2.0`)).toBeUndefined();
    expect(tenantIdOfIssuer(`${LOGIN}/contoso.example/v2.0`)).toBeUndefined();
  });

  it('builds metadata from configured endpoints, template or concrete', () => {
    const endpoints = {
      authorization: 'http://127.0.0.1:9000/organizations/oauth2/v2.0/authorize',
      token: 'http://127.0.0.1:9000/organizations/oauth2/v2.0/token',
      jwks: 'http://127.0.0.1:9000/organizations/discovery/v2.0/keys',
    };
    expect(explicitEndpoints({ ...endpoints, issuer: 'http://127.0.0.1:9000/{tenantid}/v2.0' })).toEqual({
      issuer: 'http://127.0.0.1:9000/{tenantid}/v2.0',
      authorizationEndpoint: endpoints.authorization,
      tokenEndpoint: endpoints.token,
      jwksUri: endpoints.jwks,
    });
    expect(explicitEndpoints({ ...endpoints, issuer: `http://127.0.0.1:9000/${TENANT}/v2.0` }).tenantId).toBe(
      TENANT,
    );
    expect(() => explicitEndpoints({ ...endpoints, token: 'ftp://x/token', issuer: LOGIN })).toThrow(
      AuthError,
    );
  });
});

describe('discovery when the network fails', () => {
  it('a 503 and a dropped connection are retried; the third try answers', async () => {
    let n = 0;
    const fetch = async () => {
      n++;
      if (n === 1) return new Response('', { status: 503, headers: { 'Retry-After': '0' } });
      if (n === 2) throw new TypeError('Failed to fetch');
      return new Response('{}', { status: 200 });
    };
    const response = await fetchDiscovery({
      loginBase: 'https://login.example',
      tenant: 'contoso.example',
      fetch,
    });
    expect(response.status).toBe(200);
    expect(n).toBe(3);
  });
});
