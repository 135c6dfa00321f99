import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import * as c from '../test-support-catalog';
import { openActive } from './open-active';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

describe('openActive', () => {
  beforeEach(async () => {
    await refreshCatalog(c.deps);
    c.emu.resetRequests();
    c.arm.control.resetRequests();
  });

  it('opens the portal at an active subscription role from the cache alone', async () => {
    const reader = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.reader);
    const url = `${c.emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${c.S.prod}/overview`;

    expect(await openActive(c.deps, reader.key)).toEqual({ url });
    expect(c.opened).toEqual([url]);
    expect(c.emu.requests).toEqual([]);
    expect(c.arm.requests).toEqual([]);
    expect(await c.h.deps.db.get('prefs', 'recents')).toEqual([reader.key]);
  });

  it('opens the portal at an active resource-group role', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.rgScope(c.S.dev, 'rg-dev-web'), c.R.contributor);
    await openActive(c.deps, contributor.key);
    expect(c.opened).toEqual([
      `${c.emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${c.S.dev}/resourceGroups/rg-dev-web/overview`,
    ]);
    expect(c.emu.requests).toEqual([]);
  });

  it('refuses an eligible role: it needs activation first', async () => {
    const eligible = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    expect(await c.handledCode(openActive(c.deps, eligible.key))).toBe('needs_activation');
    expect(c.opened).toEqual([]);
    expect(await c.handledCode(openActive(c.deps, `${TENANTS.contoso}|/nowhere|x`))).toBe('entry_not_found');
    expect(c.emu.requests).toEqual([]);
  });
});
