import { describe, expect, it } from 'vitest';
import { KEYSTROKES, queriesTyped } from '../../scripts/bench/keystrokes';
import { syntheticCatalog } from '../../scripts/bench/synthetic-catalog';
import { buildIndex, flattenCatalog } from '../../src/shared/catalog/search';
import { buildRows, rowId } from '../../src/popup/roles/rows';

describe('bench: keystrokes', () => {
  it('replays typing and deleting', () => {
    expect(queriesTyped(['a', 'b', 'Backspace', 'c', 'Backspace', 'Backspace'])).toEqual([
      'a',
      'ab',
      'a',
      'ac',
      'a',
      '',
    ]);
  });

  it('are about twenty and end with an empty box', () => {
    expect(KEYSTROKES.length).toBeGreaterThanOrEqual(15);
    expect(queriesTyped(KEYSTROKES).at(-1)).toBe('');
  });

  it('each change the popup list of the 50,000-entry synthetic catalog', () => {
    const index = buildIndex(flattenCatalog(syntheticCatalog({ entries: 50_000, tenants: 3 })));
    const prefs = { favorites: [], recents: [] };
    // What the virtual list shows: its total height (row count) and the rows on screen.
    const shown = (query: string) => {
      const rows = buildRows(index, query, prefs, {});
      return `${rows.length}:${rows
        .slice(0, 14)
        .map((r) => rowId(r))
        .join(',')}`;
    };
    let before = shown('');
    for (const query of queriesTyped(KEYSTROKES)) {
      const after = shown(query);
      expect(after, `"${query}"`).not.toBe(before);
      before = after;
    }
  });
});
