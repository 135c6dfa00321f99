import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import {
  activations,
  arm,
  deps,
  emu,
  entry,
  h,
  handledCode,
  megan,
  opened,
  R,
  S,
  subScope,
  useCatalogHarness,
} from '../test-support-catalog';
import { activateAndOpen, activationPlan } from './activate';
import { openActive } from './open-active';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

useCatalogHarness();

describe('activation', () => {
  beforeEach(async () => {
    await refreshCatalog(deps);
    arm.control.resetRequests();
  });

  it('plans from the role policy: maximum duration and a required justification', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    const plan = await activationPlan(deps, contributor.key);

    expect(plan).toMatchObject({
      key: contributor.key,
      duration: { default: 60, max: 8 * 60 },
      justification: { required: true, templates: [] },
      requireApproval: false,
      needsInput: true,
    });
    expect(plan.ticket).toBeUndefined();
    expect(arm.requests.map((r) => r.kind)).toEqual(['policyAssignments']);

    const ticketed = await entry(TENANTS.contoso, subScope(S.prod), R.userAccessAdministrator);
    expect(await activationPlan(deps, ticketed.key)).toMatchObject({
      duration: { max: 4 * 60 },
      ticket: { required: true },
    });
    const active = await entry(TENANTS.contoso, subScope(S.prod), R.reader);
    expect(await handledCode(activationPlan(deps, active.key))).toBe('not_eligible');
  });

  it('activates with the justification and duration given, then opens the portal', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    const before = Date.now();
    const result = await activateAndOpen(deps, {
      key: contributor.key,
      durationMinutes: 90,
      justification: 'Deploy hotfix 42',
    });

    expect(result).toMatchObject({ key: contributor.key, status: 'provisioned' });
    expect(activations.map((a) => a.status)).toEqual(['activating', 'provisioned']);
    expect(arm.control.activationRequests).toHaveLength(1);
    expect(arm.control.activationRequests[0]).toMatchObject({
      tenantId: TENANTS.contoso,
      callerOid: megan.oid,
      justification: 'Deploy hotfix 42',
      duration: 'PT90M',
      outcome: expect.stringMatching(/^201/),
    });
    expect(arm.control.activationRequests[0]!.scope.toLowerCase()).toBe(subScope(S.prod));

    const after = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    expect(after.state).toBe('active');
    expect(after.activeUntil).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(after.activeUntil).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.prod}/overview`,
    ]);
    expect(await h.deps.db.get('prefs', 'recents')).toEqual([contributor.key]);

    // Now active: a second click opens the portal from the cache.
    emu.resetRequests();
    await openActive(deps, contributor.key);
    expect(opened).toHaveLength(2);
    expect(emu.requests).toEqual([]);
  });

  it('leaves a role that needs approval pending', async () => {
    const owner = await entry(TENANTS.contoso, subScope(S.prod), R.owner);
    const result = await activateAndOpen(deps, {
      key: owner.key,
      durationMinutes: 60,
      justification: 'Quarterly access review',
    });

    expect(result.status).toBe('pending_approval');
    expect(activations.map((a) => a.status)).toEqual(['activating', 'pending_approval']);
    expect(arm.control.activationRequests).toHaveLength(1);
    expect(arm.control.activationRequests[0]!.outcome).toMatch(/PendingApproval/);
    expect((await entry(TENANTS.contoso, subScope(S.prod), R.owner)).state).toBe('pending');
    expect(opened).toEqual([]);
  });

  it('refuses a ticket-required role without a ticket, before asking PIM', async () => {
    const uaa = await entry(TENANTS.contoso, subScope(S.prod), R.userAccessAdministrator);
    const result = await activateAndOpen(deps, {
      key: uaa.key,
      durationMinutes: 60,
      justification: 'Grant access to the auditor',
    });

    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'activation_ticket_required', detail: { field: 'ticket' } },
    });
    expect(activations.map((a) => a.status)).toEqual(['activating', 'failed']);
    expect(arm.control.activationRequests).toEqual([]);
    expect((await entry(TENANTS.contoso, subScope(S.prod), R.userAccessAdministrator)).state).toBe(
      'eligible',
    );
    expect(opened).toEqual([]);
  });

  it('activates a guest role in the guest tenant with the guest object ID', async () => {
    const contributor = await entry(TENANTS.fabrikam, subScope(S.fabrikam), R.contributor);
    const result = await activateAndOpen(deps, {
      key: contributor.key,
      durationMinutes: 30,
      justification: 'Analytics run',
    });

    expect(result.status).toBe('provisioned');
    expect(arm.control.activationRequests[0]).toMatchObject({
      tenantId: TENANTS.fabrikam,
      callerOid: megan.fabrikamOid,
      duration: 'PT30M',
    });
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.fabrikam}/resource/subscriptions/${S.fabrikam}/overview`,
    ]);
  });
});
