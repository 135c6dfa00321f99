/**
 * The directory the emulator serves: tenants, users, app registrations. The builders below use fixed,
 * readable GUIDs (prefix = kind, suffix = item) so tests, demo and docs can name them directly.
 */

export interface SeedTenant {
  id: string; // GUID
  displayName: string;
  /** Verified domains; the first is the default, e.g. 'contoso.onmicrosoft.com'. */
  domains: string[];
  /**
   * A Conditional Access policy of this tenant that wants MFA for every cloud app: a sign-in or
   * refresh without it gets AADSTS50076 (`interaction_required`), per tenant, whatever the user's home
   * tenant asks (https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-policy-common).
   */
  requireMfa?: boolean;
}

export interface SeedUser {
  /** UPN in the home tenant, e.g. 'adele@contoso.onmicrosoft.com'. */
  username: string;
  password: string;
  displayName: string;
  /** Home tenant GUID. */
  homeTenant: string;
  /** Object ID in the home tenant. */
  oid: string;
  /** B2B guest memberships: a different object ID in each resource tenant. */
  guestOf?: { tenant: string; oid: string }[];
  /** Sign-in asks for a second factor (any 6 digits; '000000' is refused). */
  mfa?: boolean;
  /** AADSTS50057 on sign-in and refresh. */
  disabled?: boolean;
  /** May grant admin consent in its home tenant. */
  admin?: boolean;
}

export type RedirectType = 'spa' | 'web' | 'publicClient';

export interface SeedApp {
  clientId: string;
  displayName: string;
  homeTenant: string;
  signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs';
  redirectUris: { uri: string; type: RedirectType }[];
  /** Tenants where (admin) consent for ARM user_impersonation exists; elsewhere AADSTS65001. */
  consentedTenants: string[];
}

export interface Seed {
  tenants: SeedTenant[];
  users: SeedUser[];
  apps: SeedApp[];
}

/** Redirect URI of the test/demo flavour of the extension (ID fixed by config/test-extension-key.json). */
export const TEST_EXTENSION_REDIRECT_URI = 'https://imaoaahfnaagedddnnnfakiglapfloen.chromiumapp.org/';

export const TENANTS = {
  contoso: '10000000-0000-4000-8000-000000000001',
  fabrikam: '10000000-0000-4000-8000-000000000002',
  northwind: '10000000-0000-4000-8000-000000000003',
  /** Home of the multi-tenant app, as if the extension's publisher registered it. */
  publisher: '10000000-0000-4000-8000-000000000009',
} as const;

export const APPS = {
  /** Customer-managed single-tenant SPA registrations, one per tenant. */
  contosoSpa: '30000000-0000-4000-8000-000000000001',
  fabrikamSpa: '30000000-0000-4000-8000-000000000002',
  northwindSpa: '30000000-0000-4000-8000-000000000003',
  /** Publisher's multi-tenant app: consented in Contoso and Fabrikam, not in Northwind. */
  publisherMulti: '30000000-0000-4000-8000-000000000010',
  /** Contoso single-tenant app whose redirect URI is registered as 'web' (AADSTS9002326 when redeemed with Origin). */
  contosoWeb: '30000000-0000-4000-8000-000000000020',
} as const;

function baseTenants(): SeedTenant[] {
  return [
    { id: TENANTS.contoso, displayName: 'Contoso', domains: ['contoso.onmicrosoft.com', 'contoso.example'] },
    { id: TENANTS.fabrikam, displayName: 'Fabrikam', domains: ['fabrikam.onmicrosoft.com'] },
    { id: TENANTS.northwind, displayName: 'Northwind Traders', domains: ['northwind.onmicrosoft.com'] },
    {
      id: TENANTS.publisher,
      displayName: 'Cloud Access Publisher',
      domains: ['cloudaccesspub.onmicrosoft.com'],
    },
  ];
}

function baseApps(redirectUris: string[]): SeedApp[] {
  const spa = redirectUris.map((uri) => ({ uri, type: 'spa' as const }));
  const single = (clientId: string, tenant: string, name: string): SeedApp => ({
    clientId,
    displayName: name,
    homeTenant: tenant,
    signInAudience: 'AzureADMyOrg',
    redirectUris: spa,
    consentedTenants: [tenant],
  });
  return [
    single(APPS.contosoSpa, TENANTS.contoso, 'Cloud Access for Azure (Contoso)'),
    single(APPS.fabrikamSpa, TENANTS.fabrikam, 'Cloud Access for Azure (Fabrikam)'),
    single(APPS.northwindSpa, TENANTS.northwind, 'Cloud Access for Azure (Northwind)'),
    {
      clientId: APPS.publisherMulti,
      displayName: 'Cloud Access for Azure',
      homeTenant: TENANTS.publisher,
      signInAudience: 'AzureADMultipleOrgs',
      redirectUris: spa,
      consentedTenants: [TENANTS.publisher, TENANTS.contoso, TENANTS.fabrikam],
    },
    {
      ...single(APPS.contosoWeb, TENANTS.contoso, 'Cloud Access (web platform registration)'),
      redirectUris: redirectUris.map((uri) => ({ uri, type: 'web' as const })),
    },
  ];
}

const oid = (n: number): string => `20000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const guestOid = (n: number): string => `21000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** Users of the test seed, by role. Passwords are in the seed; see TEST_USERS for the list. */
export const TEST_USERS = {
  /** Contoso member, password sign-in. */
  adele: { username: 'adele@contoso.onmicrosoft.com', password: 'adele-pass', oid: oid(1) },
  /** Fabrikam member. */
  alex: { username: 'alex@fabrikam.onmicrosoft.com', password: 'alex-pass', oid: oid(2) },
  /** Contoso member, guest in Fabrikam and Northwind (different oid in each). */
  megan: {
    username: 'megan@contoso.onmicrosoft.com',
    password: 'megan-pass',
    oid: oid(3),
    fabrikamOid: guestOid(3),
    northwindOid: guestOid(13),
  },
  /** Disabled account (AADSTS50057). */
  diego: { username: 'diego@contoso.onmicrosoft.com', password: 'diego-pass', oid: oid(4) },
  /** Requires MFA (any 6 digits except 000000). */
  isaiah: { username: 'isaiah@contoso.onmicrosoft.com', password: 'isaiah-pass', oid: oid(5) },
  /** Ordinary Contoso member meant to be deleted by a test. */
  lynne: { username: 'lynne@contoso.onmicrosoft.com', password: 'lynne-pass', oid: oid(6) },
  /** Contoso administrator (may grant admin consent in Contoso). */
  contosoAdmin: { username: 'admin@contoso.onmicrosoft.com', password: 'admin-pass', oid: oid(7) },
  /** Northwind member. */
  nestor: { username: 'nestor@northwind.onmicrosoft.com', password: 'nestor-pass', oid: oid(8) },
  /** Northwind administrator (grants the publisher app in Northwind). */
  northwindAdmin: { username: 'admin@northwind.onmicrosoft.com', password: 'admin-pass', oid: oid(9) },
  /** Ordinary Fabrikam member, spare for tests that change a user. */
  patti: { username: 'patti@fabrikam.onmicrosoft.com', password: 'patti-pass', oid: oid(10) },
} as const;

export function testSeed(extensionRedirectUris: string[] = [TEST_EXTENSION_REDIRECT_URI]): Seed {
  const u = TEST_USERS;
  return {
    tenants: baseTenants(),
    apps: baseApps(extensionRedirectUris),
    users: [
      { ...u.adele, displayName: 'Adele Vance', homeTenant: TENANTS.contoso },
      { ...u.alex, displayName: 'Alex Wilber', homeTenant: TENANTS.fabrikam },
      {
        username: u.megan.username,
        password: u.megan.password,
        oid: u.megan.oid,
        displayName: 'Megan Bowen',
        homeTenant: TENANTS.contoso,
        guestOf: [
          { tenant: TENANTS.fabrikam, oid: u.megan.fabrikamOid },
          { tenant: TENANTS.northwind, oid: u.megan.northwindOid },
        ],
      },
      { ...u.diego, displayName: 'Diego Siciliani', homeTenant: TENANTS.contoso, disabled: true },
      { ...u.isaiah, displayName: 'Isaiah Langer', homeTenant: TENANTS.contoso, mfa: true },
      { ...u.lynne, displayName: 'Lynne Robbins', homeTenant: TENANTS.contoso },
      { ...u.contosoAdmin, displayName: 'Contoso Admin', homeTenant: TENANTS.contoso, admin: true },
      { ...u.nestor, displayName: 'Nestor Wilke', homeTenant: TENANTS.northwind },
      { ...u.northwindAdmin, displayName: 'Northwind Admin', homeTenant: TENANTS.northwind, admin: true },
      { ...u.patti, displayName: 'Patti Fernandez', homeTenant: TENANTS.fabrikam },
    ],
  };
}

/** Users of the demo seed: simple passwords, easy to type during a demo. */
export const DEMO_USERS = {
  demo: { username: 'demo@contoso.onmicrosoft.com', password: 'demo-pass-1', oid: oid(101) },
  fabrikam: { username: 'demo@fabrikam.onmicrosoft.com', password: 'demo-pass-2', oid: oid(102) },
  mfa: { username: 'mfa@contoso.onmicrosoft.com', password: 'demo-pass-3', oid: oid(103) },
  contosoAdmin: { username: 'admin@contoso.onmicrosoft.com', password: 'demo-pass-4', oid: oid(104) },
  northwindAdmin: { username: 'admin@northwind.onmicrosoft.com', password: 'demo-pass-5', oid: oid(105) },
} as const;

export function demoSeed(extensionRedirectUris: string[] = [TEST_EXTENSION_REDIRECT_URI]): Seed {
  const u = DEMO_USERS;
  return {
    tenants: baseTenants(),
    apps: baseApps(extensionRedirectUris),
    users: [
      {
        ...u.demo,
        displayName: 'Dana Demo',
        homeTenant: TENANTS.contoso,
        guestOf: [
          { tenant: TENANTS.fabrikam, oid: guestOid(101) },
          { tenant: TENANTS.northwind, oid: guestOid(111) },
        ],
      },
      { ...u.fabrikam, displayName: 'Frank Fabrikam', homeTenant: TENANTS.fabrikam },
      { ...u.mfa, displayName: 'Morgan Mfa', homeTenant: TENANTS.contoso, mfa: true },
      { ...u.contosoAdmin, displayName: 'Contoso Admin', homeTenant: TENANTS.contoso, admin: true },
      { ...u.northwindAdmin, displayName: 'Northwind Admin', homeTenant: TENANTS.northwind, admin: true },
    ],
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Catches mistakes in a hand-written seed file before they show up as puzzling sign-in errors. */
export function validateSeed(seed: Seed): Seed {
  const problems: string[] = [];
  if (!seed || !Array.isArray(seed.tenants) || !Array.isArray(seed.users) || !Array.isArray(seed.apps)) {
    throw new Error('Seed must have arrays "tenants", "users" and "apps"');
  }
  const tenantIds = new Set<string>();
  const domains = new Set<string>();
  for (const t of seed.tenants) {
    if (!GUID.test(t.id)) problems.push(`tenant ${t.displayName}: id is not a GUID`);
    if (tenantIds.has(t.id)) problems.push(`tenant ${t.id} listed twice`);
    tenantIds.add(t.id);
    if (!t.domains?.length) problems.push(`tenant ${t.id}: needs at least one domain`);
    for (const d of t.domains ?? []) {
      if (domains.has(d.toLowerCase())) problems.push(`domain ${d} belongs to two tenants`);
      domains.add(d.toLowerCase());
    }
  }
  const usernames = new Set<string>();
  for (const u of seed.users) {
    const name = u.username?.toLowerCase();
    if (!name) problems.push('a user has no username');
    if (usernames.has(name)) problems.push(`user ${u.username} listed twice`);
    usernames.add(name);
    if (!tenantIds.has(u.homeTenant)) problems.push(`user ${u.username}: unknown homeTenant ${u.homeTenant}`);
    if (!GUID.test(u.oid)) problems.push(`user ${u.username}: oid is not a GUID`);
    for (const g of u.guestOf ?? []) {
      if (!tenantIds.has(g.tenant)) problems.push(`user ${u.username}: guest of unknown tenant ${g.tenant}`);
      if (g.tenant === u.homeTenant) problems.push(`user ${u.username}: guest of its own home tenant`);
      if (g.oid === u.oid) problems.push(`user ${u.username}: guest oid must differ from the home oid`);
    }
  }
  for (const a of seed.apps) {
    if (!GUID.test(a.clientId)) problems.push(`app ${a.displayName}: clientId is not a GUID`);
    if (!tenantIds.has(a.homeTenant)) problems.push(`app ${a.clientId}: unknown homeTenant`);
    for (const t of a.consentedTenants) {
      if (!tenantIds.has(t)) problems.push(`app ${a.clientId}: consent in unknown tenant ${t}`);
    }
  }
  if (problems.length) throw new Error(`Invalid seed:\n- ${problems.join('\n- ')}`);
  return seed;
}
