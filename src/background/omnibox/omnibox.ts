import { isActiveAt, stateAt } from '../../shared/catalog/active';
import { buildIndex, flattenCatalog, search, type SearchIndex } from '../../shared/catalog/search';
import { t } from '../../shared/i18n';
import type { CatalogEntry } from '../../shared/store/schema';
import type { CatalogDeps } from '../catalog-deps';
import { openActive } from '../federate/open-active';
import { listCatalogs } from '../store/catalog';

// The address-bar keyword `az`: suggestions come from the cached catalog, Enter federates.

export interface OmniboxSuggestion {
  content: string;
  description: string;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

let cached: { signature: string; index: SearchIndex } | undefined;

// Rebuilt whenever any tenant's record was written or removed since the last keystroke.
async function catalogIndex(deps: CatalogDeps): Promise<SearchIndex> {
  const records = await listCatalogs(deps.link.db);
  const signature = records.map((r) => `${r.tenantId}:${r.updatedAt ?? r.refreshedAt}`).join(',');
  if (cached?.signature !== signature) cached = { signature, index: buildIndex(flattenCatalog(records)) };
  return cached.index;
}

function stateLabel(entry: CatalogEntry, now: number): string {
  const state = stateAt(entry, now);
  if (state === 'active') return t('stateActive');
  if (state === 'eligible') return t('stateEligible');
  if (state === 'pending') return t('statePending');
  return t('stateNotHeld');
}

export async function omniboxSuggestions(deps: CatalogDeps, text: string): Promise<OmniboxSuggestion[]> {
  const index = await catalogIndex(deps);
  const now = deps.link.now();
  return search(index, text, 6).map((i) => {
    const e = index.entries[i]!;
    const where = [e.tenantName, e.subscriptionName, e.resourceGroup].filter(Boolean).join(' › ');
    return {
      content: e.key,
      description: `<match>${escapeXml(e.curatedName ?? e.roleName)}</match> <dim>${escapeXml(where)} · ${escapeXml(stateLabel(e, now))}</dim>`,
    };
  });
}

/**
 * Enter in the address bar: a suggestion's key, or free text (its best match). An active role
 * opens the portal; anything that needs a form (activation) opens the popup page in a tab at it.
 */
export async function omniboxEnter(deps: CatalogDeps, text: string, popupUrl: string): Promise<void> {
  const index = await catalogIndex(deps);
  let entry = index.entries.find((e) => e.key === text);
  if (!entry) {
    const best = search(index, text, 1)[0];
    entry = best === undefined ? undefined : index.entries[best];
  }
  if (!entry) {
    await deps.openTab(`${popupUrl}?q=${encodeURIComponent(text)}`);
    return;
  }
  if (isActiveAt(entry, deps.link.now())) await openActive(deps, entry.key);
  else await deps.openTab(`${popupUrl}?entry=${encodeURIComponent(entry.key)}`);
}
