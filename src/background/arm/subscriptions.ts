import * as v from 'valibot';
import { parseList } from './parse';
import { armGet, armGetNext, collectPages, readArmJson } from './request';
import type { ArmContext, Page } from './types';

export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
  /** Enabled, Warned, PastDue, Disabled or Deleted. */
  state?: string;
  /** Tenants that manage it through Azure Lighthouse. */
  managedByTenants?: string[];
}

const SubscriptionItem = v.object({
  subscriptionId: v.string(),
  displayName: v.nullish(v.string()),
  tenantId: v.nullish(v.string()),
  state: v.nullish(v.string()),
  managedByTenants: v.nullish(v.array(v.object({ tenantId: v.nullish(v.string()) }))),
});

/** `GET /subscriptions`: the subscriptions of the token's tenant the caller can read. */
export function subscriptionsRequest(ctx: ArmContext, nextLink?: string): Promise<Response> {
  return nextLink
    ? armGetNext(ctx, nextLink)
    : armGet({ ...ctx, path: '/subscriptions', apiVersion: SUBSCRIPTIONS_API_VERSION });
}

export async function processSubscriptionsResponse(response: Response): Promise<Page<SubscriptionInfo>> {
  const { items, nextLink } = parseList(await readArmJson(response), SubscriptionItem);
  const subscriptions = items.map((s): SubscriptionInfo => {
    const out: SubscriptionInfo = {
      subscriptionId: s.subscriptionId.toLowerCase(),
      displayName: s.displayName || s.subscriptionId,
    };
    if (s.tenantId) out.tenantId = s.tenantId.toLowerCase();
    if (s.state) out.state = s.state;
    const managers = (s.managedByTenants ?? []).flatMap((m) =>
      m.tenantId ? [m.tenantId.toLowerCase()] : [],
    );
    if (managers.length) out.managedByTenants = managers;
    return out;
  });
  return nextLink ? { items: subscriptions, next: nextLink } : { items: subscriptions };
}

export function listSubscriptions(ctx: ArmContext): Promise<SubscriptionInfo[]> {
  return collectPages(
    async () => processSubscriptionsResponse(await subscriptionsRequest(ctx)),
    async (link) => processSubscriptionsResponse(await subscriptionsRequest(ctx, link)),
  );
}
