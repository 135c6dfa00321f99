import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import {
  arm,
  deps,
  emu,
  entry,
  h,
  handledCode,
  opened,
  R,
  rgScope,
  S,
  subScope,
  useCatalogHarness,
} from '../test-support-catalog';
import { openActive } from './open-active';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

useCatalogHarness();

describe('openActive', () => {
  beforeEach(async () => {
    await refreshCatalog(deps);
    emu.resetRequests();
    arm.control.resetRequests();
  });

  it('opens the portal at an active subscription role from the cache alone', async () => {
    const reader = await entry(TENANTS.contoso, subScope(S.prod), R.reader);
    const url = `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.prod}/overview`;

    expect(await openActive(deps, reader.key)).toEqual({ url });
    expect(opened).toEqual([url]);
    expect(emu.requests).toEqual([]);
    expect(arm.requests).toEqual([]);
    expect(await h.deps.db.get('prefs', 'recents')).toEqual([reader.key]);
  });

  it('opens the portal at an active resource-group role', async () => {
    const contributor = await entry(TENANTS.contoso, rgScope(S.dev, 'rg-dev-web'), R.contributor);
    await openActive(deps, contributor.key);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.dev}/resourceGroups/rg-dev-web/overview`,
    ]);
    expect(emu.requests).toEqual([]);
  });

  it('refuses an eligible role: it needs activation first', async () => {
    const eligible = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    expect(await handledCode(openActive(deps, eligible.key))).toBe('needs_activation');
    expect(opened).toEqual([]);
    expect(await handledCode(openActive(deps, `${TENANTS.contoso}|/nowhere|x`))).toBe('entry_not_found');
    expect(emu.requests).toEqual([]);
  });
});
