import { BUILTIN_ROLE_IDS as R, BUILTIN_ROLES } from './builtin-roles';
import { stableGuid } from './ids';
import {
  policySettings,
  type ArmPrincipalRef,
  type ArmSeed,
  type SeedPrincipal,
  type SeedResourceGroup,
  type SeedSubscription,
  type SeedTenant,
} from './seed';

/**
 * The seed behind demos and screenshots: a home tenant with hand-named subscriptions covering
 * every activation rule, a partner tenant with 240 generated subscriptions (the scale case),
 * and a small third tenant.
 */
export interface DemoPrincipals {
  /** The demo user in their home tenant (played by "Contoso"). */
  user: ArmPrincipalRef;
  /** The demo user's guest object in the 240-subscription tenant (played by "Fabrikam"). */
  userInFabrikam?: ArmPrincipalRef;
  /** The demo user's guest object in a third tenant (played by "Northwind Traders"). */
  userInNorthwind?: ArmPrincipalRef;
  /** A second home-tenant user. */
  colleague?: ArmPrincipalRef;
}

export const DEMO_SUBSCRIPTION_IDS = {
  production: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f01',
  staging: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f02',
  development: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f03',
  sandbox: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f04',
  sharedServices: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f05',
  dataPlatform: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f06',
  identity: '6a0f8e4c-2b1d-4c3e-9f5a-7b8c9d0e1f07',
  northwindProduction: '9d2e4f6a-8b0c-4d1e-a3f5-b7c9d1e3f501',
  northwindDevelopment: '9d2e4f6a-8b0c-4d1e-a3f5-b7c9d1e3f502',
} as const;

const FABRIKAM_DEPARTMENTS = [
  'retail',
  'finance',
  'hr',
  'logistics',
  'marketing',
  'research',
  'security',
  'platform',
  'data',
  'support',
];
const FABRIKAM_APPS = ['portal', 'api', 'batch', 'analytics', 'identity', 'payments'];
const FABRIKAM_ENVS = ['prod', 'staging', 'test', 'dev'];
const COMPONENTS = ['network', 'compute', 'data', 'monitoring', 'shared', 'security'];
const LOCATIONS = ['westeurope', 'northeurope', 'eastus', 'westus2', 'uksouth', 'swedencentral'];

const sub = (id: string): string => `/subscriptions/${id}`;
const rg = (id: string, name: string): string => `/subscriptions/${id}/resourceGroups/${name}`;

function tenant(
  t: Partial<SeedTenant> & Pick<SeedTenant, 'tenantId' | 'displayName' | 'defaultDomain'>,
): SeedTenant {
  return { domains: [t.defaultDomain], countryCode: 'US', tenantCategory: 'Home', tenantType: 'AAD', ...t };
}

function person(
  ref: ArmPrincipalRef,
  fallbackName: string,
  fallbackEmail: string,
  home?: ArmPrincipalRef,
): SeedPrincipal {
  return {
    oid: ref.oid,
    tenantId: ref.tenantId,
    displayName: ref.displayName ?? fallbackName,
    email: ref.email ?? fallbackEmail,
    ...(home ? { homeTid: home.tenantId, homeOid: home.oid } : {}),
  };
}

export function demoArmSeed(
  p: DemoPrincipals,
  tenantOverrides: Record<string, Partial<SeedTenant>> = {},
): ArmSeed {
  const D = DEMO_SUBSCRIPTION_IDS;
  const contoso = p.user.tenantId;
  const fabrikam = p.userInFabrikam?.tenantId ?? stableGuid('demo-tenant', 'fabrikam');
  const northwind = p.userInNorthwind?.tenantId ?? stableGuid('demo-tenant', 'northwind');
  const user = p.user.oid;
  const userName = p.user.displayName ?? 'Demo User';
  const userEmail = p.user.email ?? 'user@contoso.example';

  const principals: SeedPrincipal[] = [person(p.user, userName, userEmail)];
  if (p.userInFabrikam) principals.push(person(p.userInFabrikam, userName, userEmail, p.user));
  if (p.userInNorthwind) principals.push(person(p.userInNorthwind, userName, userEmail, p.user));
  if (p.colleague) principals.push(person(p.colleague, 'Demo Colleague', 'colleague@contoso.example'));

  const tenants = [
    tenant({
      tenantId: contoso,
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
      tenantId: northwind,
      displayName: 'Northwind Traders',
      defaultDomain: 'northwind.onmicrosoft.com',
      countryCode: 'DE',
      tenantBrandingLogoUrl: 'https://northwind.example/logo.png',
    }),
  ].map((t) => ({ ...t, ...tenantOverrides[t.tenantId] }));

  const subscriptions: SeedSubscription[] = [
    {
      subscriptionId: D.production,
      tenantId: contoso,
      displayName: 'Contoso Production',
      state: 'Enabled',
      tags: { environment: 'production', costCenter: 'CC-1001' },
    },
    { subscriptionId: D.staging, tenantId: contoso, displayName: 'Contoso Staging', state: 'Enabled' },
    {
      subscriptionId: D.development,
      tenantId: contoso,
      displayName: 'Contoso Development',
      state: 'Enabled',
    },
    {
      subscriptionId: D.sandbox,
      tenantId: contoso,
      displayName: 'Contoso Sandbox',
      state: 'Enabled',
      quotaId: 'MSDN_2014-09-01',
      spendingLimit: 'On',
    },
    {
      subscriptionId: D.sharedServices,
      tenantId: contoso,
      displayName: 'Contoso Shared Services',
      state: 'Enabled',
      managedByTenants: [northwind],
    },
    {
      subscriptionId: D.dataPlatform,
      tenantId: contoso,
      displayName: 'Contoso Data Platform',
      state: 'Enabled',
    },
    { subscriptionId: D.identity, tenantId: contoso, displayName: 'Contoso Identity', state: 'Enabled' },
    {
      subscriptionId: D.northwindProduction,
      tenantId: northwind,
      displayName: 'Northwind Traders Production',
      state: 'Enabled',
    },
    {
      subscriptionId: D.northwindDevelopment,
      tenantId: northwind,
      displayName: 'Northwind Traders Development',
      state: 'PastDue',
    },
  ];
  const resourceGroups: SeedResourceGroup[] = [];
  const groupsFor = (id: string, names: string[], location: string): void => {
    for (const name of names) resourceGroups.push({ subscriptionId: id, name, location });
  };
  groupsFor(
    D.production,
    ['rg-prod-web', 'rg-prod-api', 'rg-prod-data', 'rg-prod-secrets', 'rg-prod-network'],
    'westeurope',
  );
  groupsFor(D.staging, ['rg-staging-web', 'rg-staging-api', 'rg-staging-data'], 'westeurope');
  groupsFor(D.development, ['rg-dev-web', 'rg-dev-api', 'rg-dev-scratch', 'rg-dev-aks'], 'eastus');
  groupsFor(D.sandbox, ['rg-sandbox-user', 'rg-sandbox-experiments'], 'westus2');
  groupsFor(D.sharedServices, ['rg-shared-network', 'rg-shared-monitoring', 'rg-shared-dns'], 'northeurope');
  groupsFor(D.dataPlatform, ['rg-data-lake', 'rg-data-warehouse', 'rg-data-ml'], 'swedencentral');
  groupsFor(D.identity, ['rg-identity-core'], 'westeurope');
  groupsFor(D.northwindProduction, ['rg-nw-shop', 'rg-nw-erp'], 'germanywestcentral');
  groupsFor(D.northwindDevelopment, ['rg-nw-dev'], 'germanywestcentral');

  const seed: ArmSeed = {
    tenants,
    subscriptions,
    resourceGroups,
    roleDefinitions: BUILTIN_ROLES,
    assignments: [
      { principalOid: user, tenantId: contoso, scope: sub(D.production), roleDefinitionGuid: R.reader },
      {
        principalOid: user,
        tenantId: contoso,
        scope: sub(D.development),
        roleDefinitionGuid: R.contributor,
        memberType: 'Group',
        group: { id: stableGuid('demo-group', 'contoso-developers'), displayName: 'Contoso Developers' },
      },
      { principalOid: user, tenantId: contoso, scope: sub(D.sandbox), roleDefinitionGuid: R.owner },
      {
        principalOid: user,
        tenantId: contoso,
        scope: rg(D.sharedServices, 'rg-shared-monitoring'),
        roleDefinitionGuid: R.contributor,
      },
      {
        principalOid: user,
        tenantId: contoso,
        scope: rg(D.staging, 'rg-staging-web'),
        roleDefinitionGuid: R.virtualMachineContributor,
        endDateTime: '2030-01-01T00:00:00.000Z',
      },
    ],
    eligibilities: [
      { principalOid: user, tenantId: contoso, scope: sub(D.production), roleDefinitionGuid: R.contributor },
      { principalOid: user, tenantId: contoso, scope: sub(D.production), roleDefinitionGuid: R.owner },
      {
        principalOid: user,
        tenantId: contoso,
        scope: sub(D.production),
        roleDefinitionGuid: R.userAccessAdministrator,
      },
      { principalOid: user, tenantId: contoso, scope: sub(D.staging), roleDefinitionGuid: R.contributor },
      {
        principalOid: user,
        tenantId: contoso,
        scope: sub(D.dataPlatform),
        roleDefinitionGuid: R.contributor,
      },
      {
        principalOid: user,
        tenantId: contoso,
        scope: rg(D.production, 'rg-prod-secrets'),
        roleDefinitionGuid: R.keyVaultAdministrator,
      },
      {
        principalOid: user,
        tenantId: contoso,
        scope: rg(D.production, 'rg-prod-network'),
        roleDefinitionGuid: R.networkContributor,
      },
      { principalOid: user, tenantId: contoso, scope: sub(D.sharedServices), roleDefinitionGuid: R.reader },
    ],
    policies: [
      {
        scope: sub(D.production),
        roleDefinitionGuid: R.owner,
        ...policySettings('PT8H', { approval: true }),
      },
      {
        scope: sub(D.production),
        roleDefinitionGuid: R.userAccessAdministrator,
        ...policySettings('PT4H', { ticket: true }),
      },
      {
        scope: sub(D.dataPlatform),
        roleDefinitionGuid: R.contributor,
        ...policySettings('PT4H', { mfa: true }),
      },
      {
        scope: rg(D.production, 'rg-prod-secrets'),
        roleDefinitionGuid: R.keyVaultAdministrator,
        ...policySettings('PT2H', { authContext: 'c1' }),
      },
      { scope: sub(D.staging), roleDefinitionGuid: R.contributor, ...policySettings('PT12H') },
      {
        scope: sub(D.sharedServices),
        roleDefinitionGuid: R.reader,
        ...policySettings('PT1H', { justification: false }),
      },
      {
        scope: sub(D.northwindDevelopment),
        roleDefinitionGuid: R.contributor,
        ...policySettings('PT8H', { ticket: true }),
      },
    ],
    principals,
  };

  addFabrikam(seed, fabrikam, p.userInFabrikam?.oid);

  if (p.userInNorthwind) {
    const guest = p.userInNorthwind.oid;
    seed.assignments.push({
      principalOid: guest,
      tenantId: northwind,
      scope: sub(D.northwindProduction),
      roleDefinitionGuid: R.reader,
    });
    seed.eligibilities.push({
      principalOid: guest,
      tenantId: northwind,
      scope: sub(D.northwindDevelopment),
      roleDefinitionGuid: R.contributor,
    });
  }
  if (p.colleague) {
    const colleague = p.colleague.oid;
    const tid = p.colleague.tenantId;
    seed.assignments.push({
      principalOid: colleague,
      tenantId: tid,
      scope: sub(D.sharedServices),
      roleDefinitionGuid: R.reader,
    });
    seed.eligibilities.push({
      principalOid: colleague,
      tenantId: tid,
      scope: sub(D.development),
      roleDefinitionGuid: R.owner,
    });
  }
  return seed;
}

/**
 * 240 subscriptions (10 departments × 6 applications × 4 environments), 3–6 resource groups
 * each. The user reads every production subscription, may activate Contributor on all of them,
 * works directly in dev compute groups, and may activate Owner (with approval) on platform ones.
 */
function addFabrikam(seed: ArmSeed, tid: string, guest: string | undefined): void {
  let i = 0;
  for (const dept of FABRIKAM_DEPARTMENTS) {
    for (const app of FABRIKAM_APPS) {
      for (const env of FABRIKAM_ENVS) {
        const id = stableGuid('demo-fabrikam-subscription', dept, app, env);
        seed.subscriptions.push({
          subscriptionId: id,
          tenantId: tid,
          displayName: `FAB-${dept}-${app}-${env}`,
          state: i % 97 === 13 ? 'Disabled' : i % 53 === 7 ? 'Warned' : 'Enabled',
          tags: { department: dept, application: app, environment: env },
        });
        const count = 3 + (i % 4);
        for (let c = 0; c < count; c++) {
          seed.resourceGroups.push({
            subscriptionId: id,
            name: `rg-${app}-${env}-${COMPONENTS[c] ?? 'extra'}`,
            location: LOCATIONS[(i + c) % LOCATIONS.length] ?? 'westeurope',
            tags: { department: dept },
          });
        }
        if (guest) {
          if (env === 'prod') {
            seed.assignments.push({
              principalOid: guest,
              tenantId: tid,
              scope: sub(id),
              roleDefinitionGuid: R.reader,
            });
          }
          if (env === 'dev') {
            seed.assignments.push({
              principalOid: guest,
              tenantId: tid,
              scope: rg(id, `rg-${app}-${env}-compute`),
              roleDefinitionGuid: R.contributor,
            });
          }
          seed.eligibilities.push({
            principalOid: guest,
            tenantId: tid,
            scope: sub(id),
            roleDefinitionGuid: R.contributor,
          });
          if (dept === 'platform') {
            seed.eligibilities.push({
              principalOid: guest,
              tenantId: tid,
              scope: sub(id),
              roleDefinitionGuid: R.owner,
            });
            seed.policies.push({
              scope: sub(id),
              roleDefinitionGuid: R.owner,
              ...policySettings('PT4H', { approval: true }),
            });
          }
        }
        i++;
      }
    }
  }
}
