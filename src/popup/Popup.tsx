import { browser } from '../shared/browser';
import { t } from '../shared/i18n';
import { failureOf } from '../shared/messages/client';
import { PageStatus } from '../ui/PageStatus';
import { Spinner } from '../ui/Spinner';
import { useOverview } from '../ui/use-overview';
import { ConnectionRow } from './components/ConnectionRow';
import { TenantOffers } from './components/TenantOffers';
import { CatalogPanel } from './roles/CatalogPanel';
import type { CatalogSnapshot } from './roles/snapshot';

const params = new URLSearchParams(location.search);

/** `query`: what the user typed into the first frame before the app took over. */
export function Popup({ snapshot, query }: { snapshot?: CatalogSnapshot; query?: string }) {
  const { overview, error, checking, checked, refresh, setError } = useOverview({ checkLinks: true });

  // The worker owns the flow; the popup only starts it and then shows whatever storage.session says.
  const act = async (request: Promise<unknown>) => {
    try {
      await request;
    } catch (e) {
      setError(failureOf(e));
    }
    await refresh();
  };

  return (
    <main class="popup" data-loaded={overview ? 'true' : 'false'} data-checked={checked ? 'true' : 'false'}>
      <header>
        <h1>{t('extName')}</h1>
        {checking && (
          <span class="muted checking" role="status">
            <Spinner label={t('checkingLinks')} />
            {t('checkingLinks')}
          </span>
        )}
      </header>
      <PageStatus error={error} loaded={!!overview} />
      {overview && overview.connections.length === 0 && (
        <div class="message">
          <p>{t('noConnections')}</p>
          <button type="button" class="primary" onClick={() => browser.runtime.openOptionsPage()}>
            {t('addConnection')}
          </button>
        </div>
      )}
      <CatalogPanel
        snapshot={snapshot}
        initialQuery={query ?? params.get('q') ?? ''}
        initialEntryKey={params.get('entry') ?? undefined}
        hasLinks={!!overview?.connections.some((c) => c.link?.status === 'ok')}
        linkedTenants={
          overview?.connections.flatMap((c) => (c.link?.status === 'ok' ? [c.link.tenantId] : [])) ?? []
        }
      />
      {overview && overview.connections.length > 0 && (
        <section aria-labelledby="tenants-heading" class="tenants">
          <h2 id="tenants-heading">{t('tenantsHeading')}</h2>
          <ul class="connections">
            {overview.connections.map((view) => (
              <ConnectionRow
                key={view.connection.id}
                view={view}
                act={act}
                onOverview={() => void refresh()}
              />
            ))}
          </ul>
        </section>
      )}
      {overview && (
        <TenantOffers
          offers={overview.offers}
          act={act}
          canAdd={overview.config.allowUserConnections && !overview.managedKeys.includes('connections')}
        />
      )}
      <footer>
        <button
          type="button"
          class="link-button"
          id="open-options"
          onClick={() => browser.runtime.openOptionsPage()}
        >
          {t('manageLinkedAccounts')}
        </button>
      </footer>
    </main>
  );
}
