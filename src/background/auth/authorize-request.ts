import { generateRandomNonce, generateRandomState } from 'oauth4webapi';
import { parseEndpoint } from './endpoint';
import { createPkcePair } from './pkce';
import { argumentError } from '../errors/argument-error';

export type Prompt = 'none' | 'select_account' | 'login' | 'consent';

export interface AuthorizationRequestOptions {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  /** Include `openid` (ID token, nonce) and `offline_access` (refresh token). */
  scopes: string[];
  prompt?: Prompt;
  loginHint?: string;
  domainHint?: string;
  /** JSON claims request, e.g. the `claims` of an interaction_required error. */
  claims?: string;
  responseMode?: 'query' | 'fragment';
  /** Epoch ms; defaults to Date.now(). */
  now?: number;
}

/**
 * Everything needed to check the response and redeem the code. Holds the PKCE verifier: keep it in
 * session-scoped storage only, and drop it once the code is redeemed or the attempt is abandoned.
 */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
  /** Epoch ms. Entra codes live about 10 minutes, so older pending requests are useless. */
  createdAt: number;
}

export interface AuthorizationRequest {
  url: string;
  pending: PendingAuthorization;
}

export async function createAuthorizationRequest(
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  const url = parseEndpoint(options.authorizationEndpoint, 'authorization_endpoint');
  const scope = [...new Set(options.scopes.map((s) => s.trim()).filter(Boolean))].join(' ');
  if (!scope) throw argumentError('createAuthorizationRequest: scopes must not be empty');
  if (!options.clientId) throw argumentError('createAuthorizationRequest: clientId is required');
  if (!options.redirectUri) throw argumentError('createAuthorizationRequest: redirectUri is required');

  const { codeVerifier, codeChallenge, codeChallengeMethod } = await createPkcePair();
  const state = generateRandomState();
  const nonce = generateRandomNonce();

  const params = url.searchParams;
  params.set('client_id', options.clientId);
  params.set('response_type', 'code');
  params.set('redirect_uri', options.redirectUri);
  params.set('scope', scope);
  params.set('state', state);
  params.set('nonce', nonce);
  params.set('code_challenge', codeChallenge);
  params.set('code_challenge_method', codeChallengeMethod);
  params.set('response_mode', options.responseMode ?? 'query');
  // Asks Entra for client_info (uid/utid) in the token response, as MSAL does.
  params.set('client_info', '1');
  if (options.prompt) params.set('prompt', options.prompt);
  // Entra documents login_hint as not to be combined with select_account: the account picker wins.
  if (options.loginHint && options.prompt !== 'select_account') params.set('login_hint', options.loginHint);
  if (options.domainHint) params.set('domain_hint', options.domainHint);
  if (options.claims) params.set('claims', options.claims);

  return {
    url: url.href,
    pending: {
      state,
      nonce,
      codeVerifier,
      redirectUri: options.redirectUri,
      clientId: options.clientId,
      createdAt: options.now ?? Date.now(),
    },
  };
}
