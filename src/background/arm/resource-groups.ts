import * as v from 'valibot';
import { parseList } from './parse';
import { armGet, armGetNext, collectPages, readArmJson } from './request';
import { isSafeScope, parseScope } from './scope';
import type { ArmContext, Page } from './types';

export const RESOURCE_GROUPS_API_VERSION = '2025-04-01';

export interface ResourceGroupInfo {
  subscriptionId: string;
  name: string;
}

const ResourceGroupItem = v.object({ id: v.string(), name: v.nullish(v.string()) });

/** `GET /subscriptions/{id}/resourcegroups` (spec path casing; ARM paths are case-insensitive). */
export function resourceGroupsRequest(
  ctx: ArmContext,
  subscriptionId: string,
  nextLink?: string,
): Promise<Response> {
  return nextLink
    ? armGetNext(ctx, nextLink)
    : armGet({
        ...ctx,
        path: `/subscriptions/${encodeURIComponent(subscriptionId)}/resourcegroups`,
        apiVersion: RESOURCE_GROUPS_API_VERSION,
      });
}

export async function processResourceGroupsResponse(response: Response): Promise<Page<ResourceGroupInfo>> {
  const { items, nextLink } = parseList(await readArmJson(response), ResourceGroupItem);
  const groups: ResourceGroupInfo[] = [];
  for (const item of items) {
    // The subscription comes from the ID, so a page stands on its own whatever request produced it.
    if (!isSafeScope(item.id)) continue;
    const parsed = parseScope(item.id);
    if (parsed.kind !== 'resourceGroup' || !parsed.subscriptionId || !parsed.resourceGroup) continue;
    groups.push({ subscriptionId: parsed.subscriptionId, name: item.name || parsed.resourceGroup });
  }
  return nextLink ? { items: groups, next: nextLink } : { items: groups };
}

export function listResourceGroups(ctx: ArmContext, subscriptionId: string): Promise<ResourceGroupInfo[]> {
  return collectPages(
    async () => processResourceGroupsResponse(await resourceGroupsRequest(ctx, subscriptionId)),
    async (link) => processResourceGroupsResponse(await resourceGroupsRequest(ctx, subscriptionId, link)),
  );
}
