import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, TENANTS, type Emulator } from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
};

describe('OpenID discovery', () => {
  it('serves a tenant document by GUID with the concrete issuer', async () => {
    const { status, json, headers } = await getJson(
      `${emu.loginUrl}/${TENANTS.contoso}/v2.0/.well-known/openid-configuration`,
    );
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(json.issuer).toBe(`${emu.loginUrl}/${TENANTS.contoso}/v2.0`);
    expect(json.authorization_endpoint).toBe(`${emu.loginUrl}/${TENANTS.contoso}/oauth2/v2.0/authorize`);
    expect(json.token_endpoint).toBe(`${emu.loginUrl}/${TENANTS.contoso}/oauth2/v2.0/token`);
    expect(json.jwks_uri).toBe(`${emu.loginUrl}/${TENANTS.contoso}/discovery/v2.0/keys`);
    expect(json.id_token_signing_alg_values_supported).toEqual(['RS256']);
  });

  it('resolves a verified domain to the tenant GUID', async () => {
    const { json } = await getJson(
      `${emu.loginUrl}/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration`,
    );
    expect(json.issuer).toBe(`${emu.loginUrl}/${TENANTS.fabrikam}/v2.0`);
    expect(json.token_endpoint).toContain(TENANTS.fabrikam);
  });

  it.each(['organizations', 'common'])('uses the {tenantid} template for %s', async (t) => {
    const { json } = await getJson(`${emu.loginUrl}/${t}/v2.0/.well-known/openid-configuration`);
    expect(json.issuer).toBe(`${emu.loginUrl}/{tenantid}/v2.0`);
    expect(json.authorization_endpoint).toBe(`${emu.loginUrl}/${t}/oauth2/v2.0/authorize`);
    expect(json.tenant_region_scope).toBeNull();
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const { status, json } = await getJson(
      `${emu.loginUrl}/nowhere.example/v2.0/.well-known/openid-configuration`,
    );
    expect(status).toBe(400);
    expect(json.error).toBe('invalid_tenant');
    expect(json.error_codes).toEqual([90002]);
    expect(json.error_description).toMatch(
      /^AADSTS90002: Tenant 'nowhere.example' not found\..*\r\nTrace ID: /s,
    );
    expect(json.error_uri).toBe(`${emu.loginUrl}/error?code=90002`);
  });
});

describe('JWKS and instance discovery', () => {
  it('publishes two RSA keys in Entra shape', async () => {
    const { json, headers } = await getJson(`${emu.loginUrl}/common/discovery/v2.0/keys`);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    const keys = json.keys as Record<string, unknown>[];
    expect(keys).toHaveLength(2);
    for (const k of keys) {
      expect(k).toMatchObject({
        kty: 'RSA',
        use: 'sig',
        e: 'AQAB',
        issuer: `${emu.loginUrl}/{tenantid}/v2.0`,
      });
      expect(k.x5t).toBe(k.kid);
      expect(k).not.toHaveProperty('alg');
    }
    expect(keys[0]?.kid).not.toBe(keys[1]?.kid);
    const tenantKeys = await getJson(`${emu.loginUrl}/${TENANTS.contoso}/discovery/v2.0/keys`);
    expect(tenantKeys.json).toEqual(json);
  });

  it('answers MSAL instance discovery', async () => {
    const endpoint = encodeURIComponent(`${emu.loginUrl}/${TENANTS.contoso}/oauth2/v2.0/authorize`);
    const { json } = await getJson(
      `${emu.loginUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`,
    );
    const host = new URL(emu.loginUrl).host;
    expect(json).toEqual({
      tenant_discovery_endpoint: `${emu.loginUrl}/${TENANTS.contoso}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
});
