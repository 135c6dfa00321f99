import { isAtOrBelow, isRelated } from './scope';
import type { SeedResourceGroup, SeedSubscription } from './seed';
import type { ArmState, AssignmentRec, EligibilityRec } from './state';

export function isLive(rec: { start: number; end: number | null }, now: number): boolean {
  return rec.start <= now && (rec.end === null || rec.end > now);
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function activeAssignmentsOf(state: ArmState, tid: string, oid: string, now: number): AssignmentRec[] {
  return state.assignments.filter(
    (a) => same(a.tenantId, tid) && same(a.principalOid, oid) && isLive(a, now),
  );
}

export function eligibilitiesOf(state: ArmState, tid: string, oid: string, now: number): EligibilityRec[] {
  return state.eligibilities.filter(
    (e) => same(e.tenantId, tid) && same(e.principalOid, oid) && isLive(e, now),
  );
}

/**
 * Active roles as RBAC reads see them: a fresh activation stays out of view for `accessDelayMs`
 * unless the token was issued after it (state.ts `accessDelayMs`).
 */
export function effectiveAssignmentsOf(
  state: ArmState,
  tid: string,
  oid: string,
  now: number,
  iat?: number,
): AssignmentRec[] {
  return activeAssignmentsOf(state, tid, oid, now).filter(
    (a) =>
      a.assignmentType !== 'Activated' ||
      now >= a.start + state.accessDelayMs ||
      (iat !== undefined && iat >= a.start),
  );
}

/** Scopes where the caller holds a role; eligible ones only when asked (Resource Graph's switch). */
export function roleScopes(
  state: ArmState,
  tid: string,
  oid: string,
  now: number,
  includeEligible: boolean,
  iat?: number,
): string[] {
  const scopes = effectiveAssignmentsOf(state, tid, oid, now, iat).map((a) => a.scope);
  if (includeEligible) scopes.push(...eligibilitiesOf(state, tid, oid, now).map((e) => e.scope));
  return scopes;
}

const subScope = (s: SeedSubscription | string): string =>
  `/subscriptions/${typeof s === 'string' ? s : s.subscriptionId}`;

/**
 * RBAC read visibility: a subscription shows when a role sits on it, above it, or anywhere inside
 * it (a resource-group Reader still sees the subscription in `GET /subscriptions`).
 */
export function canSeeSubscription(sub: SeedSubscription, scopes: string[]): boolean {
  return scopes.some((s) => isRelated(s, subScope(sub)));
}

/** All groups when a role covers the subscription; otherwise only groups holding a role at or inside them. */
export function visibleResourceGroups(
  state: ArmState,
  sub: SeedSubscription,
  scopes: string[],
): SeedResourceGroup[] {
  const groups = state.resourceGroupsOf(sub.subscriptionId);
  if (scopes.some((s) => isAtOrBelow(subScope(sub), s))) return groups;
  return groups.filter((rg) =>
    scopes.some((s) => isAtOrBelow(s, `/subscriptions/${sub.subscriptionId}/resourceGroups/${rg.name}`)),
  );
}

/** True when some active role covers `scope` itself (inherited from above or held there). */
export function hasActiveRoleCovering(
  state: ArmState,
  tid: string,
  oid: string,
  scope: string,
  now: number,
  iat?: number,
): boolean {
  return effectiveAssignmentsOf(state, tid, oid, now, iat).some((a) => isAtOrBelow(scope, a.scope));
}

/**
 * Subscriptions of other tenants projected to the caller by Azure Lighthouse: the managing tenant's
 * reads list them with their own `tenantId` (https://learn.microsoft.com/azure/lighthouse/concepts/cross-tenant-management-experience;
 * Resource Graph: https://learn.microsoft.com/azure/governance/resource-graph/concepts/query-language#query-scope).
 */
export function delegatedSubscriptions(state: ArmState, tid: string, oid: string): SeedSubscription[] {
  const out: SeedSubscription[] = [];
  for (const d of state.seed.delegations ?? []) {
    if (!same(d.managingTenantId, tid) || !same(d.principalOid, oid)) continue;
    const sub = state.subscription(d.subscriptionId);
    if (sub && !out.includes(sub)) out.push(sub);
  }
  return out;
}
