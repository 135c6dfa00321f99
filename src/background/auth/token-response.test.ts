import { describe, expect, it } from 'vitest';
import { AuthError, type AuthErrorCode } from './errors';
import { processTokenResponse } from './token-response';

const NOW = 1_700_000_000_000;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const success = {
  token_type: 'Bearer',
  scope: 'https://management.azure.com/user_impersonation',
  expires_in: 3599,
  ext_expires_in: 3599,
  access_token: 'at-secret',
  refresh_token: 'rt-secret',
  id_token: 'a.b.c',
  client_info: b64url({ uid: 'oid-1', utid: 'tid-1' }),
};

async function failure(response: Response | Promise<Response>): Promise<AuthError> {
  try {
    await processTokenResponse(await response, { now: NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    const e = error as AuthError;
    // Nothing that looks like a token may surface in what gets logged or shown.
    expect(JSON.stringify(e)).not.toMatch(/secret/);
    expect(e.message).not.toMatch(/secret/);
    return e;
  }
  throw new Error('expected an AuthError');
}

describe('processTokenResponse', () => {
  it('reads a success response with numeric expires_in', async () => {
    expect(await processTokenResponse(json(success), { now: NOW })).toEqual({
      accessToken: 'at-secret',
      expiresAt: NOW + 3_599_000,
      refreshToken: 'rt-secret',
      idToken: 'a.b.c',
      scope: 'https://management.azure.com/user_impersonation',
      clientInfo: { uid: 'oid-1', utid: 'tid-1' },
    });
  });

  it('reads expires_in given as a string', async () => {
    const tokens = await processTokenResponse(json({ ...success, expires_in: '4200' }), { now: NOW });
    expect(tokens.expiresAt).toBe(NOW + 4_200_000);
  });

  it('keeps refresh_token_expires_in when Entra sends it', async () => {
    const tokens = await processTokenResponse(json({ ...success, refresh_token_expires_in: 86_399 }), {
      now: NOW,
    });
    expect(tokens.refreshTokenExpiresAt).toBe(NOW + 86_399_000);
  });

  it('leaves out what was not returned and ignores an unreadable client_info', async () => {
    const tokens = await processTokenResponse(
      json({ token_type: 'Bearer', access_token: 'x', expires_in: 60, client_info: '%%%' }),
      { now: NOW },
    );
    expect(tokens).toEqual({ accessToken: 'x', expiresAt: NOW + 60_000, scope: '' });
  });

  it('refuses a success body without a usable access token or lifetime', async () => {
    expect((await failure(json({ ...success, access_token: undefined }))).detail).toMatchObject({
      reason: 'malformed_token_response',
      field: 'access_token',
    });
    expect((await failure(json({ ...success, expires_in: 'soon' }))).detail?.field).toBe('expires_in');
    expect((await failure(json({ ...success, token_type: 'pop' }))).detail?.field).toBe('token_type');
  });

  const errors: Array<[string, number, AuthErrorCode]> = [
    ['invalid_grant', 700084, 'refresh_expired'],
    ['invalid_grant', 50076, 'interaction_required'],
    ['invalid_request', 9002326, 'spa_registration_required'],
    ['invalid_grant', 54005, 'protocol'],
    ['invalid_grant', 65001, 'consent_required'],
    ['invalid_grant', 50057, 'account_disabled'],
    ['invalid_grant', 50173, 'session_revoked'],
    ['invalid_grant', 53003, 'blocked_by_policy'],
  ];
  it.each(errors)('maps a 400 %s AADSTS%d body to %s', async (error, aadsts, code) => {
    const e = await failure(
      json(
        {
          error,
          error_description: `AADSTS${aadsts}: Description.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: z`,
          error_codes: [aadsts],
          timestamp: 'z',
          trace_id: 't',
          correlation_id: 'c',
          error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
        },
        400,
      ),
    );
    expect(e.code).toBe(code);
    expect(e.aadsts).toBe(aadsts);
    expect(e.detail).toMatchObject({ error, aadsts: String(aadsts), status: '400' });
  });

  it('maps a 500 to server_error, with or without a JSON body', async () => {
    expect((await failure(new Response('<html>oops</html>', { status: 500 }))).code).toBe('server_error');
    expect((await failure(json({ error: 'server_error' }, 500))).code).toBe('server_error');
    const throttled = await failure(json({ error: 'too_many' }, 429, { 'retry-after': '30' }));
    expect(throttled.code).toBe('server_error');
    expect(throttled.detail?.retryAfter).toBe('30');
  });

  it('maps a non-JSON answer that is not a server error to network', async () => {
    expect((await failure(new Response('<html>captive portal</html>', { status: 200 }))).code).toBe(
      'network',
    );
  });

  it('maps a 4xx without an OAuth error body to protocol', async () => {
    expect((await failure(json({ message: 'nope' }, 404))).code).toBe('protocol');
  });
});
