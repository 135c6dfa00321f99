import { describe, expect, it } from 'vitest';
import { demoArmSeed, DEMO_SUBSCRIPTION_IDS, syntheticArmSeed, testArmSeed, type ArmSeed } from './index';
import { P, principals, startArm, token } from './harness';

const demoPrincipals = {
  user: principals.user,
  userInFabrikam: { tenantId: P.fabrikam, oid: P.aliceGuest },
  userInNorthwind: {
    tenantId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    oid: 'a11ce000-0000-4000-8000-0000000000f2',
  },
  colleague: principals.colleague,
};

/** Every role and policy must point at something that exists, or the emulator silently hides it. */
function expectConsistent(seed: ArmSeed): void {
  const subs = new Map(seed.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s]));
  const rgs = new Set(seed.resourceGroups.map((g) => `${g.subscriptionId}/${g.name}`.toLowerCase()));
  const roles = new Set(seed.roleDefinitions.map((r) => r.id.toLowerCase()));
  const tenants = new Set(seed.tenants.map((t) => t.tenantId.toLowerCase()));
  for (const s of seed.subscriptions) expect(tenants.has(s.tenantId.toLowerCase())).toBe(true);
  for (const g of seed.resourceGroups) expect(subs.has(g.subscriptionId.toLowerCase())).toBe(true);
  for (const x of [...seed.assignments, ...seed.eligibilities, ...seed.policies]) {
    expect(roles.has(x.roleDefinitionGuid.toLowerCase())).toBe(true);
    const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?$/.exec(x.scope);
    expect(m).not.toBeNull();
    const sub = subs.get((m?.[1] ?? '').toLowerCase());
    expect(sub).toBeDefined();
    if ('tenantId' in x) expect(sub?.tenantId).toBe(x.tenantId);
    if (m?.[2]) expect(rgs.has(`${m[1]}/${m[2]}`.toLowerCase())).toBe(true);
  }
}

describe('seeds', () => {
  it('demo: deterministic, consistent, a 200+ subscription tenant and every policy kind', () => {
    const seed = demoArmSeed(demoPrincipals);
    expect(demoArmSeed(demoPrincipals)).toEqual(seed);
    expectConsistent(seed);
    const fabrikamSubs = seed.subscriptions.filter((s) => s.tenantId === P.fabrikam);
    expect(fabrikamSubs.length).toBeGreaterThanOrEqual(200);
    for (const s of fabrikamSubs.slice(0, 20)) {
      expect(
        seed.resourceGroups.filter((g) => g.subscriptionId === s.subscriptionId).length,
      ).toBeGreaterThanOrEqual(3);
    }
    expect(seed.policies.some((p) => p.requireApproval)).toBe(true);
    expect(seed.policies.some((p) => p.requireTicket)).toBe(true);
    expect(seed.policies.some((p) => p.requireMfa)).toBe(true);
    expect(seed.policies.some((p) => p.authContext)).toBe(true);
    const scopes = [...seed.assignments, ...seed.eligibilities].map((x) => x.scope);
    expect(scopes.some((s) => s.includes('/resourceGroups/'))).toBe(true);
    expect(scopes.some((s) => /^\/subscriptions\/[^/]+$/.test(s))).toBe(true);
  });

  it('demo through the emulator: Alice as a Fabrikam guest reads 120 of 240 subscriptions in Resource Graph', async () => {
    const h = await startArm(demoArmSeed(demoPrincipals));
    try {
      const guest = token(P.fabrikam, P.aliceGuest);
      const res = await h.call(
        'POST',
        '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01',
        {
          token: guest,
          body: {
            query:
              "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, name",
          },
        },
      );
      // 60 prod (Reader) + 60 dev (resource-group Contributor); the other 120 are eligible only.
      expect((await res.json()).totalRecords).toBe(120);
      h.emu.control.setArgVisibility('activeOrEligible');
      const everything = await h.call(
        'POST',
        '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01',
        {
          token: guest,
          body: {
            query: "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id",
          },
        },
      );
      expect((await everything.json()).totalRecords).toBe(240);
      const subs = await (
        await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: guest })
      ).json();
      // 60 prod (Reader) + 60 dev (resource-group Contributor), first page of 100.
      expect(subs.value).toHaveLength(100);
      expect(subs.nextLink).toBeTypeOf('string');
      const home = await (
        await h.call('GET', '/tenants?api-version=2022-12-01', { token: token(P.contoso, P.alice) })
      ).json();
      expect(home.value).toHaveLength(3);
      const prod = await h.call(
        'GET',
        `/subscriptions/${DEMO_SUBSCRIPTION_IDS.production}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
        { token: token(P.contoso, P.alice) },
      );
      expect((await prod.json()).value.length).toBeGreaterThanOrEqual(5);
    } finally {
      await h.close();
    }
  });

  it('test seed works with only the main user', () => {
    const seed = testArmSeed({ user: principals.user });
    expectConsistent(seed);
    expect(seed.assignments.every((a) => a.principalOid === P.alice)).toBe(true);
  });

  it('synthetic: 300 subscriptions and 3,000 resource groups per tenant, guests linked to the home user', () => {
    const seed = syntheticArmSeed({
      tenants: 2,
      subscriptionsPerTenant: 300,
      resourceGroupsPerSubscription: 10,
      principal: { tenantId: P.contoso, oid: P.alice },
    });
    expectConsistent(seed);
    expect(seed.tenants).toHaveLength(2);
    expect(seed.subscriptions).toHaveLength(600);
    expect(seed.resourceGroups).toHaveLength(6000);
    const guest = seed.principals?.find((p) => p.tenantId !== P.contoso);
    expect(guest).toMatchObject({ homeTid: P.contoso, homeOid: P.alice });
  });
});
