import { BUILTIN_ROLE_IDS as R, BUILTIN_ROLES } from './builtin-roles';
import { stableGuid } from './ids';
import { policySettings, type ArmPrincipalRef, type ArmSeed } from './seed';

export interface SyntheticOptions {
  /** How many tenants, or their ids. The principal's home tenant is always the first. */
  tenants: number | string[];
  subscriptionsPerTenant: number;
  resourceGroupsPerSubscription: number;
  /** The user, in their home tenant. */
  principal: ArmPrincipalRef;
  /** The user's guest object id per other tenant; generated when absent. */
  guestOids?: Record<string, string>;
}

/**
 * Benchmark-sized seed (e.g. 1 tenant × 300 subscriptions × 10 resource groups). Even-numbered
 * subscriptions carry an active Reader, odd ones only an eligible Contributor, and every tenth
 * an eligible Owner behind approval, so both visibility modes and the policy path are exercised.
 */
export function syntheticArmSeed(o: SyntheticOptions): ArmSeed {
  const home = o.principal.tenantId;
  const extra =
    typeof o.tenants === 'number'
      ? Array.from({ length: Math.max(0, o.tenants - 1) }, (_, i) =>
          stableGuid('synthetic-tenant', String(i + 1)),
        )
      : o.tenants.filter((t) => t.toLowerCase() !== home.toLowerCase());
  const tenantIds = [home, ...extra];
  const displayName = o.principal.displayName ?? 'Benchmark User';
  const seed: ArmSeed = {
    tenants: [],
    subscriptions: [],
    resourceGroups: [],
    roleDefinitions: BUILTIN_ROLES,
    assignments: [],
    eligibilities: [],
    policies: [],
    principals: [],
  };
  tenantIds.forEach((tid, t) => {
    const oid =
      t === 0 ? o.principal.oid : (o.guestOids?.[tid] ?? stableGuid('synthetic-guest', tid, o.principal.oid));
    seed.principals?.push({
      oid,
      tenantId: tid,
      displayName,
      ...(o.principal.email ? { email: o.principal.email } : {}),
      ...(t === 0 ? {} : { homeTid: home, homeOid: o.principal.oid }),
    });
    seed.tenants.push({
      tenantId: tid,
      displayName: `Tenant ${String(t + 1).padStart(2, '0')}`,
      defaultDomain: `tenant${t + 1}.onmicrosoft.com`,
      domains: [`tenant${t + 1}.onmicrosoft.com`],
      countryCode: 'US',
      tenantCategory: 'Home',
      tenantType: 'AAD',
    });
    for (let s = 0; s < o.subscriptionsPerTenant; s++) {
      const id = stableGuid('synthetic-subscription', tid, String(s));
      const scope = `/subscriptions/${id}`;
      seed.subscriptions.push({
        subscriptionId: id,
        tenantId: tid,
        displayName: `sub-${String(t + 1).padStart(2, '0')}-${String(s + 1).padStart(4, '0')}`,
        state: 'Enabled',
      });
      for (let g = 0; g < o.resourceGroupsPerSubscription; g++) {
        seed.resourceGroups.push({
          subscriptionId: id,
          name: `rg-${String(s + 1).padStart(4, '0')}-${String(g + 1).padStart(3, '0')}`,
          location: g % 2 === 0 ? 'westeurope' : 'eastus',
        });
      }
      if (s % 2 === 0) {
        seed.assignments.push({ principalOid: oid, tenantId: tid, scope, roleDefinitionGuid: R.reader });
      } else {
        seed.eligibilities.push({
          principalOid: oid,
          tenantId: tid,
          scope,
          roleDefinitionGuid: R.contributor,
        });
      }
      if (s % 10 === 0) {
        seed.eligibilities.push({ principalOid: oid, tenantId: tid, scope, roleDefinitionGuid: R.owner });
        seed.policies.push({
          scope,
          roleDefinitionGuid: R.owner,
          ...policySettings('PT4H', { approval: true }),
        });
      }
    }
  });
  return seed;
}
