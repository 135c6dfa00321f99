import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticArmSeed, testArmSeed, TEST_IDS } from './index';
import { ALICE, ALICE_GUEST, P, principals, startArm, token, type Harness, type Json } from './harness';

const ARG = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const CLIENT_QUERY =
  "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' or type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, type, subscriptionId, resourceGroup, tenantId, tags";
const S = TEST_IDS.subscriptions;

async function query(
  h: Harness,
  body: unknown,
  tok = ALICE,
): Promise<{ status: number; headers: Headers; body: Json }> {
  const res = await h.call('POST', ARG, { token: tok, body });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('Resource Graph over ResourceContainers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startArm(testArmSeed(principals));
  });
  afterEach(() => h.close());

  it('answers the client query at tenant scope with containers the caller can read, Lighthouse ones included', async () => {
    const r = await query(h, { query: CLIENT_QUERY, options: { resultFormat: 'objectArray' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ totalRecords: 8, count: 8, resultTruncated: 'false', facets: [] });
    expect(r.body.$skipToken).toBeUndefined();
    const subs = r.body.data.filter((x: Json) => x.type === 'microsoft.resources/subscriptions');
    // Read access only: the eligible-only sandbox is not there until a role on it is activated.
    expect(subs.map((s: Json) => s.name).sort()).toEqual([
      'Contoso Development',
      'Contoso Production',
      'Woodgrove Payments',
    ]);
    // The delegated subscription keeps its own tenant.
    expect(subs.find((s: Json) => s.name === 'Woodgrove Payments').tenantId).toBe(TEST_IDS.tenants.woodgrove);
    expect(Object.keys(r.body.data[0]).sort()).toEqual(
      ['id', 'name', 'resourceGroup', 'subscriptionId', 'tags', 'tenantId', 'type'].sort(),
    );
    const rg = r.body.data.find((x: Json) => x.name === 'rg-prod-web');
    expect(rg).toMatchObject({
      id: `/subscriptions/${S.prod}/resourceGroups/rg-prod-web`,
      type: 'microsoft.resources/subscriptions/resourcegroups',
      resourceGroup: 'rg-prod-web',
      subscriptionId: S.prod,
      tenantId: P.contoso,
      tags: { app: 'web' },
    });
    expect(r.headers.get('x-ms-user-quota-remaining')).toBe('14');
    expect(r.headers.get('x-ms-user-quota-resets-after')).toBe('00:00:05');
  });

  it("visibility 'active' (default) hides eligible-only containers; 'activeOrEligible' shows them", async () => {
    const names = async () => (await query(h, { query: CLIENT_QUERY })).body.data.map((x: Json) => x.name);
    const active = await names();
    expect(active).not.toContain('Contoso Sandbox');
    // dev: only the resource group that carries an active role.
    expect(active.filter((n: string) => n.startsWith('rg-dev'))).toEqual(['rg-dev-web']);
    h.emu.control.setArgVisibility('activeOrEligible');
    const all = await names();
    expect(all).toContain('Contoso Sandbox');
    expect(all.filter((n: string) => n.startsWith('rg-dev')).sort()).toEqual(['rg-dev-api', 'rg-dev-web']);
  });

  it('subscriptions scope, type filters, order, limit, extend and table format', async () => {
    const scoped = await query(h, { subscriptions: [S.prod], query: CLIENT_QUERY });
    expect(scoped.body.totalRecords).toBe(4);
    const subsOnly = await query(h, {
      query:
        "ResourceContainers | where type == 'microsoft.resources/subscriptions' | order by name asc | project subscriptionId, name, state = properties.state",
    });
    expect(subsOnly.body.data.map((x: Json) => x.name)).toEqual([
      'Contoso Development',
      'Contoso Production',
      'Woodgrove Payments',
    ]);
    expect(subsOnly.body.data[1].state).toBe('Enabled');
    const inList = await query(h, {
      query:
        "resourcecontainers | where type in~ ('Microsoft.Resources/Subscriptions/ResourceGroups') and subscriptionId == '" +
        S.prod +
        "' | extend rg = name | project id, rg | limit 2",
    });
    expect(inList.body.data).toHaveLength(2);
    expect(Object.keys(inList.body.data[0])).toEqual(['id', 'rg']);
    const table = await query(h, { query: CLIENT_QUERY, options: { resultFormat: 'table', $top: 2 } });
    expect(table.body.data.columns.map((c: Json) => c.name)).toEqual([
      'id',
      'name',
      'type',
      'subscriptionId',
      'resourceGroup',
      'tenantId',
      'tags',
    ]);
    expect(table.body.data.rows).toHaveLength(2);
    expect(table.body.$skipToken).toBeTypeOf('string');
  });

  it('refuses queries it does not understand with an ARG-style 400', async () => {
    const bad = await query(h, { query: 'ResourceContainers | summarize count() by type' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BadRequest');
    expect(bad.body.error.details[0].code).toBe('InvalidQuery');
    const unknownColumn = await query(h, { query: "ResourceContainers | where subscriptionid == 'x'" });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.error.details[1].message).toContain("'subscriptionid'");
    const top = await query(h, { query: CLIENT_QUERY, options: { $top: 1001 } });
    expect(top.status).toBe(400);
    const table = await query(h, { query: 'SecurityResources | limit 1' });
    expect(table.status).toBe(400);
  });

  it('quota: 15 queries per 5 s per user (across tenants), then 429 RateLimiting until the window resets', async () => {
    for (let i = 0; i < 10; i++) expect((await query(h, { query: CLIENT_QUERY })).status).toBe(200);
    // The guest token belongs to the same person: it draws from the same budget.
    for (let i = 0; i < 5; i++)
      expect((await query(h, { query: CLIENT_QUERY }, ALICE_GUEST)).status).toBe(200);
    h.clock.advance(2000);
    const limited = await query(h, { query: CLIENT_QUERY });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RateLimiting');
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('x-ms-user-quota-remaining')).toBe('0');
    expect(limited.headers.get('x-ms-user-quota-resets-after')).toBe('00:00:03');
    // A different user is unaffected.
    expect((await query(h, { query: CLIENT_QUERY }, token(P.contoso, P.bob))).status).toBe(200);
    h.clock.advance(3000);
    const recovered = await query(h, { query: CLIENT_QUERY });
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get('x-ms-user-quota-remaining')).toBe('14');
  });

  it('refuseResourceGraph: 403 AuthorizationFailed by default, 400 BadRequest on request, off again', async () => {
    h.emu.control.refuseResourceGraph(P.contoso, true);
    const forbidden = await query(h, { query: CLIENT_QUERY });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('AuthorizationFailed');
    // Other tenants keep working.
    expect((await query(h, { query: CLIENT_QUERY }, ALICE_GUEST)).status).toBe(200);
    h.emu.control.refuseResourceGraph(P.contoso, true, 'badRequest');
    expect((await query(h, { query: CLIENT_QUERY })).status).toBe(400);
    h.emu.control.refuseResourceGraph(P.contoso, false);
    expect((await query(h, { query: CLIENT_QUERY })).status).toBe(200);
  });

  it('accepts the older api-versions', async () => {
    for (const v of ['2022-10-01', '2021-03-01']) {
      const res = await h.call('POST', `/providers/Microsoft.ResourceGraph/resources?api-version=${v}`, {
        token: ALICE,
        body: { query: CLIENT_QUERY },
      });
      expect(res.status).toBe(200);
    }
  });
});

describe('Resource Graph paging over 3,000 resource groups', () => {
  let h: Harness;
  const principal = { tenantId: P.contoso, oid: P.alice };
  beforeAll(async () => {
    h = await startArm(
      syntheticArmSeed({
        tenants: 1,
        subscriptionsPerTenant: 300,
        resourceGroupsPerSubscription: 10,
        principal,
      }),
    );
    // Every container, eligible-only ones too, so that there are 3,300 rows to page through.
    h.emu.control.setArgVisibility('activeOrEligible');
  });
  afterAll(() => h.close());

  it('$skipToken walks every row exactly once', async () => {
    const ids: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const r = await query(h, {
        query: CLIENT_QUERY,
        options: skipToken ? { $skipToken: skipToken } : { $top: 1000 },
      });
      expect(r.status).toBe(200);
      expect(r.body.totalRecords).toBe(3300);
      ids.push(...r.body.data.map((x: Json) => x.id));
      skipToken = r.body.$skipToken;
      pages++;
    } while (skipToken);
    expect(pages).toBe(4);
    expect(ids).toHaveLength(3300);
    expect(new Set(ids).size).toBe(3300);
    expect(ids.filter((id) => id.includes('/resourceGroups/'))).toHaveLength(3000);
  });

  it('without $top a page holds 100 rows, and names the next one', async () => {
    h.clock.advance(10_000);
    const r = await query(h, { query: CLIENT_QUERY });
    expect(r.body.count).toBe(100);
    expect(r.body.$skipToken).toBeTypeOf('string');
  });

  it('a skip token reused with another query or other scopes is a 400', async () => {
    h.clock.advance(10_000);
    const first = await query(h, { query: CLIENT_QUERY, options: { $top: 10 } });
    const tok = first.body.$skipToken as string;
    const other = await query(h, {
      query: `${CLIENT_QUERY} | order by name asc`,
      options: { $skipToken: tok },
    });
    expect(other.status).toBe(400);
    expect(other.body.error.details[1].code).toBe('InvalidSkipToken');
    const scoped = await query(h, {
      subscriptions: [first.body.data[0].subscriptionId],
      query: CLIENT_QUERY,
      options: { $skipToken: tok },
    });
    expect(scoped.status).toBe(400);
    const same = await query(h, { query: CLIENT_QUERY, options: { $skipToken: tok } });
    expect(same.status).toBe(200);
    expect(same.body.data[0].id).not.toBe(first.body.data[0].id);
    expect(same.body.count).toBe(10);
  });

  it('$skip without a token pages too', async () => {
    h.clock.advance(10_000);
    const page = await query(h, { query: CLIENT_QUERY, options: { $top: 5, $skip: 3295 } });
    expect(page.body.count).toBe(5);
    expect(page.body.$skipToken).toBeUndefined();
  });
});
