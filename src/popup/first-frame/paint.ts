import { stateAt } from '../../shared/catalog/active';
import type { CatalogEntry, CatalogState } from '../../shared/store/schema';
import { remainingIn } from '../roles/remaining';
import type { FirstFrame } from './read';
import { roleLabel } from '../roles/role-label';

// The first frame paints before the app's modules (src/shared/browser among them) load: chrome.i18n
// is synchronous and the same in Chromium and in Firefox's `chrome` namespace, so it is read direct.
const tr = (key: string, substitutions?: string[]) => chrome.i18n.getMessage(key, substitutions) || key;

/** Rows that fit the list's view (352 px of 44 px rows) with room to spare. */
const ROWS = 12;

type Line =
  { header: string; section: string } | { entry: CatalogEntry & { tenantName: string }; favorite: boolean };

/** The top of the list with no query, in the order the app lists it: favorites, recents, tenants. */
export function firstFrameLines(frame: FirstFrame, limit = ROWS): Line[] {
  const entries = frame.records.flatMap((r) =>
    r.entries.map((entry) => ({ ...entry, tenantName: r.tenantName ?? r.tenantId })),
  );
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const favorites = new Set(frame.prefs.favorites);
  const lines: Line[] = [];
  const pinned = (keys: string[], section: 'favorites' | 'recents') => {
    const found = keys.flatMap((k) => byKey.get(k) ?? []);
    if (!found.length) return;
    lines.push({ header: tr(section), section });
    for (const entry of found) lines.push({ entry, favorite: favorites.has(entry.key) });
  };
  pinned(frame.prefs.favorites, 'favorites');
  pinned(
    frame.prefs.recents.filter((k) => !favorites.has(k)),
    'recents',
  );
  let tenant: string | undefined;
  for (const entry of entries) {
    if (lines.length >= limit) break;
    if (entry.tenantId !== tenant) {
      tenant = entry.tenantId;
      lines.push({ header: entry.tenantName, section: 'tenant' });
    }
    lines.push({ entry, favorite: favorites.has(entry.key) });
  }
  return lines.slice(0, limit);
}

const BADGE: Record<CatalogState, [string, string]> = {
  active: ['active', 'stateActive'],
  eligible: ['eligible', 'stateEligible'],
  pending: ['pending', 'statePending'],
  not_held: ['not-held', 'stateNotHeld'],
};

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function entryRow(entry: CatalogEntry & { tenantName: string }, favorite: boolean, now: number): HTMLElement {
  const state = stateAt(entry, now);
  const row = el('div', 'entry');
  row.dataset.key = entry.key;
  row.dataset.state = state;
  row.append(el('span', `star ${favorite ? 'on' : ''}`, favorite ? '★' : '☆'));
  const text = el('div', 'entry-text');
  text.append(
    el('div', 'entry-role', roleLabel(entry, tr)),
    el(
      'div',
      'entry-where muted',
      entry.resourceGroup ? `${entry.subscriptionName} › ${entry.resourceGroup}` : entry.subscriptionName,
    ),
  );
  const [badgeClass, badgeKey] = BADGE[state];
  const badge =
    state === 'active' && entry.activeUntil
      ? tr('stateActiveUntil', [remainingIn(tr, entry.activeUntil, now)])
      : tr(badgeKey);
  row.append(text, el('span', `badge ${badgeClass}`, badge));
  return row;
}

/** The first frame's search box and list, painted before their rows are read. */
export interface Shell {
  search: HTMLInputElement;
  list: HTMLElement;
}

/**
 * Paints the popup's frame (title, search box, an empty list) into `root` with plain DOM, in the
 * app's own markup and classes so that it looks the same; the app replaces it as soon as it has
 * loaded. Called while IndexedDB reads the rows, so that styles, layout and the locale's messages
 * are ready when they arrive. The search box it returns keeps what the user types meanwhile.
 */
export function paintShell(root: HTMLElement): Shell {
  const main = el('main', 'popup first-frame');
  main.setAttribute('aria-busy', 'true');
  const header = el('header', '');
  header.append(el('h1', '', tr('extName')));
  const section = el('section', 'catalog');
  const bar = el('div', 'catalog-bar');
  const search = el('input', '') as HTMLInputElement;
  search.id = 'search';
  search.type = 'search';
  search.autocomplete = 'off';
  search.placeholder = tr('searchPlaceholder');
  search.setAttribute('aria-label', tr('searchLabel'));
  bar.append(search);
  const list = el('div', 'results');
  list.id = 'results';
  section.append(bar, el('div', 'keys-hint muted', tr('keysHint')), el('div', 'catalog-status muted'), list);
  main.append(header, section);
  root.replaceChildren(main);
  search.focus();
  return { search, list };
}

/** Fills the shell's list with the cached top of the list, and marks `list-painted` on the frame that shows it. */
export function paintRows({ list }: Shell, frame: FirstFrame, now = Date.now()): void {
  const lines = firstFrameLines(frame);
  list.style.height = `${Math.min(352, lines.length * 44)}px`;
  const rows = lines.map((line) => {
    if (!('header' in line)) return entryRow(line.entry, line.favorite, now);
    const group = el('div', 'group', line.header);
    group.dataset.section = line.section;
    return group;
  });
  list.replaceChildren(...rows);
  requestAnimationFrame(() => performance.mark('list-painted'));
}
