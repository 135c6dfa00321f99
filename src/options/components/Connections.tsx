import { t } from '../../shared/i18n';
import type { Overview } from '../../shared/messages/contract';
import { send } from '../../shared/messages/client';
import { hostsOf } from '../../shared/config/clouds';
import { AddConnection } from './AddConnection';
import { RedirectUris } from './RedirectUris';

interface Props {
  overview: Overview;
  act(request: Promise<Overview>): Promise<void>;
  onSaved(overview: Overview): void;
}

export function Connections({ overview, act, onSaved }: Props) {
  const locked = overview.managedKeys.includes('connections');
  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">{t('connectionsHeading')}</h2>
      {locked && <p class="message warn">{t('managedLocked')}</p>}
      <ul class="connection-list">
        {overview.connections.map(({ connection }) => (
          <li key={connection.id} data-connection={connection.id}>
            <strong>{connection.displayName}</strong> <span class="muted">{connection.tenant}</span>{' '}
            <span class="muted">{hostsOf(connection.cloud).login}</span>{' '}
            {!locked && (
              <button
                type="button"
                onClick={() => act(send({ type: 'connection.remove', connectionId: connection.id }))}
              >
                {t('remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <RedirectUris />
      {!locked && overview.config.allowUserConnections && (
        <AddConnection onSaved={onSaved} disabled={false} />
      )}
    </section>
  );
}
