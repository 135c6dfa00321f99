import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import * as c from '../test-support-catalog';
import { activateAndOpen, activationPlan } from './activate';
import { openActive } from './open-active';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

describe('activation', () => {
  beforeEach(async () => {
    await refreshCatalog(c.deps);
    c.arm.control.resetRequests();
  });

  it('plans from the role policy: maximum duration and a required justification', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    const plan = await activationPlan(c.deps, contributor.key);

    expect(plan).toMatchObject({
      key: contributor.key,
      duration: { default: 60, max: 8 * 60 },
      justification: { required: true, templates: [] },
      requireApproval: false,
      needsInput: true,
    });
    expect(plan.ticket).toBeUndefined();
    expect(c.arm.requests.map((r) => r.kind)).toEqual(['policyAssignments']);

    const ticketed = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.userAccessAdministrator);
    expect(await activationPlan(c.deps, ticketed.key)).toMatchObject({
      duration: { max: 4 * 60 },
      ticket: { required: true },
    });
    const active = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.reader);
    expect(await c.handledCode(activationPlan(c.deps, active.key))).toBe('not_eligible');
  });

  it('activates with the justification and duration given, then opens the portal', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    const before = Date.now();
    const result = await activateAndOpen(c.deps, {
      key: contributor.key,
      durationMinutes: 90,
      justification: 'Deploy hotfix 42',
    });

    expect(result).toMatchObject({ key: contributor.key, status: 'provisioned' });
    expect(c.activations.map((a) => a.status)).toEqual(['activating', 'activating', 'provisioned']);
    expect(c.arm.control.activationRequests).toHaveLength(1);
    // The request's name was kept before the PUT went out, for a worker stopped meanwhile.
    expect(c.activations[1]).toMatchObject({
      requestName: c.arm.control.activationRequests[0]!.name,
      durationMinutes: 90,
    });
    expect(c.arm.control.activationRequests[0]).toMatchObject({
      tenantId: TENANTS.contoso,
      callerOid: c.megan.oid,
      justification: 'Deploy hotfix 42',
      duration: 'PT90M',
      outcome: expect.stringMatching(/^201/),
    });
    expect(c.arm.control.activationRequests[0]!.scope.toLowerCase()).toBe(c.subScope(c.S.prod));

    const after = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    expect(after.state).toBe('active');
    expect(after.activeUntil).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(after.activeUntil).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    expect(c.opened).toEqual([
      `${c.emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${c.S.prod}/overview`,
    ]);
    expect(await c.h.deps.db.get('prefs', 'recents')).toEqual([contributor.key]);

    // Now active: a second click opens the portal from the cache.
    c.emu.resetRequests();
    await openActive(c.deps, contributor.key);
    expect(c.opened).toHaveLength(2);
    expect(c.emu.requests).toEqual([]);
  });

  it('leaves a role that needs approval pending', async () => {
    const owner = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.owner);
    const result = await activateAndOpen(c.deps, {
      key: owner.key,
      durationMinutes: 60,
      justification: 'Quarterly access review',
    });

    expect(result.status).toBe('pending_approval');
    expect(c.activations.map((a) => a.status)).toEqual(['activating', 'activating', 'pending_approval']);
    expect(c.arm.control.activationRequests).toHaveLength(1);
    expect(c.arm.control.activationRequests[0]!.outcome).toMatch(/PendingApproval/);
    expect((await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.owner)).state).toBe('pending');
    expect(c.opened).toEqual([]);
  });

  it('refuses a ticket-required role without a ticket, before asking PIM', async () => {
    const uaa = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.userAccessAdministrator);
    const result = await activateAndOpen(c.deps, {
      key: uaa.key,
      durationMinutes: 60,
      justification: 'Grant access to the auditor',
    });

    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'activation_ticket_required', detail: { field: 'ticket' } },
    });
    expect(c.activations.map((a) => a.status)).toEqual(['activating', 'failed']);
    expect(c.arm.control.activationRequests).toEqual([]);
    expect((await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.userAccessAdministrator)).state).toBe(
      'eligible',
    );
    expect(c.opened).toEqual([]);
  });

  it('activates a guest role in the guest tenant with the guest object ID', async () => {
    const contributor = await c.entry(TENANTS.fabrikam, c.subScope(c.S.fabrikam), c.R.contributor);
    const result = await activateAndOpen(c.deps, {
      key: contributor.key,
      durationMinutes: 30,
      justification: 'Analytics run',
    });

    expect(result.status).toBe('provisioned');
    expect(c.arm.control.activationRequests[0]).toMatchObject({
      tenantId: TENANTS.fabrikam,
      callerOid: c.megan.fabrikamOid,
      duration: 'PT30M',
    });
    expect(c.opened).toEqual([
      `${c.emu.portalUrl}/#@${TENANTS.fabrikam}/resource/subscriptions/${c.S.fabrikam}/overview`,
    ]);
  });
});
