import { authorizationFailed, badRequest } from './errors';
import type { ArmResponse } from './http';
import { listBody, pageOf } from './paging';
import { canSeeSubscription, roleScopes, visibleResourceGroups } from './rbac';
import type { ArmRequest } from './request';
import type { SeedResourceGroup } from './seed';
import { subscriptionInTokenTenant } from './subscriptions';

export function resourceGroupJson(rg: SeedResourceGroup): Record<string, unknown> {
  return {
    id: `/subscriptions/${rg.subscriptionId}/resourceGroups/${rg.name}`,
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    ...(rg.managedBy ? { managedBy: rg.managedBy } : {}),
    ...(rg.tags ? { tags: rg.tags } : {}),
    properties: { provisioningState: 'Succeeded' },
  };
}

/** The documented `tagName eq 'x' [and tagValue eq 'y']` filter (spec `ResourceGroups_List`). */
function tagFilter(filter: string | null): ((rg: SeedResourceGroup) => boolean) | undefined {
  if (filter === null || filter.trim() === '') return undefined;
  const m = /^\s*tagName\s+eq\s+'([^']*)'(?:\s+and\s+tagValue\s+eq\s+'([^']*)')?\s*$/i.exec(filter);
  if (!m) throw badRequest('InvalidFilterInQueryString', `The $filter '${filter}' is not supported.`);
  const [, name = '', value] = m;
  return (rg) => {
    const entry = Object.entries(rg.tags ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return entry !== undefined && (value === undefined || entry[1] === value);
  };
}

/** `GET /subscriptions/{id}/resourcegroups`: `$top` sets the page size, as ARM treats it. */
export function listResourceGroups(r: ArmRequest): ArmResponse {
  const sub = subscriptionInTokenTenant(r, r.params.subscriptionId ?? '');
  const scopes = roleScopes(r.state, r.caller.tid, r.caller.oid, r.now, false, r.caller.iat);
  if (!canSeeSubscription(sub, scopes)) {
    throw authorizationFailed(
      r.caller,
      'Microsoft.Resources/subscriptions/resourcegroups/read',
      `/subscriptions/${sub.subscriptionId}`,
    );
  }
  const filter = tagFilter(r.url.searchParams.get('$filter'));
  let groups = visibleResourceGroups(r.state, sub, scopes);
  if (filter) groups = groups.filter(filter);
  const topRaw = r.url.searchParams.get('$top');
  let pageSize = r.state.pageSizes.resourceGroups;
  if (topRaw !== null) {
    const top = Number(topRaw);
    if (!Number.isInteger(top) || top < 1)
      throw badRequest('InvalidTopInQueryString', `The $top '${topRaw}' is invalid.`);
    pageSize = top;
  }
  const fingerprint = `rg|${sub.subscriptionId.toLowerCase()}|${r.caller.oid.toLowerCase()}`;
  const page = pageOf(groups.map(resourceGroupJson), r.url, r.ctx.baseUrl, pageSize, fingerprint);
  return { status: 200, body: listBody(page) };
}
