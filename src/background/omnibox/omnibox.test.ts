import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import * as c from '../test-support-catalog';
import { omniboxEnter, omniboxSuggestions } from './omnibox';
import { activateAndOpen } from '../federate/activate';
import { refreshCatalog } from '../refresh/refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

describe('omnibox', () => {
  beforeEach(async () => {
    await refreshCatalog(c.deps);
    c.emu.resetRequests();
  });

  it('suggests catalog keys with escaped descriptions', async () => {
    const reader = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.reader);
    const suggestions = await omniboxSuggestions(c.deps, 'production reader');

    expect(suggestions[0]).toEqual({
      content: reader.key,
      description:
        '<match>Reader</match> <dim>Contoso &lt;R&amp;D&gt; › Contoso Production · stateActive</dim>',
    });
    const keys = new Set(
      [...(await c.entriesOf(TENANTS.contoso)), ...(await c.entriesOf(TENANTS.fabrikam))].map((e) => e.key),
    );
    for (const s of await omniboxSuggestions(c.deps, '')) {
      expect(keys.has(s.content)).toBe(true);
      expect(s.description).not.toMatch(/<(?!\/?(match|dim)>)/);
    }
    expect((await omniboxSuggestions(c.deps, '')).length).toBe(6);
    expect(await omniboxSuggestions(c.deps, 'zzqx nothing like it')).toEqual([]);
    expect(c.emu.requests).toEqual([]);
  });

  it('sees an activation at once: the omnibox index follows entry changes', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    await omniboxSuggestions(c.deps, 'contributor');
    const result = await activateAndOpen(c.deps, {
      key: contributor.key,
      durationMinutes: 60,
      justification: 'x',
    });
    expect(result.status).toBe('provisioned');
    c.opened.length = 0;
    await omniboxEnter(c.deps, contributor.key, c.POPUP_URL);
    expect(c.opened).toEqual([
      `${c.emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${c.S.prod}/overview`,
    ]);
  });

  it('sends a role whose activation has ended to the popup, not the portal', async () => {
    const contributor = await c.entry(TENANTS.contoso, c.subScope(c.S.prod), c.R.contributor);
    await activateAndOpen(c.deps, { key: contributor.key, durationMinutes: 60, justification: 'x' });
    c.opened.length = 0;
    const later = Date.now() + 61 * 60_000;
    const afterwards = { ...c.deps, link: { ...c.deps.link, now: () => later } };
    await omniboxEnter(afterwards, contributor.key, c.POPUP_URL);
    expect(c.opened).toEqual([`${c.POPUP_URL}?entry=${encodeURIComponent(contributor.key)}`]);
    // The suggestion says so too: eligible again, not active.
    const [now, then] = await Promise.all([
      omniboxSuggestions(c.deps, 'contoso production contributor'),
      omniboxSuggestions(afterwards, 'contoso production contributor'),
    ]);
    const described = (list: { content: string; description: string }[]) =>
      list.find((s) => s.content === contributor.key)?.description ?? '';
    expect(described(now)).toContain('stateActive');
    expect(described(then)).toContain('stateEligible');
    expect(described(then)).not.toContain('stateActive');
  });

  it('opens the portal for an active key and the popup for an eligible one', async () => {
    const reader = await c.entry(TENANTS.fabrikam, c.subScope(c.S.fabrikam), c.R.reader);
    await omniboxEnter(c.deps, reader.key, c.POPUP_URL);
    expect(c.opened).toEqual([
      `${c.emu.portalUrl}/#@${TENANTS.fabrikam}/resource/subscriptions/${c.S.fabrikam}/overview`,
    ]);

    const eligible = await c.entry(TENANTS.fabrikam, c.subScope(c.S.fabrikam), c.R.contributor);
    await omniboxEnter(c.deps, eligible.key, c.POPUP_URL);
    expect(c.opened[1]).toBe(`${c.POPUP_URL}?entry=${encodeURIComponent(eligible.key)}`);

    await omniboxEnter(c.deps, 'zzqx nothing like it', c.POPUP_URL);
    expect(c.opened[2]).toBe(`${c.POPUP_URL}?q=${encodeURIComponent('zzqx nothing like it')}`);
    expect(c.emu.requests).toEqual([]);
  });
});
