import {
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { AuthError } from './errors';
import { isGuid, sameGuid } from './guid';

export interface IdTokenClaims {
  /** Tenant the user signed in to (lowercase GUID). */
  tid: string;
  /** User object ID in that tenant; with `tid`, the identity key. */
  oid: string;
  sub: string;
  name?: string;
  preferredUsername?: string;
  iss: string;
  /** Unix seconds. */
  exp: number;
  /** Unix seconds. */
  iat: number;
}

export interface ValidateIdTokenOptions {
  jwks: JSONWebKeySet;
  /** From the metadata; may contain the literal `{tenantid}` (common/organizations). */
  issuer: string;
  clientId: string;
  /** The nonce of the pending authorization request. */
  nonce: string;
  /** GUID of the tenant being linked. */
  expectedTenantId: string;
  /** Epoch ms. */
  now: number;
  /** Default 300 s, the skew MSAL tolerates elsewhere. */
  clockToleranceSec?: number;
}

export type IdTokenFailure =
  | 'malformed'
  | 'alg'
  | 'unknown_kid'
  | 'signature'
  | 'audience'
  | 'expired'
  | 'not_yet_valid'
  | 'nonce'
  | 'tenant_claim'
  | 'issuer'
  | 'key_issuer';

function invalid(reason: IdTokenFailure, cause?: unknown): AuthError {
  return new AuthError('invalid_id_token', { reason }, { cause });
}

function reasonOf(error: unknown): IdTokenFailure {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_kid';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'nbf') return 'not_yet_valid';
  }
  return 'malformed';
}

function selectKey(jwks: JSONWebKeySet, kid: unknown): JWK {
  if (typeof kid !== 'string' || kid === '') throw invalid('unknown_kid');
  const keys: unknown = jwks?.keys;
  const matches = Array.isArray(keys) ? keys.filter((k: JWK | null) => k?.kid === kid) : [];
  // Entra kids are unique; two keys under one kid would make the key-issuer rule ambiguous.
  if (matches.length !== 1) throw invalid('unknown_kid');
  return matches[0] as JWK;
}

function substituteTenant(template: string, tid: string): string {
  return template.split('{tenantid}').join(tid);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Validates an Entra v2 ID token (WIRE §2). Signature, audience, time and nonce come first; a
 * token for another tenant is then reported as `wrong_tenant` (the user picked the wrong account)
 * before the issuer checks, which it would otherwise fail as well.
 */
export async function validateIdToken(
  idToken: string,
  options: ValidateIdTokenOptions,
): Promise<IdTokenClaims> {
  if (!isGuid(options.expectedTenantId))
    throw new TypeError('validateIdToken: expectedTenantId must be a GUID');

  let alg: unknown;
  let kid: unknown;
  try {
    ({ alg, kid } = decodeProtectedHeader(idToken));
  } catch (cause) {
    throw invalid('malformed', cause);
  }
  // Checked before key selection so that `none` and HMAC tokens are named for what they are; jose
  // enforces the same list below.
  if (alg !== 'RS256') throw invalid('alg');
  const jwk = selectKey(options.jwks, kid);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, createLocalJWKSet({ keys: [jwk] }), {
      algorithms: ['RS256'],
      audience: options.clientId,
      currentDate: new Date(options.now),
      clockTolerance: options.clockToleranceSec ?? 300,
      requiredClaims: ['exp', 'iat', 'iss', 'sub'],
    }));
  } catch (cause) {
    throw invalid(reasonOf(cause), cause);
  }

  if (typeof payload.nonce !== 'string' || payload.nonce !== options.nonce) throw invalid('nonce');

  const tid = payload.tid;
  if (!isGuid(tid)) throw invalid('tenant_claim');
  if (!sameGuid(tid, options.expectedTenantId)) {
    throw new AuthError('wrong_tenant', {
      expected: options.expectedTenantId.toLowerCase(),
      actual: tid.toLowerCase(),
    });
  }

  const iss = payload.iss;
  if (typeof iss !== 'string' || iss !== substituteTenant(options.issuer, tid)) throw invalid('issuer');
  // A key published with a concrete issuer (e.g. the MSA tenant's) must not vouch for other tenants.
  const keyIssuer = (jwk as Record<string, unknown>).issuer;
  if (typeof keyIssuer === 'string' && substituteTenant(keyIssuer, tid) !== iss) throw invalid('key_issuer');

  const { sub, exp, iat } = payload;
  const oid = payload.oid;
  if (
    typeof sub !== 'string' ||
    typeof oid !== 'string' ||
    typeof exp !== 'number' ||
    typeof iat !== 'number'
  ) {
    throw invalid('malformed');
  }
  const claims: IdTokenClaims = { tid: tid.toLowerCase(), oid, sub, iss, exp, iat };
  const name = optionalString(payload.name);
  if (name !== undefined) claims.name = name;
  const preferredUsername = optionalString(payload.preferred_username);
  if (preferredUsername !== undefined) claims.preferredUsername = preferredUsername;
  return claims;
}
