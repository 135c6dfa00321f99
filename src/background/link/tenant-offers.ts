import { listTenants, type TenantInfo } from '../arm/tenants';
import { hostsOf } from '../../shared/config/clouds';
import type { Connection } from '../../shared/config/schema';
import type { TenantOffer } from '../../shared/messages/contract';
import { getLink } from '../store/links';
import { isTenantAllowed } from './allowed-tenants';
import type { LinkDeps } from './deps';
import { armFetchFor } from './arm-fetch';
import { getAccessToken } from './session';
import { connectionById } from '../../shared/config/find-connection';

export interface OfferStore {
  read(): Promise<Record<string, TenantOffer>>;
  write(offers: Record<string, TenantOffer>): Promise<void>;
}

/** Is this tenant already one of the configured connections (by GUID, or by one of its domains)? */
export function isConfigured(connections: Connection[], tenantId: string, domains: string[] = []): boolean {
  const names = new Set([tenantId, ...domains].map((n) => n.toLowerCase()));
  return connections.some((c) => names.has(c.tenant.toLowerCase()));
}

/**
 * After a link, the other tenants the same account belongs to (ARM `GET /tenants`, docs/wire.md §6.2) are
 * offered for linking in one click each (docs/design.md §3 journey 2). Tenants already configured, not
 * allowed by policy, or related only through Azure Lighthouse are left out: `ProjectedBy` is a
 * customer that delegates subscriptions to this tenant and `ManagedBy` a tenant that manages it, and
 * the user is a member of neither (GetTenants.json lists both beside `Home`), so signing in there
 * fails. Delegated subscriptions show under the linked tenant instead (refresh-tenants.ts).
 */
export async function discoverTenantOffers(
  tenantId: string,
  deps: LinkDeps,
  store: OfferStore,
): Promise<void> {
  const link = await getLink(deps.db, tenantId);
  if (!link) return;
  const { config } = await deps.loadConfig();
  const via = connectionById(config, link.connectionId);
  if (!via) return;
  const tenants = await listTenants({
    armBase: hostsOf(via.cloud).arm,
    accessToken: await getAccessToken(tenantId, deps),
    fetch: armFetchFor(tenantId, deps),
  });
  const offers = await store.read();
  for (const tenant of tenants) {
    const domains = tenant.defaultDomain ? [tenant.defaultDomain] : [];
    if (tenant.tenantId === tenantId || !isMemberTenant(tenant)) continue;
    if (isConfigured(config.connections, tenant.tenantId, domains)) continue;
    if (!isTenantAllowed(config.allowedTenants, tenant.tenantId, ...domains)) continue;
    offers[tenant.tenantId] ??= {
      tenantId: tenant.tenantId,
      displayName: tenant.displayName || tenant.defaultDomain || tenant.tenantId,
      defaultDomain: tenant.defaultDomain,
      viaConnectionId: via.id,
      viaUsername: link.username,
      dismissed: false,
    };
  }
  await store.write(offers);
}

/** `Home` (member or guest); an older answer without a category is taken as one. */
function isMemberTenant(tenant: TenantInfo): boolean {
  return tenant.tenantCategory === undefined || tenant.tenantCategory === 'Home';
}

/** The connection an accepted offer becomes: the same cloud and app registration as the one it came from. */
export function connectionFromOffer(offer: TenantOffer, via: Connection): Connection {
  return {
    id: `tenant-${offer.tenantId.slice(0, 8)}`,
    displayName: offer.displayName.slice(0, 80),
    tenant: offer.tenantId,
    cloud: via.cloud,
    app: via.app,
  };
}
