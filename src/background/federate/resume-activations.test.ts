import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import * as c from '../test-support-catalog';
import type { CatalogDeps } from '../catalog-deps';
import type { ActivationState } from '../../shared/messages/catalog-contract';
import { activateAndOpen } from './activate';
import { resumeActivations } from './resume-activations';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

const puts = () => c.arm.control.requests.filter((r) => r.method === 'PUT');

/** The next worker: the same database and storage, its own (real, short) waits between polls. */
const nextWorker = (): CatalogDeps => ({
  ...c.deps,
  sleep: () => new Promise((resolve) => setTimeout(resolve, 20)),
});

describe('a worker stopped during an activation: the next one follows the request it kept', () => {
  beforeEach(async () => {
    await refreshCatalog(c.deps);
    c.arm.control.resetRequests();
  });

  it('after the PUT, before Provisioned: the request is read back by name and followed, never sent again', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    c.arm.control.setActivationDelay(300);
    // The first worker sends the PUT, then stops while it waits to poll (its wait never ends).
    const stopped: CatalogDeps = { ...c.deps, sleep: () => new Promise(() => undefined) };
    void activateAndOpen(stopped, { key: contributor.key, durationMinutes: 60, justification: 'fix' });
    await vi.waitFor(() => expect(puts()).toHaveLength(1));
    const left = c.activations.at(-1)!;
    expect(left).toMatchObject({
      status: 'activating',
      requestName: c.arm.control.activationRequests[0]!.name,
    });

    const { following } = await resumeActivations(nextWorker(), { [contributor.key]: left });
    await Promise.all(following);

    expect(c.activations.at(-1)).toMatchObject({ key: contributor.key, status: 'provisioned' });
    expect(puts()).toHaveLength(1);
    expect(c.arm.control.requestStatus(left.requestName!)).toBe('Provisioned');
    const after = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    expect(after.state).toBe('active');
    // Counted from when it settled: never before the end PIM keeps (it started at acceptance, earlier).
    expect(after.activeUntil).toBeGreaterThanOrEqual(left.startedAt + 60 * 60_000);
  });

  it('stopped before anything was sent: closed with a calm retry, nothing asked of ARM', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    const left: ActivationState = { key: contributor.key, status: 'activating', startedAt: 1 };
    const { following } = await resumeActivations(nextWorker(), { [contributor.key]: left });
    expect(following).toHaveLength(0);
    expect(c.activations.at(-1)).toEqual({
      key: contributor.key,
      status: 'failed',
      startedAt: 1,
      error: { code: 'activation_interrupted' },
    });
    expect(c.arm.control.requests).toHaveLength(0);
  });

  it('a kept name ARM never received: reported as not received, and still not sent', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    const left: ActivationState = {
      key: contributor.key,
      status: 'activating',
      startedAt: 1,
      requestName: '7b1b2c4e-8f0a-4d6b-9a51-3c2d1e0f9a88',
      durationMinutes: 60,
    };
    const { following } = await resumeActivations(nextWorker(), { [contributor.key]: left });
    await Promise.all(following);
    expect(c.activations.at(-1)).toMatchObject({
      status: 'failed',
      error: { code: 'activation_not_received' },
    });
    expect(puts()).toHaveLength(0);
    expect(c.arm.control.requests.length).toBeGreaterThan(0);
  });

  it('finished states are left as they are', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    const done: ActivationState = { key: contributor.key, status: 'provisioned', startedAt: 1 };
    const { following } = await resumeActivations(nextWorker(), { [contributor.key]: done });
    expect(following).toHaveLength(0);
    expect(c.activations).toHaveLength(0);
  });
});
