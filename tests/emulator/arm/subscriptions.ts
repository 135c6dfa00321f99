import { authorizationFailed, notFound, wrongTenant } from './errors';
import type { ArmResponse } from './http';
import { listBody, pageOf } from './paging';
import { canSeeSubscription, delegatedSubscriptions, roleScopes } from './rbac';
import type { ArmRequest } from './request';
import type { SeedSubscription } from './seed';

export function subscriptionJson(s: SeedSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: s.quotaId ?? 'PayAsYouGo_2014-09-01',
      spendingLimit: s.spendingLimit ?? 'Off',
    },
    authorizationSource: 'RoleBased',
    managedByTenants: (s.managedByTenants ?? []).map((tenantId) => ({ tenantId })),
    ...(s.tags ? { tags: s.tags } : {}),
  };
}

/**
 * Resolves a subscription named in a URL: unknown → 404, other tenant than the token's → the
 * wrong-issuer 401 (docs/wire.md §6.7). Every subscription-scoped route goes through here.
 */
export function subscriptionInTokenTenant(r: ArmRequest, subscriptionId: string): SeedSubscription {
  const sub = r.state.subscription(subscriptionId);
  if (!sub)
    throw notFound('SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
  if (sub.tenantId.toLowerCase() !== r.caller.tid.toLowerCase()) {
    throw wrongTenant(r.caller.tid, sub.tenantId, r.authorityBase);
  }
  return sub;
}

function activeScopes(r: ArmRequest): string[] {
  return roleScopes(r.state, r.caller.tid, r.caller.oid, r.now, false, r.caller.iat);
}

/**
 * `GET /subscriptions`: the token tenant's subscriptions where the caller holds an active role, then
 * those Azure Lighthouse delegates to the caller (with the customer's `tenantId`).
 */
export function listSubscriptions(r: ArmRequest): ArmResponse {
  const scopes = activeScopes(r);
  const tid = r.caller.tid.toLowerCase();
  const items = r.state.seed.subscriptions
    .filter((s) => s.tenantId.toLowerCase() === tid && canSeeSubscription(s, scopes))
    .concat(delegatedSubscriptions(r.state, r.caller.tid, r.caller.oid))
    .map(subscriptionJson);
  const fingerprint = `subscriptions|${tid}|${r.caller.oid.toLowerCase()}`;
  const page = pageOf(items, r.url, r.ctx.baseUrl, r.state.pageSizes.subscriptions, fingerprint);
  return { status: 200, body: listBody(page) };
}

export function getSubscription(r: ArmRequest): ArmResponse {
  const sub = subscriptionInTokenTenant(r, r.params.subscriptionId ?? '');
  if (!canSeeSubscription(sub, activeScopes(r))) {
    throw authorizationFailed(
      r.caller,
      'Microsoft.Resources/subscriptions/read',
      `/subscriptions/${sub.subscriptionId}`,
    );
  }
  return { status: 200, body: subscriptionJson(sub) };
}
