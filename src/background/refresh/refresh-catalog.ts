import { refreshAllTenants } from './refresh-tenants';
import { hostsOf } from '../../shared/config/clouds';
import type { CatalogProgress } from '../../shared/messages/catalog-contract';
import { getAccessToken } from '../link/session';
import { armFetchFor } from '../link/arm-fetch';
import { toUiError } from '../errors/to-ui-error';
import type { CatalogDeps } from '../catalog-deps';
import { applyCuratedRoles } from './curated';
import { connectionById } from '../../shared/config/find-connection';
import { putCatalog } from '../store/catalog';
import { listLinks } from '../store/links';

let running: Promise<CatalogProgress> | undefined;
let again: Promise<CatalogProgress> | undefined;

/**
 * Refreshes every working link's catalog in parallel (Resource Graph's per-user quota is respected
 * by the shared limiter in refreshAllTenants) and stores each tenant's result as it lands. One
 * refresh at a time: a caller arriving during one gets a single follow-up run (a tenant linked
 * meanwhile must not be missed), shared with anyone else who arrives before it starts.
 */
export function refreshCatalog(deps: CatalogDeps): Promise<CatalogProgress> {
  if (!running) {
    running = run(deps).finally(() => (running = undefined));
    return running;
  }
  again ??= running.then(
    () => {
      again = undefined;
      return refreshCatalog(deps);
    },
    () => {
      again = undefined;
      return refreshCatalog(deps);
    },
  );
  return again;
}

async function run(deps: CatalogDeps): Promise<CatalogProgress> {
  const { db, now } = deps.link;
  const { config } = await deps.link.loadConfig();
  const links = (await listLinks(db)).filter((l) => l.status === 'ok');
  const targets = links.flatMap((link) => {
    const connection = connectionById(config, link.connectionId);
    if (!connection) return [];
    return [
      {
        tenantId: link.tenantId,
        tenantName: connection.displayName,
        connectionId: connection.id,
        armBase: hostsOf(connection.cloud).arm,
        getAccessToken: () => getAccessToken(link.tenantId, deps.link),
        fetch: armFetchFor(link.tenantId, deps.link),
      },
    ];
  });
  const progress: CatalogProgress = {
    running: true,
    done: 0,
    total: targets.length,
    startedAt: now(),
    errors: [],
  };
  await deps.writeProgress(progress);
  const results = await refreshAllTenants(targets, {
    fetch: deps.link.fetch,
    now,
    sleep: deps.sleep,
    onProgress: (done) => void deps.writeProgress({ ...progress, done }),
  });
  for (const result of results) {
    const target = targets.find((t) => t.tenantId === result.tenantId)!;
    if (result.ok) {
      const entries = applyCuratedRoles(
        result.entries,
        config.cloudAccessRoles,
        target.connectionId,
        result.tenantId,
      );
      await putCatalog(db, {
        tenantId: result.tenantId,
        tenantName: target.tenantName,
        refreshedAt: now(),
        entries,
      });
    } else {
      progress.errors.push({
        tenantId: result.tenantId,
        error: toUiError(result.error, 'catalog refresh'),
      });
    }
  }
  const finished: CatalogProgress = { ...progress, running: false, done: targets.length, finishedAt: now() };
  await deps.writeProgress(finished);
  return finished;
}
