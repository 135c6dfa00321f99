import {
  AuthError,
  createAuthorizationRequest,
  parseAuthorizationResponse,
  processTokenResponse,
  redeemCode,
  validateIdToken,
  type AuthorityMetadata,
  type IdTokenClaims,
  type TokenSet,
} from '../auth';
import type { Connection } from '../../shared/config/schema';
import { isGuid } from '../../shared/config/schema';
import { signInScopesOf } from '../../shared/config/clouds';
import { WebAuthError } from '../platform/identity';
import { getJwks, resolveAuthority } from './authority';
import type { LinkDeps } from './deps';

export interface SignInResult {
  tokens: TokenSet & { refreshToken: string };
  claims: IdTokenClaims;
  metadata: AuthorityMetadata;
}

export function clientIdOf(connection: Connection, publisherClientId: string): string {
  if (connection.app === 'publisher') {
    if (!publisherClientId) throw new AuthError('client_not_found', { reason: 'no_publisher_app' });
    return publisherClientId;
  }
  return connection.app.clientId;
}

/** The tenant GUID the user chose: from the tenant's own discovery document, or the connection itself. */
export function expectedTenantOf(connection: Connection, metadata: AuthorityMetadata): string {
  if (metadata.tenantId) return metadata.tenantId;
  if (isGuid(connection.tenant)) return connection.tenant.toLowerCase();
  throw new AuthError('tenant_not_found', { tenant: connection.tenant });
}

/**
 * One authorization-code + PKCE round trip in the browser's auth window, then the code redeemed and
 * the ID token validated (signature, issuer, audience, nonce, time, and tid = the chosen tenant).
 * Nothing is stored here: the caller stores only a result that passed every check.
 */
export async function signIn(
  connection: Connection,
  deps: LinkDeps,
  options: {
    interactive: boolean;
    prompt?: 'none' | 'select_account' | 'login';
    loginHint?: string;
    /** A claims request (JSON), e.g. MFA or an authentication context that ARM asked for. */
    claims?: string;
  },
): Promise<SignInResult> {
  const metadata = await resolveAuthority(connection, deps);
  const expectedTenantId = expectedTenantOf(connection, metadata);
  const clientId = clientIdOf(connection, deps.publisherClientId);
  const scopes = signInScopesOf(connection.cloud);
  const { url, pending } = await createAuthorizationRequest({
    authorizationEndpoint: metadata.authorizationEndpoint,
    clientId,
    redirectUri: deps.identity.redirectUri(),
    scopes,
    prompt: options.prompt,
    loginHint: options.loginHint ?? connection.loginHint,
    claims: options.claims,
  });

  let redirectedTo: string;
  try {
    redirectedTo = await deps.identity.launch(url, options.interactive);
  } catch (error) {
    if (error instanceof WebAuthError) {
      throw new AuthError(error.reason === 'closed' ? 'cancelled' : 'login_required', {
        reason: error.reason,
      });
    }
    throw error;
  }
  const { code } = parseAuthorizationResponse(redirectedTo, pending);
  const tokens = await processTokenResponse(
    await redeemCode({
      tokenEndpoint: metadata.tokenEndpoint,
      clientId,
      code,
      pending,
      scopes,
      fetch: deps.fetch,
    }),
  );
  if (!tokens.idToken) throw new AuthError('invalid_id_token', { reason: 'missing' });
  if (!tokens.refreshToken) throw new AuthError('protocol', { reason: 'no_refresh_token' });

  const validate = async (fresh: boolean) =>
    validateIdToken(tokens.idToken!, {
      jwks: await getJwks(metadata.jwksUri, deps, { fresh }),
      issuer: metadata.issuer,
      clientId,
      nonce: pending.nonce,
      expectedTenantId,
      now: deps.now(),
    });
  let claims: IdTokenClaims;
  try {
    claims = await validate(false);
  } catch (error) {
    // A key rolled over since the set was cached: fetch it once more, then give up.
    if (error instanceof AuthError && error.detail?.reason === 'unknown_kid') claims = await validate(true);
    else throw error;
  }
  return { tokens: { ...tokens, refreshToken: tokens.refreshToken }, claims, metadata };
}
