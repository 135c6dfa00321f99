import type { CatalogEntry, CatalogRecord, CatalogState } from '../../src/shared/store/schema';

/** Built-in roles (real GUIDs), so synthetic rows read like a real catalog. */
export const SYNTHETIC_ROLES = [
  { guid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', name: 'Reader' },
  { guid: 'b24988ac-6180-42a0-ab88-20f7382dd24c', name: 'Contributor' },
  { guid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', name: 'Owner' },
  { guid: '00482a5a-887f-4fb3-b363-3b7fe8e74483', name: 'Key Vault Administrator' },
  { guid: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', name: 'Storage Blob Data Contributor' },
] as const;

const TENANT_NAMES = ['Contoso', 'Fabrikam', 'Northwind Traders', 'Woodgrove Bank', 'Tailspin Toys'];
const DEPARTMENTS = ['finance', 'sales', 'platform', 'data', 'identity', 'retail', 'hr', 'logistics'];
const APPS = ['billing', 'portal', 'search', 'ledger', 'crm', 'etl', 'api', 'mobile', 'reports'];
const ENVIRONMENTS = ['prod', 'staging', 'dev', 'test'];
/** One subscription scope plus this many resource groups, each with every role in SYNTHETIC_ROLES. */
const GROUPS_PER_SUBSCRIPTION = 9;

export const ENTRIES_PER_SUBSCRIPTION = (GROUPS_PER_SUBSCRIPTION + 1) * SYNTHETIC_ROLES.length;

export interface SyntheticCatalogOptions {
  /** Total entries across all tenants. */
  entries: number;
  tenants: number;
  /** `refreshedAt` of every record (default: now, so the popup sees a fresh cache). */
  refreshedAt?: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function syntheticTenantId(t: number): string {
  return `b0000000-0000-4000-8000-${hex(t + 1, 12)}`;
}

function subscriptionId(t: number, s: number): string {
  return `c${hex(t, 7)}-0000-4000-8000-${hex(s + 1, 12)}`;
}

/** Entries per tenant: as even as possible, the remainder going to the first tenants. */
export function splitEvenly(total: number, parts: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`bad entry count ${total}`);
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`bad tenant count ${parts}`);
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

function stateOf(n: number): CatalogState {
  const r = n % 20;
  if (r < 4) return 'active';
  if (r === 4) return 'pending';
  return 'eligible';
}

/**
 * A catalog of `entries` roles spread over `tenants` tenants, in the shape the worker stores
 * (one `CatalogRecord` per tenant). Subscriptions are named `{department}-{app}-{environment}-{n}`,
 * resource groups `rg-{app}-{environment}-{n}`, so searches such as "prod" or "kv" narrow the list.
 * Deterministic: the same options give the same records.
 */
export function syntheticCatalog(options: SyntheticCatalogOptions): CatalogRecord[] {
  const refreshedAt = options.refreshedAt ?? Date.now();
  return splitEvenly(options.entries, options.tenants).map((count, t) => {
    const tenantId = syntheticTenantId(t);
    const entries: CatalogEntry[] = [];
    for (let i = 0; i < count; i++) {
      const s = Math.floor(i / ENTRIES_PER_SUBSCRIPTION);
      const within = i % ENTRIES_PER_SUBSCRIPTION;
      const g = Math.floor(within / SYNTHETIC_ROLES.length);
      const role = SYNTHETIC_ROLES[within % SYNTHETIC_ROLES.length]!;
      const subId = subscriptionId(t, s);
      const app = APPS[(s * 7 + t) % APPS.length]!;
      const env = ENVIRONMENTS[s % ENVIRONMENTS.length]!;
      const subscriptionName = `${DEPARTMENTS[(s + t) % DEPARTMENTS.length]}-${app}-${env}-${String(s + 1).padStart(3, '0')}`;
      const resourceGroup = g === 0 ? undefined : `rg-${app}-${env}-${String(g).padStart(2, '0')}`;
      const scope = resourceGroup
        ? `/subscriptions/${subId}/resourceGroups/${resourceGroup}`
        : `/subscriptions/${subId}`;
      const state = stateOf(i + t);
      const entry: CatalogEntry = {
        key: `${tenantId}|${scope.toLowerCase()}|${role.guid}`,
        tenantId,
        subscriptionId: subId,
        subscriptionName,
        scope,
        roleDefinitionId: `/subscriptions/${subId}/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`,
        roleName: role.name,
        state,
        source: 'held',
      };
      if (resourceGroup) entry.resourceGroup = resourceGroup;
      if (state === 'eligible')
        entry.eligibilityScheduleId = `e${hex(t, 7)}-0000-4000-8000-${hex(i + 1, 12)}`;
      entries.push(entry);
    }
    return {
      tenantId,
      tenantName: TENANT_NAMES[t] ?? `Tenant ${t + 1}`,
      refreshedAt,
      updatedAt: refreshedAt,
      entries,
    };
  });
}
