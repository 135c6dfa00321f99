import { AuthError } from '../auth';
import { getLink, replaceRefreshToken, updateLink } from '../store/links';
import { rememberAccessToken } from './access-tokens';
import { audienceOf } from './binding';
import type { LinkDeps } from './deps';
import { signIn } from './sign-in';
import { connectionById } from '../../shared/config/find-connection';
import { Refusal } from '../errors/refusal';
import { withRefreshTokenLock } from './session';

/** The claims request for a token whose sign-in included multi-factor authentication. */
export const MFA_CLAIMS = JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } });

/**
 * Signs the linked account in again, interactively, asking Entra for more (MFA, or the authentication
 * context a PIM policy requires): the new tokens carry it, and replace the link's tokens. Only the
 * same account in the same tenant is accepted.
 */
export async function stepUp(tenantId: string, claims: string, deps: LinkDeps): Promise<void> {
  const link = await getLink(deps.db, tenantId);
  if (!link) throw new Refusal('not_linked', { tenantId });
  const { config } = await deps.loadConfig();
  const connection = connectionById(config, link.connectionId);
  if (!connection) throw new Refusal('connection_not_found', { tenantId });
  const { claims: idClaims, tokens } = await signIn(connection, deps, {
    interactive: true,
    loginHint: link.username,
    claims,
  });
  if (idClaims.tid !== link.tenantId || idClaims.oid !== link.oid) {
    throw new AuthError('login_required', { reason: 'different_account' });
  }
  await withRefreshTokenLock(tenantId, deps, async () => {
    await replaceRefreshToken(deps.db, tenantId, tokens.refreshToken);
    rememberAccessToken(tenantId, audienceOf(connection), tokens.accessToken, tokens.expiresAt);
  });
  await updateLink(deps.db, tenantId, { lastUsedAt: deps.now(), status: 'ok', statusDetail: undefined });
}
