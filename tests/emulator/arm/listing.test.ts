import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testArmSeed, TEST_IDS } from './index';
import { ALICE, ALICE_GUEST, BOB, P, principals, startArm, type Harness, type Json } from './harness';

const S = TEST_IDS.subscriptions;

/** Follows nextLink to the end and returns every item. */
async function all(h: Harness, path: string, tok: string): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next) {
    const res = await h.call('GET', next, { token: tok });
    expect(res.status).toBe(200);
    const body = await res.json();
    items.push(...body.value);
    next = body.nextLink;
    pages++;
  }
  return { items, pages };
}

describe('tenants, subscriptions and resource groups', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startArm(testArmSeed(principals));
  });
  afterAll(() => h.close());

  it('GET /tenants lists the person’s tenants whichever tenant the token is for', async () => {
    const home = await all(h, '/tenants?api-version=2022-12-01', ALICE);
    const guest = await all(h, '/tenants?api-version=2022-12-01', ALICE_GUEST);
    const ids = (x: { items: Json[] }): string[] => x.items.map((t) => t.tenantId).sort();
    expect(ids(home)).toEqual([P.contoso, P.fabrikam, TEST_IDS.tenants.woodgrove].sort());
    expect(ids(guest)).toEqual(ids(home));
    expect((await all(h, '/tenants?api-version=2022-12-01', BOB)).items.map((t) => t.tenantId)).toEqual([
      P.contoso,
    ]);
  });

  it('GET /subscriptions: token tenant only, active roles only (eligible-only stays hidden)', async () => {
    const names = (await all(h, '/subscriptions?api-version=2022-12-01', ALICE)).items.map(
      (s) => s.displayName,
    );
    // dev is visible through a resource-group role; sandbox is eligible only; shared has nothing;
    // Woodgrove's is delegated through Azure Lighthouse and keeps its own tenantId.
    expect(names).toEqual(['Contoso Production', 'Contoso Development', 'Woodgrove Payments']);
    const guest = (await all(h, '/subscriptions?api-version=2022-12-01', ALICE_GUEST)).items;
    expect(guest.map((s) => s.subscriptionId)).toEqual([S.fabrikam]);
    const bob = (await all(h, '/subscriptions?api-version=2022-12-01', BOB)).items;
    expect(bob.map((s) => s.displayName)).toEqual(['Contoso Shared']);
  });

  it('resource groups: all under a subscription role, only the role’s group otherwise', async () => {
    const prod = await all(h, `/subscriptions/${S.prod}/resourcegroups?api-version=2025-04-01`, ALICE);
    expect(prod.items.map((g) => g.name)).toEqual(['rg-prod-web', 'rg-prod-data', 'rg-prod-secrets']);
    expect(prod.items[0]).toMatchObject({
      id: `/subscriptions/${S.prod}/resourceGroups/rg-prod-web`,
      location: 'westeurope',
      tags: { app: 'web' },
      properties: { provisioningState: 'Succeeded' },
    });
    const dev = await all(h, `/subscriptions/${S.dev}/resourcegroups?api-version=2025-04-01`, ALICE);
    expect(dev.items.map((g) => g.name)).toEqual(['rg-dev-web']);
    const sandbox = await h.call('GET', `/subscriptions/${S.sandbox}/resourcegroups?api-version=2025-04-01`, {
      token: ALICE,
    });
    expect(sandbox.status).toBe(403);
  });

  it('resource group tag filter', async () => {
    const res = await h.call(
      'GET',
      `/subscriptions/${S.prod}/resourcegroups?api-version=2025-04-01&$filter=tagName eq 'app' and tagValue eq 'web'`,
      { token: ALICE },
    );
    expect((await res.json()).value.map((g: Json) => g.name)).toEqual(['rg-prod-web']);
  });

  it('nextLink paging returns every item exactly once and keeps the query', async () => {
    h.emu.control.setPageSize('subscriptions', 1);
    h.emu.control.setPageSize('tenants', 2);
    h.emu.control.setPageSize('scheduleInstances', 2);
    try {
      const subs = await all(h, '/subscriptions?api-version=2022-12-01', ALICE);
      expect(subs.pages).toBe(3);
      expect(subs.items.map((s) => s.displayName)).toEqual([
        'Contoso Production',
        'Contoso Development',
        'Woodgrove Payments',
      ]);

      const tenants = await all(h, '/tenants?api-version=2022-12-01', ALICE);
      expect(tenants.pages).toBe(2);
      expect(new Set(tenants.items.map((t) => t.tenantId)).size).toBe(3);

      const rgs = await all(
        h,
        `/subscriptions/${S.prod}/resourcegroups?api-version=2025-04-01&$top=1`,
        ALICE,
      );
      expect(rgs.pages).toBe(3);
      expect(rgs.items.map((g) => g.name)).toEqual(['rg-prod-web', 'rg-prod-data', 'rg-prod-secrets']);

      const first = await h.call(
        'GET',
        '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()',
        { token: ALICE },
      );
      const next = new URL((await first.json()).nextLink);
      expect(next.origin).toBe(h.base);
      expect(next.searchParams.get('api-version')).toBe('2020-10-01');
      expect(next.searchParams.get('$filter')).toBe('asTarget()');
      const elig = await all(
        h,
        '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()',
        ALICE,
      );
      expect(elig.pages).toBe(3);
      expect(new Set(elig.items.map((e) => e.id)).size).toBe(6);
    } finally {
      h.emu.control.setPageSize('subscriptions', 100);
      h.emu.control.setPageSize('tenants', 50);
      h.emu.control.setPageSize('scheduleInstances', Number.POSITIVE_INFINITY);
    }
  });

  it('PIM instance lists come in one page by default (no page size is documented)', async () => {
    const elig = await all(
      h,
      '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()',
      ALICE,
    );
    expect(elig.pages).toBe(1);
    expect(elig.items.length).toBeGreaterThan(2);
  });

  it('a skip token from another listing is refused', async () => {
    h.emu.control.setPageSize('subscriptions', 1);
    try {
      const first = await (
        await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: ALICE })
      ).json();
      const token = new URL(first.nextLink).searchParams.get('$skiptoken') ?? '';
      const res = await h.call(
        'GET',
        `/tenants?api-version=2022-12-01&$skiptoken=${encodeURIComponent(token)}`,
        {
          token: ALICE,
        },
      );
      expect(res.status).toBe(400);
    } finally {
      h.emu.control.setPageSize('subscriptions', 100);
    }
  });
});
