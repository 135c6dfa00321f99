import * as v from 'valibot';
import { ArmError } from './errors';
import { armPost, readArmJson } from './request';
import type { ArmContext, Page } from './types';

export const RESOURCE_GRAPH_API_VERSION = '2024-04-01';
export const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources';

/** Subscriptions and resource groups in one query (docs/wire.md §6.5); `id` keeps paging stable. */
export const CONTAINERS_QUERY =
  "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' or type =~ " +
  "'microsoft.resources/subscriptions/resourcegroups' | project id, name, type, subscriptionId, resourceGroup, tenantId";

/** Resource Graph's largest page. */
export const ARG_PAGE_SIZE = 1000;

export interface ArgContainerRow {
  kind: 'subscription' | 'resourceGroup';
  subscriptionId: string;
  /** Subscription display name, or resource group name. */
  name: string;
  tenantId?: string;
}

/** The per-user quota Resource Graph reports on every answer (A-ARGT). */
export interface ArgQuota {
  remaining?: number;
  resetsAfterMs?: number;
}

export interface ResourceGraphPage extends Page<ArgContainerRow> {
  quota: ArgQuota;
  totalRecords?: number;
  /** The caller sees more than 10,000 subscriptions; results stop there. */
  subscriptionLimitHit: boolean;
}

/**
 * Tenant scope: no `subscriptions` or `managementGroups` in the body. A later page repeats the
 * same query with the skip token, as the API requires.
 */
export function resourceContainersRequest(ctx: ArmContext, skipToken?: string): Promise<Response> {
  const options: Record<string, unknown> = { $top: ARG_PAGE_SIZE, resultFormat: 'objectArray' };
  if (skipToken) options.$skipToken = skipToken;
  return armPost({
    ...ctx,
    path: RESOURCE_GRAPH_PATH,
    apiVersion: RESOURCE_GRAPH_API_VERSION,
    body: { query: CONTAINERS_QUERY, options },
  });
}

/** `x-ms-user-quota-resets-after` is `hh:mm:ss` (fractional seconds tolerated). */
export function readArgQuota(headers: Headers): ArgQuota {
  const quota: ArgQuota = {};
  const remaining = headers.get('x-ms-user-quota-remaining');
  if (remaining !== null && /^\d+$/.test(remaining.trim())) quota.remaining = Number(remaining.trim());
  const resets = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(
    headers.get('x-ms-user-quota-resets-after')?.trim() ?? '',
  );
  if (resets) {
    const [, h, m, s] = resets;
    quota.resetsAfterMs = Math.round(((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000);
  }
  return quota;
}

const Row = v.object({
  id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  type: v.string(),
  subscriptionId: v.nullish(v.string()),
  resourceGroup: v.nullish(v.string()),
  tenantId: v.nullish(v.string()),
});

const Envelope = v.object({
  totalRecords: v.nullish(v.number()),
  $skipToken: v.nullish(v.string()),
  data: v.union([
    v.array(v.unknown()),
    // resultFormat "table", should a server ignore the objectArray request.
    v.object({ columns: v.array(v.object({ name: v.string() })), rows: v.array(v.array(v.unknown())) }),
  ]),
});

export async function processResourceContainersResponse(response: Response): Promise<ResourceGraphPage> {
  const quota = readArgQuota(response.headers);
  const subscriptionLimitHit = response.headers.get('x-ms-tenant-subscription-limit-hit') === 'true';
  const parsed = v.safeParse(Envelope, await readArmJson(response));
  if (!parsed.success)
    throw new ArmError('bad_response', 'Resource Graph answer without data', { status: 200 });
  const { data, $skipToken, totalRecords } = parsed.output;
  const objects = Array.isArray(data)
    ? data
    : data.rows.map((row) => Object.fromEntries(data.columns.map((c, i) => [c.name, row[i]])));

  const items: ArgContainerRow[] = [];
  for (const raw of objects) {
    const row = v.safeParse(Row, raw);
    if (!row.success) continue;
    const r = row.output;
    const type = r.type.toLowerCase();
    const subscriptionId = (r.subscriptionId ?? '').toLowerCase();
    if (!subscriptionId) continue;
    const base = r.tenantId ? { tenantId: r.tenantId.toLowerCase() } : {};
    if (type === 'microsoft.resources/subscriptions') {
      // For a subscription row, `name` is its display name.
      items.push({ kind: 'subscription', subscriptionId, name: r.name || subscriptionId, ...base });
    } else if (type === 'microsoft.resources/subscriptions/resourcegroups') {
      // `resourceGroup` is lower-cased by Resource Graph; `name` keeps the casing users know.
      const name = r.name || r.resourceGroup;
      if (name) items.push({ kind: 'resourceGroup', subscriptionId, name, ...base });
    }
  }
  const page: ResourceGraphPage = { items, quota, subscriptionLimitHit };
  if ($skipToken) page.next = $skipToken;
  if (typeof totalRecords === 'number') page.totalRecords = totalRecords;
  return page;
}
