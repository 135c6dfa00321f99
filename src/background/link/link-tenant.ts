import type { FlowState } from '../../shared/messages/contract';
import { t } from '../../shared/i18n';
import { deleteLink, getLink, linkOfConnection, saveLink } from '../store/links';
import { audienceOf, bindingOf } from './binding';
import type { LinkDeps } from './deps';
import { isTenantAllowed } from './allowed-tenants';
import { expectedTenantOf, signIn } from './sign-in';
import { resolveAuthority } from './authority';
import { toUiError } from '../errors/to-ui-error';
import { forgetAccessToken, rememberAccessToken } from './access-tokens';
import { connectionById } from '../../shared/config/find-connection';
import { Refusal } from '../errors/refusal';
import { withRefreshTokenLock } from './session';

export type LinkMode = 'link' | 'sign_in_again' | 'sign_out_and_retry';

/**
 * Runs the interactive link from start to end in the worker: the popup may close as soon as the auth
 * window takes focus, so the outcome goes to storage.session (and a notification), not only to the
 * caller. Only a sign-in that passed every check is stored.
 */
export async function linkTenant(connectionId: string, mode: LinkMode, deps: LinkDeps): Promise<FlowState> {
  const startedAt = deps.now();
  const running: FlowState = { connectionId, status: 'running', startedAt };
  await deps.writeFlow(running);
  try {
    const { config } = await deps.loadConfig();
    const connection = connectionById(config, connectionId);
    if (!connection) throw new Refusal('connection_not_found');
    // allowedTenants may name the tenant by domain or by GUID: compare both before any window opens.
    if (config.allowedTenants) {
      const expected = expectedTenantOf(connection, await resolveAuthority(connection, deps));
      if (!isTenantAllowed(config.allowedTenants, connection.tenant, expected)) {
        throw new Refusal('tenant_not_allowed', { tenant: connection.tenant });
      }
    }
    const existing = await linkOfConnection(deps.db, connectionId);
    // "Sign out and retry": nothing of the old session is reused; the user picks the account again.
    if (mode === 'sign_out_and_retry' && existing) forgetAccessToken(existing.tenantId);
    const result = await signIn(connection, deps, {
      interactive: true,
      // Linking a tenant is choosing an account for it: let the user pick, even with a live session.
      prompt: mode === 'sign_in_again' ? undefined : 'select_account',
      loginHint: mode === 'sign_in_again' ? existing?.username : undefined,
    });
    const { claims, tokens } = result;
    const username = claims.preferredUsername ?? claims.oid;
    if (!isTenantAllowed(config.allowedTenants, connection.tenant, claims.tid)) {
      throw new Refusal('tenant_not_allowed', { tenant: connection.tenant });
    }
    const now = deps.now();
    // Under the tenant's refresh-token lock: a renewal in flight stores its rotated token before this
    // one, not over it.
    await withRefreshTokenLock(claims.tid, deps, async () => {
      const previous = await getLink(deps.db, claims.tid);
      if (existing && existing.tenantId !== claims.tid) await deleteLink(deps.db, existing.tenantId);
      await saveLink(
        deps.db,
        {
          tenantId: claims.tid,
          connectionId,
          oid: claims.oid,
          name: claims.name ?? username,
          username,
          issuer: claims.iss,
          linkedAt: previous?.oid === claims.oid ? previous.linkedAt : now,
          lastUsedAt: now,
          status: 'ok',
          boundTo: bindingOf(connection, deps.publisherClientId),
        },
        tokens.refreshToken,
      );
      rememberAccessToken(claims.tid, audienceOf(connection), tokens.accessToken, tokens.expiresAt);
    });
    const done: FlowState = {
      connectionId,
      status: 'succeeded',
      startedAt,
      finishedAt: now,
      username,
      tenantId: claims.tid,
    };
    await deps.writeFlow(done);
    await deps.notify(t('notifyLinkedTitle'), t('notifyLinkedBody', [username, connection.displayName]));
    return done;
  } catch (error) {
    const failed: FlowState = {
      connectionId,
      status: 'failed',
      startedAt,
      finishedAt: deps.now(),
      error: toUiError(error),
    };
    await deps.writeFlow(failed);
    // The user's own choice needs no notification.
    if (failed.error?.code !== 'cancelled' && failed.error?.code !== 'fault_declined')
      await deps.notify(t('notifyLinkFailedTitle'), t('notifyLinkFailedBody'));
    return failed;
  }
}
