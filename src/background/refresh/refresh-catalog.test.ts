import { describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import { TEST_IDS } from '../../../tests/emulator/arm/index';
import { tokenPosts } from '../link/test-support';
import type { CloudAccessRole } from '../../shared/config/schema';
import * as c from '../test-support-catalog';
import { refreshCatalog } from './refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

describe('refreshCatalog', () => {
  it('stores each tenant catalog with active and eligible roles, in a few ARM calls per tenant', async () => {
    const before = Date.now();
    const result = await refreshCatalog(c.deps);

    expect(result).toMatchObject({ running: false, done: 2, total: 2, errors: [] });
    expect(c.progress[0]).toMatchObject({ running: true, done: 0, total: 2 });
    expect(c.progress.at(-1)).toEqual(result);

    const contoso = await c.h.deps.db.get('catalog', TENANTS.contoso);
    expect(contoso?.tenantName).toBe('Contoso <R&D>');
    expect(contoso?.refreshedAt).toBeGreaterThanOrEqual(before);
    expect(c.summary(contoso!.entries)).toEqual(
      [
        'Contoso Development|rg-dev-web|Contributor|active',
        'Contoso Development||Contributor|eligible',
        'Contoso Production|rg-prod-secrets|Key Vault Administrator|eligible',
        'Contoso Production||Contributor|eligible',
        'Contoso Production||Owner|eligible',
        'Contoso Production||Reader|active',
        'Contoso Production||User Access Administrator|eligible',
        'Contoso Sandbox||Reader|eligible',
        // Delegated by Woodgrove Bank through Azure Lighthouse: under the linked tenant, which opens it.
        'Woodgrove Payments||Azure Lighthouse|active',
      ].sort(),
    );
    for (const e of contoso!.entries) {
      expect(e.tenantId).toBe(TENANTS.contoso);
      expect(e.key.startsWith(`${TENANTS.contoso}|`)).toBe(true);
      expect(e.source).toBe(e.delegatedBy ? 'delegated' : 'held');
      if (e.state === 'eligible') expect(e.eligibilityScheduleId).toEqual(expect.any(String));
    }
    expect(contoso!.entries.find((e) => e.delegatedBy)?.delegatedBy).toEqual({
      tenantId: TEST_IDS.tenants.woodgrove,
      tenantName: 'Woodgrove Bank',
    });

    const fabrikam = await c.h.deps.db.get('catalog', TENANTS.fabrikam);
    expect(fabrikam?.tenantName).toBe('Fabrikam');
    expect(c.summary(fabrikam!.entries)).toEqual([
      'Fabrikam Analytics||Contributor|eligible',
      'Fabrikam Analytics||Reader|active',
    ]);

    // Each tenant was asked with its own token (the guest's own object ID in Fabrikam), about 4 calls;
    // only Contoso, which has a Lighthouse delegation, asks `GET /tenants` for the customer's name.
    const byTenant = (tenantId: string) => c.arm.requests.filter((r) => r.tenantId === tenantId);
    for (const tenantId of [TENANTS.contoso, TENANTS.fabrikam]) {
      const kinds = byTenant(tenantId).map((r) => r.kind);
      expect(kinds.length).toBeLessThanOrEqual(4);
      const named = tenantId === TENANTS.contoso ? ['tenants'] : [];
      expect(new Set(kinds)).toEqual(
        new Set(['resourceGraph', 'assignmentInstances', 'eligibilityInstances', ...named]),
      );
    }
    expect(new Set(byTenant(TENANTS.fabrikam).map((r) => r.oid))).toEqual(new Set([c.megan.fabrikamOid]));
    expect(c.arm.requests.every((r) => r.status === 200)).toBe(true);
    // The access tokens from the link were reused: no token request.
    expect(c.emu.requests.filter((r) => r.listener === 'login')).toEqual([]);
  });

  it('applies curated roles from the configuration', async () => {
    const curated: CloudAccessRole[] = [
      { name: 'Prod read-only', connection: 'contoso', scope: c.subScope(c.S.prod), role: 'Reader' },
      {
        name: 'Shared networking',
        connection: 'contoso',
        scope: c.subScope(c.S.shared),
        role: 'Network Contributor',
      },
    ];
    c.h.layer.cloudAccessRoles = curated;
    await refreshCatalog(c.deps);

    expect(await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.reader)).toMatchObject({
      curatedName: 'Prod read-only',
      state: 'active',
      source: 'held',
    });
    const notHeld = (await c.entriesOf(TENANTS.contoso)).filter((e) => e.state === 'not_held');
    expect(notHeld).toEqual([
      expect.objectContaining({
        curatedName: 'Shared networking',
        source: 'curated',
        subscriptionId: c.S.shared,
        roleName: 'Network Contributor',
      }),
    ]);
    expect((await c.entriesOf(TENANTS.fabrikam)).some((e) => e.curatedName)).toBe(false);
  });

  it('Lighthouse: the list fallback keeps delegated subscriptions apart too; without GET /tenants they show the tenant ID', async () => {
    c.arm.control.refuseResourceGraph(TENANTS.contoso, true);
    c.arm.control.failNext({ pathIncludes: '/tenants', status: 403, count: 5 });
    await refreshCatalog(c.deps);
    const entries = await c.entriesOf(TENANTS.contoso);
    const delegated = entries.filter((e) => e.source === 'delegated');
    expect(delegated.map((e) => [e.subscriptionName, e.scope, e.state, e.delegatedBy])).toEqual([
      [
        'Woodgrove Payments',
        `/subscriptions/${TEST_IDS.subscriptions.woodgrove}`,
        'active',
        { tenantId: TEST_IDS.tenants.woodgrove },
      ],
    ]);
    // No container of Woodgrove's is taken for one of Contoso's.
    expect(entries.filter((e) => e.subscriptionId === TEST_IDS.subscriptions.woodgrove)).toHaveLength(1);
  });

  it('a 401 for a refused access token forgets it, renews once and finishes the refresh', async () => {
    c.arm.control.failNext({
      pathIncludes: 'roleEligibilityScheduleInstances',
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } },
      count: 1,
    });
    const result = await refreshCatalog(c.deps);
    expect(result.errors).toEqual([]);
    expect(await c.h.deps.db.get('catalog', TENANTS.contoso)).toBeDefined();
    expect(await c.h.deps.db.get('catalog', TENANTS.fabrikam)).toBeDefined();
    // Exactly one tenant's token was refused, so exactly one refresh-token redemption.
    expect(tokenPosts(c.emu)).toHaveLength(1);
    expect(c.arm.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('skips links that are not ok and reports a tenant that fails', async () => {
    await c.h.deps.db.put('links', {
      ...(await c.h.deps.db.get('links', TENANTS.fabrikam))!,
      status: 'needs_sign_in',
    });
    c.arm.control.failNext({ pathIncludes: 'roleEligibilityScheduleInstances', status: 500, count: 10 });
    const result = await refreshCatalog(c.deps);

    expect(result.total).toBe(1);
    expect(result.errors).toEqual([
      { tenantId: TENANTS.contoso, error: expect.objectContaining({ code: expect.stringMatching(/^arm_/) }) },
    ]);
    expect(await c.h.deps.db.get('catalog', TENANTS.contoso)).toBeUndefined();
    expect(c.arm.requests.some((r) => r.tenantId === TENANTS.fabrikam)).toBe(false);
  });
});
