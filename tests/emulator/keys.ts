import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

let keysPromise: Promise<SigningKey[]> | undefined;

/**
 * Two RSA keys, like Entra's JWKS which always lists more than one so clients must pick by `kid`.
 * Generated once per process: key generation is the slowest part of starting an emulator.
 */
export function signingKeys(): Promise<SigningKey[]> {
  keysPromise ??= Promise.all([makeKey(), makeKey()]);
  return keysPromise;
}

async function makeKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  // Entra's kid is the base64url SHA-1 certificate thumbprint (27 chars); a hash of the modulus looks alike.
  const kid = createHash('sha1')
    .update(jwk.n ?? '')
    .digest('base64url');
  return { kid, privateKey, publicJwk: jwk };
}

/**
 * JWKS entry in Entra's shape: no `alg`, `x5t` equal to `kid`, and the `{tenantid}` issuer template that
 * lets one key validate tokens of every tenant. No `x5c`: generating certificates needs more than jose,
 * and clients select keys by `kid` and use `n`/`e`.
 */
export function jwksEntry(key: SigningKey, loginUrl: string): Record<string, unknown> {
  return {
    kty: 'RSA',
    use: 'sig',
    kid: key.kid,
    x5t: key.kid,
    n: key.publicJwk.n,
    e: key.publicJwk.e,
    issuer: `${loginUrl}/{tenantid}/v2.0`,
  };
}
