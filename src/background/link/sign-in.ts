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
import { WebAuthError, webAuthAsAuthError } from '../errors/web-auth-error';
import { BUILD } from '../../shared/config/build';
import { getJwks, resolveAuthority } from './authority';
import { publisherMayUse } from './publisher-hosts';
import type { LinkDeps } from './deps';
import { Refusal } from '../errors/refusal';

export interface SignInResult {
  tokens: TokenSet & { refreshToken: string };
  claims: IdTokenClaims;
  metadata: AuthorityMetadata;
}

export function clientIdOf(connection: Connection, publisherClientId: string): string {
  if (connection.app === 'publisher') {
    if (!publisherClientId) throw new AuthError('client_not_found', { reason: 'no_publisher_app' });
    if (!publisherMayUse(connection, BUILD.flavor)) throw new Refusal('publisher_custom_hosts');
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
 * Validates an ID token against the authority's key set, fetching the set once more when the kid is
 * unknown: a key rolled over since the set was cached.
 */
export async function validateWithKeyRollover(
  idToken: string,
  metadata: AuthorityMetadata,
  deps: LinkDeps,
  expect: { clientId: string; nonce: string | null; expectedTenantId: string },
): Promise<IdTokenClaims> {
  const validate = async (fresh: boolean) =>
    validateIdToken(idToken, {
      jwks: await getJwks(metadata.jwksUri, deps, { fresh }),
      issuer: metadata.issuer,
      now: deps.now(),
      ...expect,
    });
  try {
    return await validate(false);
  } catch (error) {
    if (error instanceof AuthError && error.detail?.reason === 'unknown_kid') return validate(true);
    throw error;
  }
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
    if (error instanceof WebAuthError) throw webAuthAsAuthError(error);
    throw error;
  }
  const { code } = parseAuthorizationResponse(redirectedTo, pending, {
    issuer: metadata.issuer,
    required: metadata.issParameterSupported === true,
  });
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

  const claims = await validateWithKeyRollover(tokens.idToken, metadata, deps, {
    clientId,
    nonce: pending.nonce,
    expectedTenantId,
  });
  return { tokens: { ...tokens, refreshToken: tokens.refreshToken }, claims, metadata };
}
