import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { hostsOf } from '../../shared/config/clouds';
import type { Connection } from '../../shared/config/schema';
import type { Overview, UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText } from '../../ui/errors';
import { AdminConsent } from './AdminConsent';
import { ConnectionForm } from './ConnectionForm';
import { TestConnection } from './TestConnection';

interface Props {
  connection: Connection;
  locked: boolean;
  act(request: Promise<Overview>): Promise<void>;
  onSaved(overview: Overview): void;
}

function cloudLabel(connection: Connection): string {
  if (connection.cloud === 'AzureCloud') return t('cloudAzure');
  if (connection.cloud === 'AzureUSGovernment') return t('cloudUsGov');
  if (connection.cloud === 'AzureChinaCloud') return t('cloudChina');
  return t('cloudCustomNamed', [hostsOf(connection.cloud).login]);
}

/** The tenant's GUID as discovery reports it (docs/design.md §3 journey 6: a domain is resolved). */
function TenantId({ connection }: { connection: Connection }) {
  const [state, setState] = useState<{ tenantId?: string; error?: UiError; done: boolean }>({ done: false });
  const key = JSON.stringify(connection);
  useEffect(() => {
    let live = true;
    setState({ done: false });
    send({ type: 'tenant.resolve', connection })
      .then((r) => live && setState({ tenantId: r.tenantId, done: true }))
      .catch((e: unknown) => live && setState({ error: failureOf(e), done: true }));
    return () => {
      live = false;
    };
    // The connection object changes identity on every overview; its content (key) is what matters.
  }, [key]);
  if (!state.done) return <span class="muted tenant-id" data-resolving />;
  if (state.error)
    return (
      <span class="bad tenant-id-error" data-error={state.error.code}>
        {errorText(state.error, { tenant: connection.tenant })}
      </span>
    );
  if (!state.tenantId) return <span class="muted">{t('tenantIdUnknown')}</span>;
  return (
    <span class="tenant-id mono" data-tenant-id={state.tenantId}>
      {state.tenantId}
    </span>
  );
}

export function ConnectionItem({ connection, locked, act, onSaved }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <li class="connection-item" data-connection={connection.id}>
      <div class="connection-summary">
        <strong class="connection-name">{connection.displayName}</strong>
        <dl class="connection-facts">
          <dt>{t('fieldTenant')}</dt>
          <dd>
            <span class="connection-tenant">{connection.tenant}</span> <TenantId connection={connection} />
          </dd>
          <dt>{t('fieldCloud')}</dt>
          <dd class="connection-cloud">{cloudLabel(connection)}</dd>
          <dt>{t('fieldAppModel')}</dt>
          <dd class="connection-app">
            {connection.app === 'publisher'
              ? t('appPublisher')
              : t('appCustomerNamed', [connection.app.clientId])}
          </dd>
          {connection.endpoints && (
            <>
              <dt>{t('advanced')}</dt>
              <dd>{t('explicitEndpointsInUse')}</dd>
            </>
          )}
        </dl>
      </div>
      <div class="connection-actions">
        <button
          type="button"
          class="edit-connection"
          disabled={locked}
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          {t('edit')}
        </button>
        <button
          type="button"
          class="remove-connection"
          disabled={locked}
          aria-label={t('removeNamed', [connection.displayName])}
          onClick={() => act(send({ type: 'connection.remove', connectionId: connection.id }))}
        >
          {t('remove')}
        </button>
      </div>
      {editing && !locked && (
        <ConnectionForm
          initial={connection}
          onSaved={(overview) => {
            setEditing(false);
            onSaved(overview);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <TestConnection connectionId={connection.id} />
      <AdminConsent connection={connection} />
    </li>
  );
}
