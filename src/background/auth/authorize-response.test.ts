import { describe, expect, it } from 'vitest';
import type { PendingAuthorization } from './authorize-request';
import { parseAuthorizationResponse } from './authorize-response';
import { AuthError } from './errors';

const pending: PendingAuthorization = {
  state: 'state-123',
  nonce: 'nonce-456',
  codeVerifier: 'v'.repeat(43),
  redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  clientId: '11111111-2222-3333-4444-555555555555',
  createdAt: 0,
};
const redirect = pending.redirectUri;

function thrown(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error('expected an AuthError');
}

describe('parseAuthorizationResponse', () => {
  it('reads a query response', () => {
    const result = parseAuthorizationResponse(
      `${redirect}?code=abc&state=state-123&client_info=eyJ9`,
      pending,
    );
    expect(result.code).toBe('abc');
    expect(result.params.get('client_info')).toBe('eyJ9');
  });

  it('reads a fragment response', () => {
    const result = parseAuthorizationResponse(
      `${redirect}#code=frag-code&state=state-123&session_state=s`,
      pending,
    );
    expect(result.code).toBe('frag-code');
    expect(result.params.get('session_state')).toBe('s');
  });

  it('refuses a different state', () => {
    expect(thrown(() => parseAuthorizationResponse(`${redirect}?code=abc&state=other`, pending)).code).toBe(
      'state_mismatch',
    );
  });

  it('refuses a missing state', () => {
    const e = thrown(() => parseAuthorizationResponse(`${redirect}?code=abc`, pending));
    expect(e.code).toBe('state_mismatch');
    expect(e.detail?.reason).toBe('missing_state');
  });

  it('reports a wrong state even when the response is an error', () => {
    expect(
      thrown(() => parseAuthorizationResponse(`${redirect}?error=access_denied&state=x`, pending)).code,
    ).toBe('state_mismatch');
  });

  it('maps access_denied to cancelled', () => {
    const url = `${redirect}?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.&state=state-123`;
    const e = thrown(() => parseAuthorizationResponse(url, pending));
    expect(e.code).toBe('cancelled');
    expect(e.aadsts).toBe(65004);
  });

  it.each([
    [
      'login_required',
      'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
      'login_required',
    ],
    [
      'interaction_required',
      'AADSTS50076: Due to a configuration change you must use MFA.',
      'interaction_required',
    ],
    ['consent_required', 'AADSTS65001: The user or administrator has not consented.', 'consent_required'],
    ['interaction_required', 'AADSTS65001: The user or administrator has not consented.', 'consent_required'],
  ])('maps %s (%s) to %s', (error, description, code) => {
    const query = new URLSearchParams({ error, error_description: description, state: pending.state });
    expect(thrown(() => parseAuthorizationResponse(`${redirect}?${query}`, pending)).code).toBe(code);
  });

  it('maps an error that carries no state, since it grants nothing', () => {
    expect(thrown(() => parseAuthorizationResponse(`${redirect}?error=login_required`, pending)).code).toBe(
      'login_required',
    );
  });

  it('takes the AADSTS number from error_uri', () => {
    const query = new URLSearchParams({
      error: 'invalid_request',
      error_description: 'The request is not valid.',
      error_uri: 'https://login.microsoftonline.com/error?code=50011',
      state: pending.state,
    });
    const e = thrown(() => parseAuthorizationResponse(`${redirect}#${query}`, pending));
    expect(e.code).toBe('redirect_mismatch');
    expect(e.aadsts).toBe(50011);
  });

  it('refuses duplicated parameters, a missing code and a foreign redirect', () => {
    expect(
      thrown(() => parseAuthorizationResponse(`${redirect}?code=a&code=b&state=state-123`, pending)).code,
    ).toBe('protocol');
    expect(
      thrown(() => parseAuthorizationResponse(`${redirect}?state=state-123`, pending)).detail?.reason,
    ).toBe('missing_code');
    expect(
      thrown(() => parseAuthorizationResponse('https://evil.example/?code=a&state=state-123', pending)).detail
        ?.reason,
    ).toBe('redirect_uri');
    expect(thrown(() => parseAuthorizationResponse('not a url', pending)).code).toBe('protocol');
  });
});

describe('parseAuthorizationResponse: the responding issuer (RFC 9207)', () => {
  const TID = 'aaaaaaaa-1111-2222-3333-444444444444';
  const concrete = { issuer: `https://login.microsoftonline.com/${TID}/v2.0`, required: false };
  const template = { issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', required: false };
  const ok = (iss: string) => `${redirect}?code=abc&state=state-123&iss=${encodeURIComponent(iss)}`;

  it('accepts the expected issuer, and a template filled with a tenant GUID', () => {
    expect(parseAuthorizationResponse(ok(concrete.issuer), pending, concrete).code).toBe('abc');
    expect(parseAuthorizationResponse(ok(concrete.issuer), pending, template).code).toBe('abc');
  });

  it('refuses a response naming another issuer, even a lookalike of the template', () => {
    for (const iss of [
      'https://login.evil.example/' + TID + '/v2.0',
      `https://login.microsoftonline.com/${TID}/v2.0/extra`,
      'https://login.microsoftonline.com/not-a-guid/v2.0',
      'https://loginXmicrosoftonline.com/' + TID + '/v2.0',
    ]) {
      expect(thrown(() => parseAuthorizationResponse(ok(iss), pending, template)).code).toBe(
        'issuer_mismatch',
      );
    }
    expect(
      thrown(() =>
        parseAuthorizationResponse(ok(template.issuer.replace('{tenantid}', TID) + '/'), pending, concrete),
      ).code,
    ).toBe('issuer_mismatch');
  });

  it('refuses an error response from another issuer before reporting the error', () => {
    const url = `${redirect}?error=access_denied&state=state-123&iss=https%3A%2F%2Fevil.example%2F`;
    expect(thrown(() => parseAuthorizationResponse(url, pending, concrete)).code).toBe('issuer_mismatch');
  });

  it('accepts a missing iss unless the authority promised one', () => {
    const bare = `${redirect}?code=abc&state=state-123`;
    expect(parseAuthorizationResponse(bare, pending, concrete).code).toBe('abc');
    expect(
      thrown(() => parseAuthorizationResponse(bare, pending, { ...concrete, required: true })).detail?.reason,
    ).toBe('missing_iss');
  });

  it('refuses a repeated iss', () => {
    const url = `${ok(concrete.issuer)}&iss=${encodeURIComponent(concrete.issuer)}`;
    expect(thrown(() => parseAuthorizationResponse(url, pending, concrete)).detail?.reason).toBe(
      'duplicate_parameter',
    );
  });
});
