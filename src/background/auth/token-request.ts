import {
  allowInsecureRequests,
  authorizationCodeGrantRequest,
  customFetch,
  None,
  refreshTokenGrantRequest,
  skipStateCheck,
  validateAuthResponse,
  type AuthorizationServer,
  type Client,
  type TokenEndpointRequestOptions,
} from 'oauth4webapi';
import type { PendingAuthorization } from './authorize-request';
import { isLoopbackHttp, parseEndpoint } from './endpoint';
import { guardedFetch, type FetchLike } from './http';
import { argumentError } from '../errors/argument-error';

export interface RedeemCodeOptions {
  tokenEndpoint: string;
  clientId: string;
  code: string;
  pending: PendingAuthorization;
  /** Scopes of one resource plus OIDC scopes; Entra issues a token for the first resource only. */
  scopes: string[];
  fetch: FetchLike;
  signal?: AbortSignal;
}

export interface RefreshTokensOptions {
  /** May name another tenant than the one the refresh token came from (docs/wire.md §1.6). */
  tokenEndpoint: string;
  clientId: string;
  refreshToken: string;
  scopes: string[];
  fetch: FetchLike;
  signal?: AbortSignal;
}

interface RequestContext {
  as: AuthorizationServer;
  client: Client;
  options: TokenEndpointRequestOptions;
}

function context(
  tokenEndpoint: string,
  clientId: string,
  scopes: string[],
  fetchFn: FetchLike,
  signal?: AbortSignal,
): RequestContext {
  const url = parseEndpoint(tokenEndpoint, 'token_endpoint');
  const scope = [...new Set(scopes.map((s) => s.trim()).filter(Boolean))].join(' ');
  if (!scope) throw argumentError('token request: scopes must not be empty');
  if (!clientId) throw argumentError('token request: clientId is required');
  return {
    // oauth4webapi asserts an issuer is present; the token request itself never uses it.
    as: { issuer: url.origin, token_endpoint: url.href },
    client: { client_id: clientId },
    options: {
      additionalParameters: { scope },
      [customFetch]: (target, init) => guardedFetch(fetchFn, target, init),
      // Only the loopback emulator is plain http; parseEndpoint refused any other http URL.
      ...(isLoopbackHttp(url) ? { [allowInsecureRequests]: true } : {}),
      ...(signal ? { signal } : {}),
    },
  };
}

/**
 * Authorization-code redemption for a public client: PKCE verifier, no client secret. Resolves to
 * the raw Response for processTokenResponse; rejects with AuthError('network') when fetch fails.
 */
export async function redeemCode(options: RedeemCodeOptions): Promise<Response> {
  const { pending } = options;
  if (options.clientId !== pending.clientId) {
    throw argumentError('redeemCode: clientId differs from the one the code was requested for');
  }
  const {
    as,
    client,
    options: requestOptions,
  } = context(options.tokenEndpoint, options.clientId, options.scopes, options.fetch, options.signal);
  // oauth4webapi only accepts parameters that went through validateAuthResponse; the state was
  // already checked by parseAuthorizationResponse, so only the code is carried over.
  const callback = validateAuthResponse(
    as,
    client,
    new URLSearchParams({ code: options.code }),
    skipStateCheck,
  );
  return authorizationCodeGrantRequest(
    as,
    client,
    None(),
    callback,
    pending.redirectUri,
    pending.codeVerifier,
    requestOptions,
  );
}

/** Refresh-token grant for a public client. Entra returns a new refresh token every time. */
export async function refreshTokens(options: RefreshTokensOptions): Promise<Response> {
  const {
    as,
    client,
    options: requestOptions,
  } = context(options.tokenEndpoint, options.clientId, options.scopes, options.fetch, options.signal);
  return refreshTokenGrantRequest(as, client, None(), options.refreshToken, requestOptions);
}
