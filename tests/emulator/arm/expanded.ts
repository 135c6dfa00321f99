import type { ArmCaller } from './context';
import { notFound } from './errors';
import type { ArmRequest } from './request';
import {
  lastSegmentOf,
  normalizeScope,
  resourceGroupOf,
  roleDefinitionIdFor,
  scopeKind,
  subscriptionOf,
} from './scope';
import type { ArmState } from './state';
import { subscriptionInTokenTenant } from './subscriptions';

/**
 * Resolves a `{scope}` from a URL: folds aliases, rejects unknown subscriptions and resource
 * groups, enforces the token's tenant, and returns the seed's casing so ids round-trip.
 */
export function resolveScope(r: ArmRequest, raw: string): string {
  let scope = normalizeScope(raw);
  const subId = subscriptionOf(scope);
  if (!subId) return scope;
  const sub = subscriptionInTokenTenant(r, subId);
  scope = scope.replace(/^\/subscriptions\/[^/]+/i, `/subscriptions/${sub.subscriptionId}`);
  const rgName = resourceGroupOf(scope);
  if (rgName) {
    const rg = r.state
      .resourceGroupsOf(sub.subscriptionId)
      .find((g) => g.name.toLowerCase() === rgName.toLowerCase());
    if (!rg) throw notFound('ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    scope = scope.replace(/^(\/subscriptions\/[^/]+\/resourceGroups\/)[^/]+/i, `$1${rg.name}`);
  }
  return scope;
}

export function scopeInfo(state: ArmState, scope: string): { id: string; displayName: string; type: string } {
  const kind = scopeKind(scope);
  switch (kind) {
    case 'root':
      return { id: scope, displayName: 'Tenant Root Group', type: 'managementgroup' };
    case 'subscription': {
      const sub = state.subscription(subscriptionOf(scope) ?? '');
      return { id: scope, displayName: sub?.displayName ?? lastSegmentOf(scope), type: 'subscription' };
    }
    default:
      return { id: scope, displayName: lastSegmentOf(scope), type: kind };
  }
}

export function roleInfo(
  state: ArmState,
  scope: string,
  roleGuid: string,
): { id: string; displayName: string; type: string } {
  const role = state.role(roleGuid);
  return {
    id: roleDefinitionIdFor(scope, role?.id ?? roleGuid),
    displayName: role?.roleName ?? roleGuid,
    type: role?.type ?? 'BuiltInRole',
  };
}

export function principalInfo(
  state: ArmState,
  oid: string,
  caller?: ArmCaller,
  group?: { id: string; displayName: string },
): { id: string; displayName: string; email: string | null; type: string } {
  if (group) return { id: group.id, displayName: group.displayName, email: null, type: 'Group' };
  const p = state.principal(oid);
  const isCaller = caller !== undefined && caller.oid.toLowerCase() === oid.toLowerCase();
  return {
    id: oid,
    displayName: p?.displayName ?? (isCaller ? (caller.name ?? caller.upn) : undefined) ?? oid,
    email: p?.email ?? (isCaller ? caller.upn : undefined) ?? null,
    type: 'User',
  };
}
