import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import type { ActivationBatch } from '../../shared/messages/lifecycle-contract';
import { memoryLastRequests } from '../lifecycle/last-request';
import { refreshCatalog } from '../refresh/refresh-catalog';
import * as c from '../test-support-catalog';
import { activateMany, planMany } from './activate-many';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

describe('activating several roles at once', () => {
  beforeEach(async () => {
    await refreshCatalog(c.deps);
  });

  const keys = async () => [
    (await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor)).key,
    (await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.owner)).key,
    (await c.entry(TENANTS.contoso, c.subScope(c.S.sandbox), c.R.reader)).key,
    (await c.entry(TENANTS.contoso, c.subScope(c.S.dev), c.R.contributor)).key,
  ];

  it('one form asks the union of their policies', async () => {
    const [contributor, owner, , mfa] = await keys();
    const plan = await planMany(c.deps, [contributor!, owner!, mfa!]);
    // Development's policy is not readable without an active role there: PIM's 8-hour default.
    expect(plan).toMatchObject({
      duration: { max: 480 },
      justification: { required: true },
      requireApproval: true,
    });
  });

  it('one request per role; the summary names each outcome, none left half done', async () => {
    const all = await keys();
    const written: ActivationBatch[] = [];
    const mark = c.arm.control.activationRequests.length;
    const batch = await activateMany(
      c.deps,
      { keys: all, durationMinutes: 60, justification: 'Incident 42' },
      async (b) => void written.push(b),
      memoryLastRequests(),
    );
    expect(batch.running).toBe(false);
    expect(batch.items.map((i) => [i.key, i.status, i.error?.code])).toEqual([
      [all[0], 'provisioned', undefined],
      [all[1], 'pending_approval', undefined],
      [all[2], 'provisioned', undefined],
      [all[3], 'failed', 'arm_mfa_required'],
    ]);
    // Requests per action: N roles = N PUTs, all with the one justification.
    const puts = c.arm.control.activationRequests.slice(mark);
    expect(puts).toHaveLength(4);
    expect(new Set(puts.map((p) => p.justification))).toEqual(new Set(['Incident 42']));
    // Progress per role was written while it ran.
    expect(written[0]!.items.every((i) => i.status === 'queued')).toBe(true);
    expect(written.some((b) => b.items.some((i) => i.status === 'activating'))).toBe(true);
    expect((await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.owner)).state).toBe('pending');
    expect((await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor)).state).toBe('active');
  });
});
