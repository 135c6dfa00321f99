import { GUID_SOURCE } from '../../shared/guid';
import type { PendingAuthorization } from './authorize-request';
import { AuthError, classifyOAuthError, type OAuthErrorParams } from './errors';

export interface AuthorizationResponse {
  code: string;
  /** All response parameters (e.g. `client_info`, `session_state`). */
  params: URLSearchParams;
}

const RESPONSE_KEYS = ['code', 'error', 'state'];

/** response_mode=fragment puts the parameters after `#`, query mode after `?`. */
function responseParams(url: URL): URLSearchParams {
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (RESPONSE_KEYS.some((key) => fragment.has(key))) return fragment;
  return url.searchParams;
}

// A repeated parameter is ambiguous; refusing is what RFC 6749 §3.1 asks for.
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new AuthError('protocol', { reason: 'duplicate_parameter', parameter: name });
  return values[0];
}

/** Which issuer may answer: the authority's (a `{tenantid}` template matches any tenant GUID). */
export interface ExpectedResponseIssuer {
  issuer: string;
  /** The authority promised `iss` in every response (RFC 9207 §3); its absence is then an attack. */
  required: boolean;
}

function issuerMatches(iss: string, expected: string): boolean {
  if (!expected.includes('{tenantid}')) return iss === expected;
  const escaped = expected
    .split('{tenantid}')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    // Only the tenant GUID may vary in case; the rest of the issuer is compared exactly.
    .join(GUID_SOURCE.replaceAll('a-f', 'a-fA-F'));
  return new RegExp(`^${escaped}$`).test(iss);
}

/**
 * RFC 9207 §2.4: a response naming another issuer than the authority this request went to is a
 * mix-up (a response meant for, or made by, another server) and is refused before anything else.
 * Entra does not send `iss` today, so its absence passes unless discovery promised it.
 */
function checkResponseIssuer(params: URLSearchParams, expected: ExpectedResponseIssuer | undefined): void {
  if (!expected) return;
  const iss = single(params, 'iss');
  if (iss === undefined) {
    if (expected.required) throw new AuthError('issuer_mismatch', { reason: 'missing_iss' });
    return;
  }
  if (!issuerMatches(iss, expected.issuer))
    throw new AuthError('issuer_mismatch', { reason: 'different_iss' });
}

function sameEndpoint(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname;
}

/**
 * Checks the URL the browser was redirected to against the pending request and returns the code.
 * Does not redeem it.
 */
export function parseAuthorizationResponse(
  redirectedTo: string,
  pending: PendingAuthorization,
  expectedIssuer?: ExpectedResponseIssuer,
): AuthorizationResponse {
  let url: URL;
  let expected: URL;
  try {
    url = new URL(redirectedTo);
    expected = new URL(pending.redirectUri);
  } catch (cause) {
    throw new AuthError('protocol', { reason: 'malformed_response' }, { cause });
  }
  if (!sameEndpoint(url, expected)) {
    throw new AuthError('protocol', { reason: 'redirect_uri' });
  }

  const params = responseParams(url);
  checkResponseIssuer(params, expectedIssuer);
  const state = single(params, 'state');
  const error = single(params, 'error');

  // An error grants nothing, so one without state is still reported as itself; a wrong state is
  // not, since it may come from another sign-in attempt or a forged link.
  if (state !== undefined && state !== pending.state)
    throw new AuthError('state_mismatch', { reason: 'different_state' });
  if (error !== undefined) {
    const fields: OAuthErrorParams = {};
    for (const key of [
      'error',
      'error_description',
      'error_codes',
      'suberror',
      'error_uri',
      'claims',
      'trace_id',
      'correlation_id',
    ] as const) {
      const value = params.get(key);
      if (value !== null) fields[key] = value;
    }
    throw classifyOAuthError(fields);
  }
  if (state === undefined) throw new AuthError('state_mismatch', { reason: 'missing_state' });

  const code = single(params, 'code');
  if (!code) throw new AuthError('protocol', { reason: 'missing_code' });
  return { code, params: new URLSearchParams(params) };
}
