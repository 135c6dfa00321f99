import { beforeAll, describe, expect, it } from 'vitest';
import { firstFrameLines } from './paint';
import { sampleEntry } from '../../shared/store/test-support';

beforeAll(() => {
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: (key: string) => `«${key}»` } };
});

const entry = (tenantId: string, n: number) => sampleEntry(tenantId, n);

const text = (lines: ReturnType<typeof firstFrameLines>) =>
  lines.map((l) => ('header' in l ? `# ${l.header}` : `${l.entry.subscriptionId}${l.favorite ? '*' : ''}`));

describe('the first frame lists what the app lists first', () => {
  it('favorites, then recents not already favorites, then each tenant under its name', () => {
    const a = [entry('a', 1), entry('a', 2), entry('a', 3)];
    const b = [entry('b', 4)];
    const lines = firstFrameLines(
      {
        records: [
          { tenantId: 'a', tenantName: 'Alpha', refreshedAt: 1, entries: a },
          { tenantId: 'b', refreshedAt: 1, entries: b },
        ],
        prefs: { favorites: [b[0]!.key], recents: [b[0]!.key, a[1]!.key, 'gone'] },
      },
      20,
    );
    expect(text(lines)).toEqual([
      '# «favorites»',
      's4*',
      '# «recents»',
      's2',
      '# Alpha',
      's1',
      's2',
      's3',
      '# b',
      's4*',
    ]);
  });

  it('stops at a screenful', () => {
    const many = Array.from({ length: 50 }, (_, i) => entry('a', i));
    const lines = firstFrameLines(
      { records: [{ tenantId: 'a', refreshedAt: 1, entries: many }], prefs: { favorites: [], recents: [] } },
      12,
    );
    expect(lines).toHaveLength(12);
    expect(text(lines)[0]).toBe('# a');
  });
});
