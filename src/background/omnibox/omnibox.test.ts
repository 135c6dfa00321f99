import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import {
  deps,
  emu,
  entriesOf,
  entry,
  opened,
  POPUP_URL,
  R,
  S,
  subScope,
  useCatalogHarness,
} from '../test-support-catalog';
import { omniboxEnter, omniboxSuggestions } from './omnibox';
import { activateAndOpen } from '../federate/activate';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

useCatalogHarness();

describe('omnibox', () => {
  beforeEach(async () => {
    await refreshCatalog(deps);
    emu.resetRequests();
  });

  it('suggests catalog keys with escaped descriptions', async () => {
    const reader = await entry(TENANTS.contoso, subScope(S.prod), R.reader);
    const suggestions = await omniboxSuggestions(deps, 'production reader');

    expect(suggestions[0]).toEqual({
      content: reader.key,
      description:
        '<match>Reader</match> <dim>Contoso &lt;R&amp;D&gt; › Contoso Production · stateActive</dim>',
    });
    const keys = new Set(
      [...(await entriesOf(TENANTS.contoso)), ...(await entriesOf(TENANTS.fabrikam))].map((e) => e.key),
    );
    for (const s of await omniboxSuggestions(deps, '')) {
      expect(keys.has(s.content)).toBe(true);
      expect(s.description).not.toMatch(/<(?!\/?(match|dim)>)/);
    }
    expect((await omniboxSuggestions(deps, '')).length).toBe(6);
    expect(await omniboxSuggestions(deps, 'zzqx nothing like it')).toEqual([]);
    expect(emu.requests).toEqual([]);
  });

  it('sees an activation at once: the omnibox index follows entry changes', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    await omniboxSuggestions(deps, 'contributor');
    const result = await activateAndOpen(deps, {
      key: contributor.key,
      durationMinutes: 60,
      justification: 'x',
    });
    expect(result.status).toBe('provisioned');
    opened.length = 0;
    await omniboxEnter(deps, contributor.key, POPUP_URL);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.prod}/overview`,
    ]);
  });

  it('sends a role whose activation has ended to the popup, not the portal', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    await activateAndOpen(deps, { key: contributor.key, durationMinutes: 60, justification: 'x' });
    opened.length = 0;
    const later = Date.now() + 61 * 60_000;
    const afterwards = { ...deps, link: { ...deps.link, now: () => later } };
    await omniboxEnter(afterwards, contributor.key, POPUP_URL);
    expect(opened).toEqual([`${POPUP_URL}?entry=${encodeURIComponent(contributor.key)}`]);
    // The suggestion says so too: eligible again, not active.
    const [now, then] = await Promise.all([
      omniboxSuggestions(deps, 'contoso production contributor'),
      omniboxSuggestions(afterwards, 'contoso production contributor'),
    ]);
    const described = (list: { content: string; description: string }[]) =>
      list.find((s) => s.content === contributor.key)?.description ?? '';
    expect(described(now)).toContain('stateActive');
    expect(described(then)).toContain('stateEligible');
    expect(described(then)).not.toContain('stateActive');
  });

  it('opens the portal for an active key and the popup for an eligible one', async () => {
    const reader = await entry(TENANTS.fabrikam, subScope(S.fabrikam), R.reader);
    await omniboxEnter(deps, reader.key, POPUP_URL);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.fabrikam}/resource/subscriptions/${S.fabrikam}/overview`,
    ]);

    const eligible = await entry(TENANTS.fabrikam, subScope(S.fabrikam), R.contributor);
    await omniboxEnter(deps, eligible.key, POPUP_URL);
    expect(opened[1]).toBe(`${POPUP_URL}?entry=${encodeURIComponent(eligible.key)}`);

    await omniboxEnter(deps, 'zzqx nothing like it', POPUP_URL);
    expect(opened[2]).toBe(`${POPUP_URL}?q=${encodeURIComponent('zzqx nothing like it')}`);
    expect(emu.requests).toEqual([]);
  });
});
