import { isArmError, type ArmErrorCode } from '../arm/errors';
import { listAssignmentInstances, listEligibilityInstances } from '../arm/pim-instances';
import { listResourceGroups } from '../arm/resource-groups';
import {
  processResourceContainersResponse,
  readArgQuota,
  resourceContainersRequest,
  type ArgContainerRow,
} from '../arm/resource-graph';
import { collectPages } from '../arm/request';
import { listSubscriptions, type SubscriptionInfo } from '../arm/subscriptions';
import { listTenants } from '../arm/tenants';
import type {
  ArmContext,
  CatalogContainers,
  CatalogEntry,
  DelegatedSubscription,
  FetchLike,
  Sleep,
} from '../arm/types';
import { buildCatalog } from './build-catalog';
import { createRateLimiter, type RateLimiter } from './limiter';
import { mapLimit } from './map-limit';

export interface RefreshDeps {
  fetch: FetchLike;
  now: () => number;
  sleep: Sleep;
  /** Shared by every tenant of one user: Resource Graph counts queries per user. */
  limiter?: RateLimiter;
  signal?: AbortSignal;
}

export interface TenantRefreshTarget {
  tenantId: string;
  armBase: string;
  getAccessToken: () => Promise<string>;
  /** This tenant's own fetch (one that renews a refused token, say); the shared one otherwise. */
  fetch?: FetchLike;
}

export type RefreshTenantParams = TenantRefreshTarget & RefreshDeps;

/** A part of the catalog ARM refused (400/403/404) while the rest came back. */
export interface CatalogWarning {
  part: 'assignments' | 'eligibilities';
  code: ArmErrorCode;
  status: number;
}

export interface TenantCatalog {
  tenantId: string;
  entries: CatalogEntry[];
  containers: CatalogContainers;
  /** HTTP requests sent to ARM, retries included (the budget of docs/design.md §7). */
  armCalls: number;
  containerSource: 'resource-graph' | 'list';
  warnings: CatalogWarning[];
}

/** How many subscriptions' resource groups the list fallback fetches at once. */
const FALLBACK_CONCURRENCY = 6;

/** Statuses that mean "this API is not for you here", as opposed to auth, throttling or outages. */
const isRefusal = (error: unknown): boolean =>
  isArmError(error) && (error.status === 400 || error.status === 403 || error.status === 404);

/**
 * A tenant-scope query also answers rows of subscriptions that other tenants delegate to the caller
 * through Azure Lighthouse, each with its own `tenantId` (docs/wire.md §6.5): those are kept apart,
 * so that no other tenant's container is taken for one of the tenant asked for.
 */
function containersFromRows(rows: ArgContainerRow[], tenantId: string): CatalogContainers {
  const subscriptions = new Map<string, { id: string; name: string }>();
  const resourceGroups = new Map<string, { subscriptionId: string; name: string }>();
  const delegated = new Map<string, DelegatedSubscription>();
  const asked = tenantId.toLowerCase();
  for (const row of rows) {
    if (row.tenantId && row.tenantId !== asked) {
      if (row.kind === 'subscription')
        delegated.set(row.subscriptionId, {
          subscriptionId: row.subscriptionId,
          name: row.name,
          tenantId: row.tenantId,
        });
      continue;
    }
    if (row.kind === 'subscription')
      subscriptions.set(row.subscriptionId, { id: row.subscriptionId, name: row.name });
    else resourceGroups.set(`${row.subscriptionId}|${row.name.toLowerCase()}`, row);
  }
  return sortContainers({
    subscriptions: [...subscriptions.values()],
    resourceGroups: [...resourceGroups.values()].map(({ subscriptionId, name }) => ({
      subscriptionId,
      name,
    })),
    delegated: [...delegated.values()],
  });
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function sortContainers(c: CatalogContainers): CatalogContainers {
  c.subscriptions.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
  c.delegated?.sort(
    (a, b) => collator.compare(a.name, b.name) || collator.compare(a.subscriptionId, b.subscriptionId),
  );
  c.resourceGroups.sort(
    (a, b) => collator.compare(a.subscriptionId, b.subscriptionId) || collator.compare(a.name, b.name),
  );
  return c;
}

/** One Resource Graph query per 1,000 containers (docs/wire.md §6.5, §6.8). */
async function containersFromResourceGraph(argCtx: ArmContext, tenantId: string): Promise<CatalogContainers> {
  const rows = await collectPages(
    async () => processResourceContainersResponse(await resourceContainersRequest(argCtx)),
    async (token) => processResourceContainersResponse(await resourceContainersRequest(argCtx, token)),
  );
  return containersFromRows(rows, tenantId);
}

/**
 * Where Resource Graph is refused: `GET /subscriptions`, then one resource-group list per
 * subscription. A subscription whose groups cannot be listed is still shown, without them.
 */
async function containersFromLists(ctx: ArmContext, tenantId: string): Promise<CatalogContainers> {
  const asked = tenantId.toLowerCase();
  const listed = await listSubscriptions(ctx);
  // A delegated subscription names its own tenant, or (as Get-AzSubscription has been seen to show,
  // MicrosoftDocs/azure-docs#55975) the managing one, with that one in `managedByTenants`.
  const isDelegated = (s: SubscriptionInfo) =>
    (s.tenantId !== undefined && s.tenantId !== asked) || (s.managedByTenants ?? []).includes(asked);
  const subscriptions = listed.filter((s) => !isDelegated(s));
  const delegated = listed.filter(isDelegated).map((s): DelegatedSubscription => {
    const d: DelegatedSubscription = { subscriptionId: s.subscriptionId, name: s.displayName };
    if (s.tenantId && s.tenantId !== asked) d.tenantId = s.tenantId;
    return d;
  });
  const groups = await mapLimit(subscriptions, FALLBACK_CONCURRENCY, async (s) => {
    try {
      return await listResourceGroups(ctx, s.subscriptionId);
    } catch (error) {
      if (isRefusal(error)) return [];
      throw error;
    }
  });
  return sortContainers({
    subscriptions: subscriptions.map((s) => ({ id: s.subscriptionId, name: s.displayName })),
    resourceGroups: groups.flat(),
    delegated,
  });
}

/**
 * The customers' names, from `GET /tenants` (they are listed there as `ProjectedBy`): one call, and
 * only for a tenant that has delegations. Without it the entries still show the tenant ID.
 */
async function nameDelegators(ctx: ArmContext, containers: CatalogContainers): Promise<void> {
  if (!containers.delegated?.some((d) => d.tenantId)) return;
  try {
    const names = new Map((await listTenants(ctx)).map((t) => [t.tenantId, t.displayName]));
    for (const d of containers.delegated) {
      const name = d.tenantId && names.get(d.tenantId);
      if (name) d.tenantName = name;
    }
  } catch (error) {
    if (!isArmError(error)) throw error;
  }
}

async function orWarning<T>(
  part: CatalogWarning['part'],
  load: Promise<T[]>,
  warnings: CatalogWarning[],
): Promise<T[]> {
  try {
    return await load;
  } catch (error) {
    // E.g. a tenant without PIM licences: the other list still names the roles held.
    if (!isRefusal(error) || !isArmError(error)) throw error;
    warnings.push({ part, code: error.code, status: error.status });
    return [];
  }
}

/**
 * The catalog of one tenant in about four ARM calls: Resource Graph for the containers (one
 * query per 1,000), and the user's PIM eligibility and assignment instances at the root scope.
 */
export async function refreshTenantCatalog(params: RefreshTenantParams): Promise<TenantCatalog> {
  const limiter = params.limiter ?? createRateLimiter({ now: params.now, sleep: params.sleep });
  const accessToken = await params.getAccessToken();
  let armCalls = 0;
  const counted: FetchLike = (url, init) => {
    armCalls++;
    return params.fetch(url, init);
  };
  const ctx: ArmContext = { armBase: params.armBase, accessToken, fetch: counted, sleep: params.sleep };
  if (params.signal) ctx.signal = params.signal;
  // Every Resource Graph attempt, retries included, spends quota: the limiter sits below the retries.
  const argCtx: ArmContext = {
    ...ctx,
    fetch: async (url, init) => {
      await limiter.acquire(params.signal);
      const response = await counted(url, init);
      limiter.observe(readArgQuota(response.headers));
      return response;
    },
  };

  const warnings: CatalogWarning[] = [];
  let containerSource: TenantCatalog['containerSource'] = 'resource-graph';
  const loadContainers = async () => {
    try {
      return await containersFromResourceGraph(argCtx, params.tenantId);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      containerSource = 'list';
      return containersFromLists(ctx, params.tenantId);
    }
  };

  const [containers, assignments, eligibilities] = await Promise.all([
    loadContainers(),
    orWarning('assignments', listAssignmentInstances(ctx), warnings),
    orWarning('eligibilities', listEligibilityInstances(ctx), warnings),
  ]);
  await nameDelegators(ctx, containers);
  const entries = buildCatalog({
    tenantId: params.tenantId,
    containers,
    assignments,
    eligibilities,
    now: params.now(),
  });
  return { tenantId: params.tenantId, entries, containers, armCalls, containerSource, warnings };
}

export type TenantRefreshResult =
  ({ ok: true } & TenantCatalog) | { ok: false; tenantId: string; error: unknown };

export interface RefreshAllOptions extends RefreshDeps {
  onProgress?: (done: number, total: number) => void;
}

/**
 * All tenants at once, one shared Resource Graph limiter between them. A tenant that fails is
 * reported in its result, never thrown, so one broken link does not hide the other tenants.
 * Results keep the order of `tenants`.
 */
export async function refreshAllTenants(
  tenants: readonly TenantRefreshTarget[],
  options: RefreshAllOptions,
): Promise<TenantRefreshResult[]> {
  const limiter = options.limiter ?? createRateLimiter({ now: options.now, sleep: options.sleep });
  let done = 0;
  return Promise.all(
    tenants.map(async (tenant): Promise<TenantRefreshResult> => {
      let result: TenantRefreshResult;
      try {
        result = { ok: true, ...(await refreshTenantCatalog({ ...options, ...tenant, limiter })) };
      } catch (error) {
        result = { ok: false, tenantId: tenant.tenantId, error };
      }
      options.onProgress?.(++done, tenants.length);
      return result;
    }),
  );
}
