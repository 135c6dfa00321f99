import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { validateIdToken, type ValidateIdTokenOptions } from './id-token';

const TENANT = 'aaaaaaaa-1111-2222-3333-444444444444';
const OTHER_TENANT = 'bbbbbbbb-5555-6666-7777-888888888888';
const MSA_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const NONCE = 'nonce-value-123';
const TEMPLATE = 'https://login.microsoftonline.com/{tenantid}/v2.0';
const issuerOf = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;
const NOW = 1_700_000_000_000;
const NOW_S = NOW / 1000;

interface KeyPair {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}
let keyA: KeyPair;
let keyB: KeyPair;
let keyMsa: KeyPair;
let rogue: KeyPair;
let jwks: JSONWebKeySet;
let publicJwkA: JWK;

async function publicJwk(pair: KeyPair, kid: string, issuer?: string): Promise<JWK> {
  const jwk = await exportJWK(pair.publicKey);
  return { ...jwk, kid, use: 'sig', x5t: kid, ...(issuer ? { issuer } : {}) };
}

beforeAll(async () => {
  [keyA, keyB, keyMsa, rogue] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
  publicJwkA = await publicJwk(keyA, 'kid-a', TEMPLATE);
  jwks = { keys: [publicJwkA, await publicJwk(keyB, 'kid-b')] };
});

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    ver: '2.0',
    iss: issuerOf(TENANT),
    aud: CLIENT_ID,
    iat: NOW_S - 60,
    nbf: NOW_S - 60,
    exp: NOW_S + 3600,
    nonce: NONCE,
    tid: TENANT,
    oid: 'cccccccc-0000-0000-0000-000000000001',
    sub: 'pairwise-subject',
    name: 'Ada Lovelace',
    preferred_username: 'ada@contoso.example',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

async function sign(
  payload: Record<string, unknown>,
  key: CryptoKey | Uint8Array = keyA.privateKey,
  header: Record<string, unknown> = { alg: 'RS256', kid: 'kid-a', typ: 'JWT' },
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

function options(overrides: Partial<ValidateIdTokenOptions> = {}): ValidateIdTokenOptions {
  return {
    jwks,
    issuer: issuerOf(TENANT),
    clientId: CLIENT_ID,
    nonce: NONCE,
    expectedTenantId: TENANT,
    now: NOW,
    ...overrides,
  };
}

async function rejection(token: string, opts: ValidateIdTokenOptions = options()): Promise<AuthError> {
  try {
    await validateIdToken(token, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    const e = error as AuthError;
    expect(e.message).not.toContain(token);
    return e;
  }
  throw new Error('expected the token to be refused');
}

async function reason(token: string, opts?: ValidateIdTokenOptions): Promise<string | undefined> {
  const e = await rejection(token, opts);
  expect(e.code).toBe('invalid_id_token');
  return e.detail?.reason;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('validateIdToken', () => {
  it('accepts a good token from either key and returns its claims', async () => {
    const expected = {
      tid: TENANT,
      oid: 'cccccccc-0000-0000-0000-000000000001',
      sub: 'pairwise-subject',
      name: 'Ada Lovelace',
      preferredUsername: 'ada@contoso.example',
      iss: issuerOf(TENANT),
      exp: NOW_S + 3600,
      iat: NOW_S - 60,
    };
    expect(await validateIdToken(await sign(claims()), options())).toEqual(expected);
    const byB = await sign(claims(), keyB.privateKey, { alg: 'RS256', kid: 'kid-b', typ: 'JWT' });
    expect(await validateIdToken(byB, options())).toEqual(expected);
  });

  it('compares the expected tenant case-insensitively', async () => {
    await expect(
      validateIdToken(await sign(claims()), options({ expectedTenantId: TENANT.toUpperCase() })),
    ).resolves.toMatchObject({ tid: TENANT });
  });

  it('refuses a signature by a key outside the set that borrows a known kid', async () => {
    expect(await reason(await sign(claims(), rogue.privateKey))).toBe('signature');
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [h, , s] = (await sign(claims())).split('.');
    expect(await reason(`${h}.${b64url(claims({ oid: 'someone-else' }))}.${s}`)).toBe('signature');
  });

  it('refuses an unknown or missing kid', async () => {
    expect(await reason(await sign(claims(), keyA.privateKey, { alg: 'RS256', kid: 'kid-x' }))).toBe(
      'unknown_kid',
    );
    expect(await reason(await sign(claims(), keyA.privateKey, { alg: 'RS256' }))).toBe('unknown_kid');
  });

  it('refuses an unsecured alg:none token', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT', kid: 'kid-a' })}.${b64url(claims())}.`;
    expect(await reason(token)).toBe('alg');
    const noKid = `${b64url({ alg: 'none' })}.${b64url(claims())}.`;
    expect(await reason(noKid)).toBe('alg');
  });

  it('refuses HS256 "signed" with the public key as PEM bytes or as JWK JSON bytes', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(keyA.publicKey));
    const jwkBytes = new TextEncoder().encode(JSON.stringify(publicJwkA));
    for (const secret of [pem, jwkBytes]) {
      const token = await sign(claims(), secret, { alg: 'HS256', kid: 'kid-a', typ: 'JWT' });
      expect(await reason(token)).toBe('alg');
    }
  });

  it('refuses a wrong issuer', async () => {
    expect(await reason(await sign(claims({ iss: 'https://login.example/evil/v2.0' })))).toBe('issuer');
    expect(await reason(await sign(claims({ iss: `${issuerOf(TENANT)}/` })))).toBe('issuer');
  });

  it('refuses a wrong or missing audience', async () => {
    expect(await reason(await sign(claims({ aud: 'another-client' })))).toBe('audience');
    expect(await reason(await sign(claims({ aud: undefined })))).toBe('audience');
  });

  it('refuses an expired token beyond the clock tolerance and accepts one within it', async () => {
    expect(await reason(await sign(claims({ exp: NOW_S - 301 })))).toBe('expired');
    await expect(validateIdToken(await sign(claims({ exp: NOW_S - 200 })), options())).resolves.toBeDefined();
    expect(await reason(await sign(claims({ exp: NOW_S - 200 })), options({ clockToleranceSec: 0 }))).toBe(
      'expired',
    );
  });

  it('refuses a token that is not yet valid', async () => {
    expect(await reason(await sign(claims({ nbf: NOW_S + 600 })))).toBe('not_yet_valid');
  });

  it('refuses a wrong or missing nonce', async () => {
    expect(await reason(await sign(claims({ nonce: 'other-nonce' })))).toBe('nonce');
    expect(await reason(await sign(claims({ nonce: undefined })))).toBe('nonce');
  });

  it('reports a token for another tenant as wrong_tenant with both GUIDs', async () => {
    const token = await sign(claims({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) }));
    const e = await rejection(token);
    expect(e.code).toBe('wrong_tenant');
    expect(e.detail).toEqual({ expected: TENANT, actual: OTHER_TENANT });
  });

  it('checks the tenant before the issuer, and the signature before both', async () => {
    const wrongTenant = await sign(claims({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) }));
    expect((await rejection(wrongTenant, options({ issuer: issuerOf(TENANT) }))).code).toBe('wrong_tenant');
    const forged = await sign(claims({ tid: OTHER_TENANT }), rogue.privateKey);
    expect(await reason(forged)).toBe('signature');
  });

  it('refuses a tid that is missing or not a GUID', async () => {
    expect(await reason(await sign(claims({ tid: 'contoso.onmicrosoft.com' })))).toBe('tenant_claim');
    expect(await reason(await sign(claims({ tid: undefined })))).toBe('tenant_claim');
  });

  it("accepts a template issuer filled with the token's own tid", async () => {
    const token = await sign(claims({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) }));
    await expect(
      validateIdToken(token, options({ issuer: TEMPLATE, expectedTenantId: OTHER_TENANT })),
    ).resolves.toMatchObject({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) });
  });

  it('refuses a template issuer when iss names another tenant than tid', async () => {
    const token = await sign(claims({ iss: issuerOf(OTHER_TENANT) }));
    expect(await reason(token, options({ issuer: TEMPLATE }))).toBe('issuer');
  });

  it('lets a key with a concrete issuer validate only that issuer', async () => {
    const msaJwks: JSONWebKeySet = {
      keys: [...jwks.keys, await publicJwk(keyMsa, 'kid-msa', issuerOf(MSA_TENANT))],
    };
    const header = { alg: 'RS256', kid: 'kid-msa', typ: 'JWT' };
    const own = await sign(claims({ tid: MSA_TENANT, iss: issuerOf(MSA_TENANT) }), keyMsa.privateKey, header);
    await expect(
      validateIdToken(own, options({ jwks: msaJwks, issuer: TEMPLATE, expectedTenantId: MSA_TENANT })),
    ).resolves.toMatchObject({ tid: MSA_TENANT });

    const foreign = await sign(claims(), keyMsa.privateKey, header);
    expect(await reason(foreign, options({ jwks: msaJwks, issuer: TEMPLATE }))).toBe('key_issuer');
  });

  it('refuses garbage and tokens without the identity claims', async () => {
    expect(await reason('not-a-jwt')).toBe('malformed');
    expect(await reason(await sign(claims({ oid: undefined })))).toBe('malformed');
    expect(await reason(await sign(claims({ exp: undefined })))).toBe('malformed');
  });

  it('refuses a kid shared by two keys in the set', async () => {
    const doubled: JSONWebKeySet = { keys: [publicJwkA, { ...(await publicJwk(keyB, 'kid-a')) }] };
    expect(await reason(await sign(claims()), options({ jwks: doubled }))).toBe('unknown_kid');
  });
  it('refuses an iat in the future beyond the clock tolerance, and accepts skew within it', async () => {
    expect(await reason(await sign(claims({ iat: NOW_S + 3600 })))).toBe('issued_in_future');
    expect(await reason(await sign(claims({ iat: NOW_S + 301 })))).toBe('issued_in_future');
    await expect(validateIdToken(await sign(claims({ iat: NOW_S + 120 })), options())).resolves.toBeDefined();
  });

  it('refuses a token issued longer ago than the maximum age', async () => {
    expect(await reason(await sign(claims({ iat: NOW_S - 3000, nbf: NOW_S - 3000 })))).toBe('too_old');
    expect(
      await reason(
        await sign(claims({ iat: NOW_S - 200 })),
        options({ maxTokenAgeSec: 60, clockToleranceSec: 0 }),
      ),
    ).toBe('too_old');
    await expect(validateIdToken(await sign(claims({ iat: NOW_S - 800 })), options())).resolves.toBeDefined();
  });

  it('refuses an iat that is missing or not a number', async () => {
    expect(await reason(await sign(claims({ iat: undefined })))).toBe('malformed');
    expect(await reason(await sign(claims({ iat: 'yesterday' })))).toBe('malformed');
  });

  it('refuses several audiences, with or without an azp naming the client', async () => {
    expect(await reason(await sign(claims({ aud: [CLIENT_ID, 'another-audience'] })))).toBe('audience');
    expect(await reason(await sign(claims({ aud: [CLIENT_ID, 'another-audience'], azp: CLIENT_ID })))).toBe(
      'audience',
    );
    expect(await reason(await sign(claims({ aud: ['another-audience'] })))).toBe('audience');
    expect(await reason(await sign(claims({ aud: [] })))).toBe('audience');
  });

  it('accepts a single audience written as a one-element array', async () => {
    await expect(validateIdToken(await sign(claims({ aud: [CLIENT_ID] })), options())).resolves.toBeDefined();
  });

  it('refuses an azp that is not the client, and accepts one that is', async () => {
    expect(await reason(await sign(claims({ azp: 'another-client' })))).toBe('authorized_party');
    await expect(validateIdToken(await sign(claims({ azp: CLIENT_ID })), options())).resolves.toBeDefined();
  });

  it('reports an iss and tid that disagree as forged, not as the wrong tenant', async () => {
    // tid names another tenant while iss claims to be the chosen tenant's: no real token looks like that.
    const token = await sign(claims({ tid: OTHER_TENANT, iss: issuerOf(TENANT) }));
    expect(await reason(token)).toBe('issuer_tenant_mismatch');
    expect(await reason(token, options({ issuer: TEMPLATE }))).toBe('issuer_tenant_mismatch');
  });

  it('checks the nonce of a code-grant token and not of a refresh-grant one', async () => {
    await expect(
      validateIdToken(await sign(claims({ nonce: undefined })), options({ nonce: null })),
    ).resolves.toBeDefined();
    expect(await reason(await sign(claims({ nonce: undefined })))).toBe('nonce');
  });

  it('holds a refresh-grant token to every other rule', async () => {
    const refresh = options({ nonce: null });
    expect(await reason(await sign(claims({ nonce: undefined, iat: NOW_S + 3600 })), refresh)).toBe(
      'issued_in_future',
    );
    expect(await reason(await sign(claims({ nonce: undefined, aud: [CLIENT_ID, 'x'] })), refresh)).toBe(
      'audience',
    );
    expect(await reason(await sign(claims({ nonce: undefined }), rogue.privateKey), refresh)).toBe(
      'signature',
    );
    expect(await reason(await sign(claims({ nonce: undefined, exp: NOW_S - 400 })), refresh)).toBe('expired');
    expect(await reason(await sign(claims({ nonce: undefined, iss: issuerOf(OTHER_TENANT) })), refresh)).toBe(
      'issuer',
    );
    const otherTenant = await sign(
      claims({ nonce: undefined, tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) }),
    );
    expect((await rejection(otherTenant, refresh)).code).toBe('wrong_tenant');
  });

  it('refuses a truncated token, and a garbled payload before reading it', async () => {
    const [h, p] = (await sign(claims())).split('.');
    expect(await reason(`${h}.${p}`)).toBe('malformed');
    expect(await reason(`${b64url({ alg: 'RS256', kid: 'kid-a' })}.not-base64-json.sig`)).toBe('signature');
  });
});
