import { t } from '../../shared/i18n';
import type { Overview } from '../../shared/messages/contract';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionItem } from './ConnectionItem';
import { ManagedBadge } from './ManagedBadge';
import { RedirectUris } from './RedirectUris';

interface Props {
  overview: Overview;
  act(request: Promise<Overview>): Promise<void>;
  onSaved(overview: Overview): void;
}

/** docs/design.md §3 journey 6: the tenant connections, with test, admin consent, edit and remove. */
export function Connections({ overview, act, onSaved }: Props) {
  const locked = overview.managedKeys.includes('connections');
  const mayAdd = !locked && overview.config.allowUserConnections;
  return (
    <section aria-labelledby="connections-heading" id="connections">
      <h2 id="connections-heading">
        {t('connectionsHeading')} {locked && <ManagedBadge configKey="connections" />}
      </h2>
      {locked && <p class="message warn">{t('managedLocked')}</p>}
      {overview.connections.length === 0 && <p class="muted">{t('noConnectionsYet')}</p>}
      <ul class="connection-list">
        {overview.connections.map(({ connection }) => (
          <ConnectionItem
            key={connection.id}
            connection={connection}
            locked={locked}
            act={act}
            onSaved={onSaved}
          />
        ))}
      </ul>
      <RedirectUris />
      {mayAdd && <ConnectionForm onSaved={onSaved} />}
      {!locked && !overview.config.allowUserConnections && (
        <p class="message warn" id="user-connections-disabled">
          {t('err_user_connections_disabled')}
        </p>
      )}
    </section>
  );
}
