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
import { argumentError } from '../errors/argument-error';

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
  /**
   * The nonce of the pending authorization request; `null` for a token from the refresh grant,
   * which carries none of its own (OpenID Connect Core §12.2) and is bound to the link instead.
   */
  nonce: string | null;
  /** GUID of the tenant being linked. */
  expectedTenantId: string;
  /** Epoch ms. */
  now: number;
  /** Default 300 s, the skew MSAL tolerates elsewhere. */
  clockToleranceSec?: number;
  /**
   * Oldest `iat` accepted, in seconds (default 600). Tokens are validated the moment they are
   * redeemed, so an old one is a replay, not a slow network.
   */
  maxTokenAgeSec?: number;
}

export type IdTokenFailure =
  | 'malformed'
  | 'alg'
  | 'unknown_kid'
  | 'signature'
  | 'audience'
  | 'authorized_party'
  | 'expired'
  | 'issued_in_future'
  | 'too_old'
  | 'not_yet_valid'
  | 'nonce'
  | 'tenant_claim'
  | 'issuer'
  | 'issuer_tenant_mismatch'
  | 'key_issuer';

function invalid(reason: IdTokenFailure, cause?: unknown): AuthError {
  return new AuthError('invalid_id_token', { reason }, { cause });
}

function reasonOf(error: unknown): IdTokenFailure {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_kid';
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'too_old' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'nbf') return 'not_yet_valid';
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'issued_in_future';
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

/**
 * The issuer as a `{tenantid}` template, so a token's `iss` can be checked against its own `tid`
 * whether discovery gave the multi-tenant template or one tenant's concrete issuer.
 */
function issuerTemplate(issuer: string, expectedTenantId: string): string {
  if (issuer.includes('{tenantid}')) return issuer;
  return issuer.replace(new RegExp(expectedTenantId, 'i'), '{tenantid}');
}

/**
 * OpenID Connect Core 1.0 §3.1.3.7 steps 3–5: the client must be an audience, a token with
 * audiences this client does not trust is refused (it trusts none but itself), and an `azp`, when
 * present, must be this client. A token minted for another party then cannot be replayed here.
 */
function checkAudience(payload: JWTPayload, clientId: string): void {
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (audiences.length !== 1 || audiences[0] !== clientId) throw invalid('audience');
  if (payload.azp !== undefined && payload.azp !== clientId) throw invalid('authorized_party');
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Validates an Entra v2 ID token (docs/wire.md §2). Signature, audience, time and nonce come
 * first; then `iss` must agree with `tid`, and only a consistent token for another tenant is
 * reported as `wrong_tenant` (the user picked the wrong account).
 */
export async function validateIdToken(
  idToken: string,
  options: ValidateIdTokenOptions,
): Promise<IdTokenClaims> {
  if (!isGuid(options.expectedTenantId))
    throw argumentError('validateIdToken: expectedTenantId must be a GUID');

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
      // With a maximum age jose also refuses an `iat` in the future beyond the tolerance.
      maxTokenAge: options.maxTokenAgeSec ?? 600,
      requiredClaims: ['exp', 'iat', 'iss', 'sub'],
    }));
  } catch (cause) {
    throw invalid(reasonOf(cause), cause);
  }
  checkAudience(payload, options.clientId);

  if (options.nonce !== null && (typeof payload.nonce !== 'string' || payload.nonce !== options.nonce))
    throw invalid('nonce');

  const tid = payload.tid;
  if (!isGuid(tid)) throw invalid('tenant_claim');
  const iss = payload.iss;
  // A genuine token's issuer names its own tenant. One whose `iss` and `tid` disagree was not
  // issued by Entra as it stands, so it is forged, never a "wrong tenant" the user could fix.
  if (
    typeof iss !== 'string' ||
    iss !== substituteTenant(issuerTemplate(options.issuer, options.expectedTenantId), tid)
  ) {
    throw invalid(sameGuid(tid, options.expectedTenantId) ? 'issuer' : 'issuer_tenant_mismatch');
  }
  if (!sameGuid(tid, options.expectedTenantId)) {
    throw new AuthError('wrong_tenant', {
      expected: options.expectedTenantId.toLowerCase(),
      actual: tid.toLowerCase(),
    });
  }

  if (iss !== substituteTenant(options.issuer, tid)) throw invalid('issuer');
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
