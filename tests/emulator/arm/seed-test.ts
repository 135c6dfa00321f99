import { BUILTIN_ROLE_IDS as R, BUILTIN_ROLES } from './builtin-roles';
import {
  policySettings,
  type ArmPrincipalRef,
  type ArmSeed,
  type SeedPrincipal,
  type SeedTenant,
} from './seed';

/**
 * Small, fixed seed for unit and end-to-end tests. Each permission case appears once so a test
 * can name exactly the role it exercises.
 */
export interface TestPrincipals {
  /** The main test user, in their home tenant (played by "Contoso"). */
  user: ArmPrincipalRef;
  /** The same person as a guest in a second tenant (played by "Fabrikam"): that tenant's object id. */
  userAsGuest?: ArmPrincipalRef;
  /** A second user of the home tenant with unrelated roles (visibility must not leak between users). */
  colleague?: ArmPrincipalRef;
}

export const TEST_IDS = {
  /** Used when the principals do not name a tenant for that role. */
  tenants: {
    fabrikamDefault: '2f1d9d2a-6a4b-4d7e-9d53-0f6c1f3a7b21',
    woodgrove: '7e2c4a1b-93d5-4f0e-8b6a-3c9d2e1f4a05',
  },
  subscriptions: {
    prod: '3b7f2c1e-0a4d-4e8b-9c6f-1d2e3f4a5b01',
    dev: '3b7f2c1e-0a4d-4e8b-9c6f-1d2e3f4a5b02',
    sandbox: '3b7f2c1e-0a4d-4e8b-9c6f-1d2e3f4a5b03',
    shared: '3b7f2c1e-0a4d-4e8b-9c6f-1d2e3f4a5b04',
    fabrikam: '8c1a2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c01',
    /** Woodgrove Bank's, delegated to the user through Azure Lighthouse. */
    woodgrove: '9d2b3c4e-5f60-4b7c-8d9e-0f1a2b3c4d01',
  },
  groups: { contosoDevelopers: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b10' },
} as const;

const S = TEST_IDS.subscriptions;
const sub = (id: string): string => `/subscriptions/${id}`;
const rg = (id: string, name: string): string => `/subscriptions/${id}/resourceGroups/${name}`;

function tenant(
  t: Partial<SeedTenant> & Pick<SeedTenant, 'tenantId' | 'displayName' | 'defaultDomain'>,
): SeedTenant {
  return { domains: [t.defaultDomain], countryCode: 'US', tenantCategory: 'Home', tenantType: 'AAD', ...t };
}

export function testArmSeed(p: TestPrincipals): ArmSeed {
  const home = p.user.tenantId;
  const fabrikam = p.userAsGuest?.tenantId ?? TEST_IDS.tenants.fabrikamDefault;
  const woodgrove = TEST_IDS.tenants.woodgrove;
  const user = p.user.oid;

  const principals: SeedPrincipal[] = [
    {
      oid: user,
      tenantId: home,
      displayName: p.user.displayName ?? 'Test User',
      email: p.user.email ?? 'user@contoso.example',
    },
  ];
  if (p.userAsGuest) {
    principals.push({
      oid: p.userAsGuest.oid,
      tenantId: fabrikam,
      displayName: p.userAsGuest.displayName ?? p.user.displayName ?? 'Test User',
      email: p.userAsGuest.email ?? p.user.email ?? 'user@contoso.example',
      homeTid: home,
      homeOid: user,
    });
  }
  if (p.colleague) {
    principals.push({
      oid: p.colleague.oid,
      tenantId: p.colleague.tenantId,
      displayName: p.colleague.displayName ?? 'Test Colleague',
      email: p.colleague.email ?? 'colleague@contoso.example',
    });
  }

  const seed: ArmSeed = {
    tenants: [
      tenant({
        tenantId: home,
        displayName: 'Contoso',
        defaultDomain: 'contoso.onmicrosoft.com',
        domains: ['contoso.onmicrosoft.com', 'contoso.example'],
      }),
      tenant({
        tenantId: fabrikam,
        displayName: 'Fabrikam',
        defaultDomain: 'fabrikam.onmicrosoft.com',
        countryCode: 'GB',
      }),
      tenant({
        tenantId: woodgrove,
        displayName: 'Woodgrove Bank',
        defaultDomain: 'woodgrove.onmicrosoft.com',
        tenantCategory: 'ProjectedBy',
        tenantBrandingLogoUrl: 'https://woodgrove.example/logo.png',
      }),
    ],
    subscriptions: [
      {
        subscriptionId: S.prod,
        tenantId: home,
        displayName: 'Contoso Production',
        state: 'Enabled',
        tags: { env: 'prod', costCenter: '1001' },
        managedByTenants: [woodgrove],
      },
      { subscriptionId: S.dev, tenantId: home, displayName: 'Contoso Development', state: 'Enabled' },
      {
        subscriptionId: S.sandbox,
        tenantId: home,
        displayName: 'Contoso Sandbox',
        state: 'Warned',
        quotaId: 'MSDN_2014-09-01',
      },
      { subscriptionId: S.shared, tenantId: home, displayName: 'Contoso Shared', state: 'Enabled' },
      { subscriptionId: S.fabrikam, tenantId: fabrikam, displayName: 'Fabrikam Analytics', state: 'Enabled' },
      {
        subscriptionId: S.woodgrove,
        tenantId: woodgrove,
        displayName: 'Woodgrove Payments',
        state: 'Enabled',
        managedByTenants: [home],
      },
    ],
    resourceGroups: [
      { subscriptionId: S.prod, name: 'rg-prod-web', location: 'westeurope', tags: { app: 'web' } },
      { subscriptionId: S.prod, name: 'rg-prod-data', location: 'westeurope' },
      { subscriptionId: S.prod, name: 'rg-prod-secrets', location: 'northeurope' },
      { subscriptionId: S.dev, name: 'rg-dev-web', location: 'eastus', tags: { app: 'web' } },
      { subscriptionId: S.dev, name: 'rg-dev-api', location: 'eastus' },
      {
        subscriptionId: S.dev,
        name: 'MC_rg-dev-aks_eastus',
        location: 'eastus',
        managedBy: `/subscriptions/${S.dev}/resourceGroups/rg-dev-api/providers/Microsoft.ContainerService/managedClusters/aks-dev`,
      },
      { subscriptionId: S.sandbox, name: 'rg-sandbox', location: 'westus2' },
      { subscriptionId: S.shared, name: 'rg-shared-network', location: 'westeurope' },
      { subscriptionId: S.fabrikam, name: 'rg-analytics', location: 'uksouth' },
      { subscriptionId: S.fabrikam, name: 'rg-analytics-staging', location: 'uksouth' },
      { subscriptionId: S.woodgrove, name: 'rg-payments', location: 'eastus' },
    ],
    roleDefinitions: BUILTIN_ROLES,
    assignments: [
      { principalOid: user, tenantId: home, scope: sub(S.prod), roleDefinitionGuid: R.reader },
      {
        principalOid: user,
        tenantId: home,
        scope: rg(S.dev, 'rg-dev-web'),
        roleDefinitionGuid: R.contributor,
        memberType: 'Group',
        group: { id: TEST_IDS.groups.contosoDevelopers, displayName: 'Contoso Developers' },
      },
    ],
    eligibilities: [
      // Default policy: up to PT8H, justification required.
      { principalOid: user, tenantId: home, scope: sub(S.prod), roleDefinitionGuid: R.contributor },
      // Approval required.
      { principalOid: user, tenantId: home, scope: sub(S.prod), roleDefinitionGuid: R.owner },
      // Ticket required.
      {
        principalOid: user,
        tenantId: home,
        scope: sub(S.prod),
        roleDefinitionGuid: R.userAccessAdministrator,
      },
      // MFA required, at most PT4H.
      { principalOid: user, tenantId: home, scope: sub(S.dev), roleDefinitionGuid: R.contributor },
      // Authentication context c1.
      {
        principalOid: user,
        tenantId: home,
        scope: rg(S.prod, 'rg-prod-secrets'),
        roleDefinitionGuid: R.keyVaultAdministrator,
      },
      // Nothing required, at most PT1H; the user's only role on this subscription.
      {
        principalOid: user,
        tenantId: home,
        scope: sub(S.sandbox),
        roleDefinitionGuid: R.reader,
        endDateTime: '2099-12-31T00:00:00.000Z',
      },
      // Expired: must never be listed.
      {
        principalOid: user,
        tenantId: home,
        scope: sub(S.dev),
        roleDefinitionGuid: R.owner,
        endDateTime: '2020-01-01T00:00:00.000Z',
      },
    ],
    policies: [
      { scope: sub(S.prod), roleDefinitionGuid: R.owner, ...policySettings('PT8H', { approval: true }) },
      {
        scope: sub(S.prod),
        roleDefinitionGuid: R.userAccessAdministrator,
        ...policySettings('PT4H', { ticket: true }),
      },
      { scope: sub(S.dev), roleDefinitionGuid: R.contributor, ...policySettings('PT4H', { mfa: true }) },
      {
        scope: rg(S.prod, 'rg-prod-secrets'),
        roleDefinitionGuid: R.keyVaultAdministrator,
        ...policySettings('PT2H', {}),
        authContext: 'c1',
      },
      {
        scope: sub(S.sandbox),
        roleDefinitionGuid: R.reader,
        ...policySettings('PT1H', { justification: false }),
      },
    ],
    principals,
    tenantsOf: { [user]: [woodgrove] },
    delegations: [
      {
        subscriptionId: S.woodgrove,
        managingTenantId: home,
        principalOid: user,
        roleDefinitionGuid: R.reader,
      },
    ],
  };

  if (p.userAsGuest) {
    const guest = p.userAsGuest.oid;
    seed.assignments.push({
      principalOid: guest,
      tenantId: fabrikam,
      scope: sub(S.fabrikam),
      roleDefinitionGuid: R.reader,
    });
    seed.eligibilities.push({
      principalOid: guest,
      tenantId: fabrikam,
      scope: sub(S.fabrikam),
      roleDefinitionGuid: R.contributor,
    });
  }
  if (p.colleague) {
    const colleague = p.colleague.oid;
    seed.assignments.push({
      principalOid: colleague,
      tenantId: p.colleague.tenantId,
      scope: sub(S.shared),
      roleDefinitionGuid: R.reader,
    });
    seed.eligibilities.push({
      principalOid: colleague,
      tenantId: p.colleague.tenantId,
      scope: sub(S.shared),
      roleDefinitionGuid: R.contributor,
    });
  }
  return seed;
}
