import { t } from '../../shared/i18n';
import type { ConnectionView, FlowState, Overview } from '../../shared/messages/contract';
import { send } from '../../shared/messages/client';
import { isGuid } from '../../shared/guid';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { AdminConsentLink } from '../../ui/AdminConsentLink';

interface Props {
  view: ConnectionView;
  act(request: Promise<unknown>): Promise<void>;
  onOverview(overview: Overview): void;
}

export function tenantLabel(tenant: string, tenantId?: string): string {
  if (!tenantId || isGuid(tenant)) return tenantId ?? tenant;
  return `${tenant} (${tenantId})`;
}

function FlowMessage({
  flow,
  view,
  onOverview,
}: { flow: FlowState; view: ConnectionView } & Pick<Props, 'onOverview'>) {
  const dismiss = async () =>
    onOverview(await send({ type: 'flow.dismiss', connectionId: flow.connectionId }));
  if (flow.status === 'running') {
    return (
      <div class="message" role="status" aria-live="polite" data-flow="running">
        <Spinner label={t('flowRunningLabel')} />
        {t('flowRunning')}
      </div>
    );
  }
  if (flow.status === 'succeeded') {
    return (
      <div class="message ok" role="status" data-flow="succeeded">
        {t('flowSucceeded', [flow.username ?? '', view.connection.displayName])}{' '}
        <button type="button" class="link-button" onClick={dismiss}>
          {t('dismiss')}
        </button>
      </div>
    );
  }
  const error = flow.error ?? { code: 'unexpected' };
  // The user's own choice, or the browser pausing the extension: nothing is wrong, Link is offered again.
  const calm = error.code === 'cancelled' || error.code === 'fault_declined' || error.code === 'interrupted';
  const text = errorText(error, {
    expectedLabel: tenantLabel(view.connection.tenant, error.detail?.expected),
    tenant: view.connection.tenant,
  });
  return (
    <div
      class={`message ${calm ? '' : 'bad'}`}
      role={calm ? 'status' : 'alert'}
      data-flow="failed"
      data-error={error.code}
    >
      {text}{' '}
      <button type="button" class="link-button" onClick={dismiss}>
        {t('dismiss')}
      </button>
      {/* AADSTS700016: no service principal for the app in this tenant yet, which an admin's consent creates. */}
      {(error.code === 'consent_required' || error.code === 'client_not_found') && (
        <AdminConsentLink connectionId={view.connection.id} />
      )}
    </div>
  );
}

export function ConnectionRow({ view, act, onOverview }: Props) {
  const { connection, link, flow } = view;
  const running = flow?.status === 'running';
  const start = (mode: 'link' | 'sign_in_again' | 'sign_out_and_retry') =>
    act(send({ type: 'link.start', connectionId: connection.id, mode }));
  return (
    <li class="connection" data-connection={connection.id} data-link-status={link?.status ?? 'unlinked'}>
      <div class="connection-head">
        <strong>{connection.displayName}</strong>
        <span class="muted tenant">{tenantLabel(connection.tenant, link?.tenantId)}</span>
      </div>
      {link && link.status === 'ok' && (
        <div class="linked" data-linked-as={link.username}>
          <span class="ok">●</span> {t('linkedAs', [link.name, link.username])}
        </div>
      )}
      {link && link.status === 'needs_sign_in' && (
        <div class="message warn" data-needs-sign-in data-detail={link.statusDetail}>
          {link.statusDetail === 'registration_changed'
            ? t('linkRegistrationChanged', [link.username])
            : t('linkNeedsSignIn', [link.username])}{' '}
          <button type="button" class="primary" disabled={running} onClick={() => start('sign_in_again')}>
            {t('signInAgain')}
          </button>
        </div>
      )}
      {link && link.status === 'broken' && (
        <div class="message bad" data-broken>
          {errorText({ code: link.statusDetail ?? 'account_not_found' })}{' '}
          <button
            type="button"
            onClick={async () => onOverview(await send({ type: 'link.remove', tenantId: link.tenantId }))}
          >
            {t('unlink')}
          </button>
        </div>
      )}
      {flow && <FlowMessage flow={flow} view={view} onOverview={onOverview} />}
      {!link && !running && (
        <button
          type="button"
          class="primary link-start"
          disabled={!view.allowed || view.clientIdMissing}
          onClick={() => start('link')}
        >
          {t('linkAccount')}
        </button>
      )}
      {!view.allowed && <div class="message warn">{t('err_tenant_not_allowed', [connection.tenant])}</div>}
      {view.clientIdMissing && <div class="message warn">{t('err_client_not_found')}</div>}
    </li>
  );
}
