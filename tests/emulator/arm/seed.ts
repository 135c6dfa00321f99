/**
 * The data the ARM emulator serves. Everything is plain JSON so a seed can be written by hand,
 * generated, or dumped for a bug report.
 */

export interface SeedTenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  domains: string[];
  countryCode: string;
  tenantCategory: 'Home' | 'ProjectedBy' | 'ManagedBy';
  tenantType?: string;
  tenantBrandingLogoUrl?: string;
}

export interface SeedSubscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';
  tags?: Record<string, string>;
  managedByTenants?: string[];
  quotaId?: string;
  spendingLimit?: 'On' | 'Off' | 'CurrentPeriodOff';
}

export interface SeedResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
  managedBy?: string;
}

export interface SeedRoleDefinition {
  /** The role definition GUID (built-in roles use their real GUIDs). */
  id: string;
  roleName: string;
  type: 'BuiltInRole' | 'CustomRole';
  description: string;
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

export type MemberType = 'Direct' | 'Group' | 'Inherited';

/** An active (standing) role assignment. */
export interface SeedAssignment {
  /** The user's object id in `tenantId` (for a guest: the guest object's id, not the home one). */
  principalOid: string;
  tenantId: string;
  /** `/`, `/subscriptions/{id}` or `/subscriptions/{id}/resourceGroups/{name}` (deeper scopes work too). */
  scope: string;
  roleDefinitionGuid: string;
  memberType?: MemberType;
  /** When memberType is `Group`: the group the user inherits the assignment from. */
  group?: { id: string; displayName: string };
  startDateTime?: string;
  endDateTime?: string;
}

/** A PIM eligibility the user may activate. */
export interface SeedEligibility {
  principalOid: string;
  tenantId: string;
  scope: string;
  roleDefinitionGuid: string;
  memberType?: MemberType;
  group?: { id: string; displayName: string };
  startDateTime?: string;
  endDateTime?: string;
}

export interface PolicySettings {
  /** ISO-8601 duration, e.g. `PT8H`. */
  maximumDuration: string;
  requireJustification: boolean;
  requireTicket: boolean;
  requireMfa: boolean;
  requireApproval: boolean;
  /** Conditional Access authentication context id (e.g. `c1`) demanded at activation. */
  authContext?: string;
}

export interface SeedPolicy extends PolicySettings {
  scope: string;
  roleDefinitionGuid: string;
}

/** Directory facts ARM echoes in `expandedProperties.principal`. */
export interface SeedPrincipal {
  oid: string;
  tenantId: string;
  displayName: string;
  email?: string;
  /** For a guest object: the same person's home tenant and object id. */
  homeTid?: string;
  homeOid?: string;
}

export interface ArmSeed {
  tenants: SeedTenant[];
  subscriptions: SeedSubscription[];
  resourceGroups: SeedResourceGroup[];
  roleDefinitions: SeedRoleDefinition[];
  assignments: SeedAssignment[];
  eligibilities: SeedEligibility[];
  policies: SeedPolicy[];
  principals?: SeedPrincipal[];
  /**
   * Extra tenants `GET /tenants` lists for an object id. The default list for a person is every
   * tenant where any of their objects (home and guests) is a principal or holds a role.
   */
  tenantsOf?: Record<string, string[]>;
  /** Applies to every (scope, role) without a policy. Defaults to {@link DEFAULT_POLICY}. */
  defaultPolicy?: PolicySettings;
  /** Azure Lighthouse: subscriptions of a customer tenant projected into a managing tenant's users. */
  delegations?: SeedDelegation[];
}

/**
 * A Lighthouse authorization: `principalOid` of `managingTenantId` holds `roleDefinitionGuid` on a
 * subscription of another tenant. It is not a role assignment of either tenant (PIM does not list
 * it); reads from the managing tenant see the subscription with its own `tenantId`.
 */
export interface SeedDelegation {
  subscriptionId: string;
  managingTenantId: string;
  principalOid: string;
  roleDefinitionGuid: string;
}

/** PIM's out-of-the-box activation settings for Azure roles: up to 8 h, justification required. */
export const DEFAULT_POLICY: PolicySettings = {
  maximumDuration: 'PT8H',
  requireJustification: true,
  requireTicket: false,
  requireMfa: false,
  requireApproval: false,
};

/** Policy settings for seeds: justification on unless switched off, everything else off. */
export function policySettings(
  maximumDuration: string,
  o: {
    approval?: boolean;
    ticket?: boolean;
    mfa?: boolean;
    justification?: boolean;
    authContext?: string;
  } = {},
): PolicySettings {
  return {
    maximumDuration,
    requireJustification: o.justification ?? true,
    requireTicket: o.ticket ?? false,
    requireMfa: o.mfa ?? false,
    requireApproval: o.approval ?? false,
    ...(o.authContext ? { authContext: o.authContext } : {}),
  };
}

/** How builders receive the Entra seed's users: friendly name → the object in one tenant. */
export interface ArmPrincipalRef {
  tenantId: string;
  oid: string;
  displayName?: string;
  email?: string;
}
