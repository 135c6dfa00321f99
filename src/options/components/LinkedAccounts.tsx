import { formatDateTime, t } from '../../shared/i18n';
import type { Overview } from '../../shared/messages/contract';
import { send } from '../../shared/messages/client';
import type { LinkRecord } from '../../shared/store/schema';
import { errorText } from '../../ui/errors';

interface Props {
  overview: Overview;
  act(request: Promise<Overview>): Promise<void>;
}

function statusText(link: LinkRecord): string {
  if (link.status === 'ok') return t('statusOk');
  if (link.status === 'needs_sign_in') return t('statusNeedsSignIn');
  return errorText({ code: link.statusDetail ?? 'account_not_found' });
}

/** Manage linked accounts (docs/design.md §3 journey 4): tenant → account, with Unlink. */
export function LinkedAccounts({ overview, act }: Props) {
  const rows = [
    ...overview.connections.flatMap((view) =>
      view.link ? [{ link: view.link, label: view.connection.displayName }] : [],
    ),
    ...overview.orphanLinks.map((link) => ({ link, label: t('connectionRemoved') })),
  ];
  return (
    <section aria-labelledby="linked-heading">
      <h2 id="linked-heading">{t('linkedAccountsHeading')}</h2>
      {rows.length === 0 ? (
        <p class="muted" id="no-links">
          {t('noLinkedAccounts')}
        </p>
      ) : (
        <table class="links">
          <thead>
            <tr>
              <th scope="col">{t('colTenant')}</th>
              <th scope="col">{t('colAccount')}</th>
              <th scope="col">{t('colLinked')}</th>
              <th scope="col">{t('colLastUsed')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ link, label }) => (
              <tr key={link.tenantId} data-tenant={link.tenantId} data-status={link.status}>
                <td>
                  <div>{label}</div>
                  <div class="muted mono">{link.tenantId}</div>
                </td>
                <td>
                  <div class="account-name">{link.name}</div>
                  <div class="muted account-username">{link.username}</div>
                </td>
                <td>{formatDateTime(link.linkedAt)}</td>
                <td>{formatDateTime(link.lastUsedAt)}</td>
                <td class={link.status === 'ok' ? 'ok' : link.status === 'broken' ? 'bad' : 'warn'}>
                  {statusText(link)}
                </td>
                <td class="row-actions">
                  {link.connectionId &&
                    overview.connections.some((c) => c.connection.id === link.connectionId) && (
                      <button
                        type="button"
                        class="sign-out-retry"
                        aria-label={t('signOutRetryNamed', [link.username, label])}
                        title={t('signOutRetryHelp')}
                        onClick={() =>
                          act(
                            send({
                              type: 'link.start',
                              connectionId: link.connectionId,
                              mode: 'sign_out_and_retry',
                            }).then(() => send({ type: 'overview.get' })),
                          )
                        }
                      >
                        {t('signOutRetry')}
                      </button>
                    )}{' '}
                  <button
                    type="button"
                    class="unlink"
                    aria-label={t('unlinkNamed', [link.username, label])}
                    onClick={() => act(send({ type: 'link.remove', tenantId: link.tenantId }))}
                  >
                    {t('unlink')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
