import { AuthError, processTokenResponse, refreshTokens, type AuthErrorCode } from '../auth';
import { signInScopesOf } from '../../shared/config/clouds';
import type { Connection } from '../../shared/config/schema';
import type { LinkRecord } from '../../shared/store/schema';
import {
  getLink,
  listLinks,
  readRefreshToken,
  replaceRefreshToken,
  updateLink,
  UnreadableSecretError,
} from '../store/links';
import {
  cachedAccessToken,
  forgetAccessToken,
  hydrateAccessTokens,
  accessTokensSaved,
  reloadAccessTokens,
  rememberAccessToken,
} from './access-tokens';
import { resolveAuthority } from './authority';
import { audienceOf, bindingOf, registrationChanged, sameBinding } from './binding';
import type { LinkDeps } from './deps';
import { clientIdOf, signIn, validateWithKeyRollover } from './sign-in';
import { connectionById } from '../../shared/config/find-connection';
import { Refusal } from '../errors/refusal';
import { memoryLocks } from '../platform/locks';

// Codes after which Entra may still sign the user in without a prompt while its sign-in cookie lives
// (docs/wire.md §1.8: an SPA refresh token ends after 24 h, fixed; re-run authorize with prompt=none).
const RENEW_SILENTLY = new Set([
  'refresh_expired',
  'session_revoked',
  'interaction_required',
  'login_required',
]);
// The account itself is gone or blocked in that tenant: the link is broken until unlinked (docs/design.md §3 journey 5).
const BROKEN = new Set(['account_disabled', 'account_not_found', 'account_not_in_tenant']);

/**
 * An ARM access token for a linked tenant, as silently as possible: memory, then the refresh token,
 * then a non-interactive authorize (prompt=none + login_hint). When only the user can help, the link
 * is marked `needs_sign_in` (or `broken`) and an AuthError is thrown.
 */
export async function getAccessToken(tenantId: string, deps: LinkDeps): Promise<string> {
  await hydrateAccessTokens();
  const { connection } = await boundLink(tenantId, deps);
  const audience = audienceOf(connection);
  const cached = cachedAccessToken(tenantId, audience, deps.now());
  if (cached) return cached;
  // Callers in this context join one renewal and share its outcome, failure included.
  const inFlight = renewals.get(tenantId);
  if (inFlight) return inFlight;
  const renewal = withRefreshTokenLock(tenantId, deps, async () => {
    // Whoever held the lock before (another context, or a worker since stopped) may have renewed:
    // its access token may already do, and otherwise the refresh token it stored is the one to read.
    await reloadAccessTokens();
    const fresh = cachedAccessToken(tenantId, audience, deps.now());
    if (fresh) return fresh;
    const current = await boundLink(tenantId, deps);
    const token = await renewAccessToken(current.link, current.connection, deps);
    await accessTokensSaved();
    return token;
  }).finally(() => renewals.delete(tenantId));
  renewals.set(tenantId, renewal);
  return renewal;
}

const renewals = new Map<string, Promise<string>>();
const fallbackLocks = memoryLocks();

/**
 * Read, redeem and store a tenant's refresh token under one lock, so that no two callers (popup,
 * options, omnibox, alarms; this worker or the next one) ever present the same refresh token: a
 * provider with rotation revokes the whole grant when it sees one twice (RFC 9700 §4.14.2). Web
 * Locks survive the worker's memory and are given back when a stopped worker's context ends.
 */
export function withRefreshTokenLock<T>(
  tenantId: string,
  deps: LinkDeps,
  task: () => Promise<T>,
): Promise<T> {
  return (deps.locks ?? fallbackLocks).exclusive(`cloud-access/refresh-token/${tenantId}`, task);
}

/**
 * The link and its connection, as long as the connection still describes the registration the
 * link's tokens were issued for. Otherwise the access token is forgotten, the refresh token is left
 * unused, and the link waits for the user to sign in again.
 */
async function boundLink(
  tenantId: string,
  deps: LinkDeps,
): Promise<{ link: LinkRecord; connection: Connection }> {
  const link = await getLink(deps.db, tenantId);
  if (!link) throw new Refusal('not_linked', { tenantId });
  const { config } = await deps.loadConfig();
  const connection = connectionById(config, link.connectionId);
  if (!connection) throw new Refusal('connection_not_found', { tenantId });
  const binding = bindingOf(connection, deps.publisherClientId);
  if (!link.boundTo) {
    await updateLink(deps.db, tenantId, { boundTo: binding });
    return { link: { ...link, boundTo: binding }, connection };
  }
  if (!sameBinding(link.boundTo, binding)) {
    forgetAccessToken(tenantId);
    await updateLink(deps.db, tenantId, { status: 'needs_sign_in', statusDetail: 'registration_changed' });
    throw registrationChanged(link);
  }
  return { link, connection };
}

async function renewAccessToken(link: LinkRecord, connection: Connection, deps: LinkDeps): Promise<string> {
  if (link.status === 'broken') {
    const code = BROKEN.has(link.statusDetail ?? '')
      ? (link.statusDetail as AuthErrorCode)
      : 'account_not_found';
    throw new AuthError(code, { tenantId: link.tenantId });
  }
  if (link.status === 'needs_sign_in') throw new AuthError('login_required', { tenantId: link.tenantId });
  try {
    return await refreshWithStoredToken(link, connection, deps);
  } catch (error) {
    if (!(error instanceof AuthError) || !RENEW_SILENTLY.has(error.code))
      return markAndThrow(link, error, deps);
  }
  try {
    return await renewSilently(link, connection, deps);
  } catch (error) {
    return markAndThrow(link, error, deps);
  }
}

async function refreshWithStoredToken(
  link: LinkRecord,
  connection: Connection,
  deps: LinkDeps,
): Promise<string> {
  let refreshToken: string | undefined;
  try {
    refreshToken = await readRefreshToken(deps.db, link.tenantId);
  } catch (error) {
    if (error instanceof UnreadableSecretError) refreshToken = undefined;
    else throw error;
  }
  if (!refreshToken) throw new AuthError('refresh_expired', { reason: 'no_refresh_token' });
  const metadata = await resolveAuthority(connection, deps);
  const clientId = clientIdOf(connection, deps.publisherClientId);
  const tokens = await processTokenResponse(
    await refreshTokens({
      tokenEndpoint: metadata.tokenEndpoint,
      clientId,
      refreshToken,
      scopes: signInScopesOf(connection.cloud),
      fetch: deps.fetch,
    }),
  );
  // A refreshed ID token is held to the same rules as the first one and must name this link's
  // account (OpenID Connect Core §12.2); a forged one leaves the stored refresh token as it was.
  if (tokens.idToken) {
    const claims = await validateWithKeyRollover(tokens.idToken, metadata, deps, {
      clientId,
      nonce: null,
      expectedTenantId: link.tenantId,
    });
    if (claims.oid !== link.oid) throw new AuthError('invalid_id_token', { reason: 'different_account' });
  }
  // Every refresh returns a new refresh token; the old one is discarded (docs/wire.md §1.6). A link
  // removed while the request was out stays removed: nothing of it is stored or cached again.
  const stillLinked = tokens.refreshToken
    ? await replaceRefreshToken(deps.db, link.tenantId, tokens.refreshToken)
    : (await getLink(deps.db, link.tenantId)) !== undefined;
  if (!stillLinked) throw new Refusal('not_linked', { tenantId: link.tenantId });
  rememberAccessToken(link.tenantId, audienceOf(connection), tokens.accessToken, tokens.expiresAt);
  await updateLink(deps.db, link.tenantId, { lastUsedAt: deps.now(), status: 'ok', statusDetail: undefined });
  return tokens.accessToken;
}

async function renewSilently(link: LinkRecord, connection: Connection, deps: LinkDeps): Promise<string> {
  const { claims, tokens } = await signIn(connection, deps, {
    interactive: false,
    prompt: 'none',
    loginHint: link.username,
  });
  // prompt=none with a hint may still come back as someone else if the hint is ignored: that is not
  // this link's account, so it must not replace it.
  if (claims.tid !== link.tenantId || claims.oid !== link.oid) {
    throw new AuthError('login_required', { reason: 'different_account' });
  }
  const stored = await replaceRefreshToken(deps.db, link.tenantId, tokens.refreshToken);
  if (!stored) throw new Refusal('not_linked', { tenantId: link.tenantId });
  rememberAccessToken(link.tenantId, audienceOf(connection), tokens.accessToken, tokens.expiresAt);
  await updateLink(deps.db, link.tenantId, { lastUsedAt: deps.now(), status: 'ok', statusDetail: undefined });
  return tokens.accessToken;
}

async function markAndThrow(link: LinkRecord, error: unknown, deps: LinkDeps): Promise<never> {
  if (error instanceof AuthError) {
    const status = BROKEN.has(error.code) ? 'broken' : error.code === 'network' ? undefined : 'needs_sign_in';
    if (status) {
      forgetAccessToken(link.tenantId);
      await updateLink(deps.db, link.tenantId, { status, statusDetail: error.code });
    }
  }
  throw error;
}

/** Checks every link once (popup opening): cheap when tokens are cached, silent otherwise. */
export async function checkAllLinks(deps: LinkDeps): Promise<void> {
  const links = await listLinks(deps.db);
  await Promise.all(
    links
      .filter((link) => link.status === 'ok')
      .map((link) => getAccessToken(link.tenantId, deps).catch(() => undefined)),
  );
}
