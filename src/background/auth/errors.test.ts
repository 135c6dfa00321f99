import { describe, expect, it } from 'vitest';
import {
  AuthError,
  classifyOAuthError,
  extractAadsts,
  requiresInteraction,
  type AuthErrorCode,
} from './errors';

function entra(error: string, aadsts: number, extra: Record<string, unknown> = {}) {
  return {
    error,
    error_description: `AADSTS${aadsts}: Something happened.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2024-01-01 00:00:00Z`,
    error_codes: [aadsts],
    trace_id: 't-1',
    correlation_id: 'c-1',
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
    ...extra,
  };
}

describe('extractAadsts', () => {
  it('prefers error_codes[0], then the description, then error_uri', () => {
    expect(extractAadsts({ error_codes: [50076, 50079], error_description: 'AADSTS1: x' })).toBe(50076);
    expect(
      extractAadsts({ error_description: 'AADSTS65001: The user or administrator has not consented' }),
    ).toBe(65001);
    expect(extractAadsts({ error_uri: 'https://login.windows.net/error?code=9002326' })).toBe(9002326);
    expect(extractAadsts({ error: 'invalid_request' })).toBeUndefined();
  });

  it('reads a single code given as a string (query-string errors)', () => {
    expect(extractAadsts({ error_codes: '50058' })).toBe(50058);
  });
});

describe('classifyOAuthError', () => {
  const table: Array<[string, number, AuthErrorCode]> = [
    ['invalid_grant', 700084, 'refresh_expired'],
    ['invalid_grant', 70008, 'refresh_expired'],
    ['invalid_grant', 700082, 'refresh_expired'],
    ['invalid_grant', 50173, 'session_revoked'],
    ['invalid_grant', 50076, 'interaction_required'],
    ['invalid_grant', 65001, 'consent_required'],
    ['interaction_required', 65001, 'consent_required'],
    ['invalid_request', 90094, 'consent_required'],
    ['invalid_grant', 53003, 'blocked_by_policy'],
    ['invalid_grant', 530003, 'blocked_by_policy'],
    ['invalid_grant', 50057, 'account_disabled'],
    ['invalid_grant', 50034, 'account_not_found'],
    ['invalid_request', 50020, 'account_not_in_tenant'],
    ['interaction_required', 16000, 'account_not_in_tenant'],
    ['invalid_request', 90072, 'account_not_in_tenant'],
    ['unauthorized_client', 700016, 'client_not_found'],
    ['invalid_request', 50011, 'redirect_mismatch'],
    ['invalid_request', 9002326, 'spa_registration_required'],
    ['invalid_request', 9002327, 'spa_origin_missing'],
    ['invalid_request', 90002, 'tenant_not_found'],
    ['invalid_grant', 54005, 'protocol'],
    ['access_denied', 65004, 'cancelled'],
  ];
  it.each(table)('%s AADSTS%d -> %s', (error, aadsts, code) => {
    const e = classifyOAuthError(entra(error, aadsts));
    expect(e).toBeInstanceOf(AuthError);
    expect(e.code).toBe(code);
    expect(e.aadsts).toBe(aadsts);
    expect(e.detail).toMatchObject({ error, aadsts: String(aadsts), traceId: 't-1', correlationId: 'c-1' });
    expect(e.detail?.description).toBe(`AADSTS${aadsts}: Something happened.`);
  });

  it('maps 70000 to redirect_mismatch only when it is about redirect_uri', () => {
    const redirect = classifyOAuthError({
      error: 'invalid_grant',
      error_description: "AADSTS70000: The provided value for the 'redirect_uri' is not valid.",
      error_codes: [70000],
    });
    expect(redirect.code).toBe('redirect_mismatch');
    expect(classifyOAuthError(entra('invalid_grant', 70000)).code).toBe('protocol');
  });

  it('lets the AADSTS number win over the error string', () => {
    expect(classifyOAuthError(entra('access_denied', 53003)).code).toBe('blocked_by_policy');
    expect(classifyOAuthError(entra('invalid_grant', 700084, { suberror: 'bad_token' })).code).toBe(
      'refresh_expired',
    );
  });

  it('maps error strings without a known number', () => {
    expect(classifyOAuthError({ error: 'access_denied' }).code).toBe('cancelled');
    expect(classifyOAuthError({ error: 'login_required' }).code).toBe('login_required');
    expect(classifyOAuthError({ error: 'interaction_required' }).code).toBe('interaction_required');
    expect(classifyOAuthError({ error: 'consent_required' }).code).toBe('consent_required');
    expect(classifyOAuthError({ error: 'invalid_tenant' }).code).toBe('tenant_not_found');
    expect(classifyOAuthError({ error: 'temporarily_unavailable' }).code).toBe('server_error');
    expect(classifyOAuthError({ error: 'server_error' }).code).toBe('server_error');
    expect(classifyOAuthError({ error: 'invalid_scope' }).code).toBe('protocol');
  });

  it("follows MSAL's interaction-required rules for unknown numbers", () => {
    expect(classifyOAuthError({ error: 'invalid_grant', suberror: 'basic_action' }).code).toBe(
      'interaction_required',
    );
    expect(classifyOAuthError({ error: 'invalid_grant', suberror: 'consent_required' }).code).toBe(
      'consent_required',
    );
    expect(classifyOAuthError({ error: 'bad_token' }).code).toBe('interaction_required');
    expect(
      classifyOAuthError({
        error: 'invalid_grant',
        error_description: 'AADSTS1234: login_required for this user',
      }).code,
    ).toBe('login_required');
    expect(classifyOAuthError({ error: 'invalid_grant', suberror: 'client_mismatch' }).code).toBe('protocol');
  });

  it('treats unclassified 5xx and 429 responses as server_error', () => {
    expect(classifyOAuthError({ error: 'weird' }, { status: 503 }).code).toBe('server_error');
    expect(classifyOAuthError({ error: 'weird' }, { status: 429 }).code).toBe('server_error');
    expect(classifyOAuthError({ error: 'weird' }, { status: 400 }).code).toBe('protocol');
  });

  it('keeps the claims challenge for the next authorization request', () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["p1"]}}}';
    const e = classifyOAuthError(entra('interaction_required', 50076, { claims }));
    expect(e.detail?.claims).toBe(claims);
    expect(requiresInteraction(e)).toBe(true);
  });

  it('ignores non-string junk and serializes without losing the code', () => {
    const e = classifyOAuthError({ error: 42, error_description: { x: 1 }, error_codes: ['x'] });
    expect(e.code).toBe('protocol');
    expect(e.detail).toEqual({});
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'AuthError',
      code: 'protocol',
      message: e.message,
      detail: {},
    });
  });
});

describe('AuthError', () => {
  it('carries code, detail and AADSTS number', () => {
    const e = new AuthError('wrong_tenant', { expected: 'a', actual: 'b' });
    expect(e.name).toBe('AuthError');
    expect(e.code).toBe('wrong_tenant');
    expect(e.detail).toEqual({ expected: 'a', actual: 'b' });
    expect(e.message).toContain('wrong_tenant');
    expect(new AuthError('protocol', undefined, { aadsts: 54005 }).message).toContain('AADSTS54005');
    expect(requiresInteraction(e)).toBe(false);
  });
});
