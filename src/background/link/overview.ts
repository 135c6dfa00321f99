import type { ConnectionView, FlowState, Overview, TenantOffer } from '../../shared/messages/contract';
import { isConfigured } from './tenant-offers';
import type { LinkRecord } from '../../shared/store/schema';
import type { LoadedConfig } from '../config/load-config';
import { isTenantAllowed } from './allowed-tenants';

/** What the popup and the options page show, derived in one place from config, links and flows. */
export function buildOverview(
  loaded: LoadedConfig,
  links: LinkRecord[],
  flows: Record<string, FlowState>,
  publisherClientId: string,
  offers: Record<string, TenantOffer> = {},
): Overview {
  const used = new Set<string>();
  const connections: ConnectionView[] = loaded.config.connections.map((connection) => {
    const link = links.find((l) => l.connectionId === connection.id);
    if (link) used.add(link.tenantId);
    return {
      connection,
      link,
      flow: flows[connection.id],
      clientIdMissing: connection.app === 'publisher' && !publisherClientId,
      allowed: isTenantAllowed(loaded.config.allowedTenants, connection.tenant, link?.tenantId),
    };
  });
  const linked = new Set(links.map((l) => l.tenantId));
  return {
    connections,
    offers: Object.values(offers).filter(
      (o) =>
        !o.dismissed &&
        !linked.has(o.tenantId) &&
        !isConfigured(loaded.config.connections, o.tenantId, o.defaultDomain ? [o.defaultDomain] : []),
    ),
    orphanLinks: links.filter((l) => !used.has(l.tenantId)),
    config: loaded.config,
    managedKeys: loaded.managedKeys,
    configProblems: loaded.problems,
  };
}
