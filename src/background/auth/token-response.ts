import { decodeClientInfo, type ClientInfo } from './client-info';
import { AuthError } from './errors';
import { readSuccessJson } from './http';

export interface TokenSet {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Absent unless `offline_access` was requested. Replaces the previous one on every refresh. */
  refreshToken?: string;
  /** Epoch ms, only when Entra sends `refresh_token_expires_in`. */
  refreshTokenExpiresAt?: number;
  /** Not validated here: pass it to validateIdToken. */
  idToken?: string;
  scope: string;
  clientInfo?: ClientInfo;
}

function seconds(value: unknown): number | undefined {
  // MSAL accepts expires_in as a number or a numeric string, and Entra has sent both.
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw malformed(name);
  return value;
}

// The field name only: the value may be a token.
function malformed(field: string): AuthError {
  return new AuthError('protocol', { reason: 'malformed_token_response', field });
}

/**
 * Turns a token endpoint response into a TokenSet, or throws the classified AuthError. `now` (epoch
 * ms, default Date.now()) should be taken when the request was sent, so lifetimes err short.
 */
export async function processTokenResponse(
  response: Response,
  options: { now?: number } = {},
): Promise<TokenSet> {
  const now = options.now ?? Date.now();
  const body = await readSuccessJson(response);

  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') throw malformed('access_token');
  const tokenType = body.token_type;
  if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) {
    throw malformed('token_type');
  }
  const expiresIn = seconds(body.expires_in);
  if (expiresIn === undefined) throw malformed('expires_in');

  const tokens: TokenSet = {
    accessToken,
    expiresAt: now + expiresIn * 1000,
    scope: typeof body.scope === 'string' ? body.scope : '',
  };
  const refreshToken = optionalString(body, 'refresh_token');
  if (refreshToken) tokens.refreshToken = refreshToken;
  const refreshExpiresIn = seconds(body.refresh_token_expires_in);
  if (refreshToken && refreshExpiresIn !== undefined)
    tokens.refreshTokenExpiresAt = now + refreshExpiresIn * 1000;
  const idToken = optionalString(body, 'id_token');
  if (idToken) tokens.idToken = idToken;
  const clientInfo = decodeClientInfo(body.client_info);
  if (clientInfo) tokens.clientInfo = clientInfo;
  return tokens;
}
