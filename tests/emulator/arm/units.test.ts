import { describe, expect, it } from 'vitest';
import { hms } from './arg-quota';
import { parseQuery, QueryError, runQuery } from './arg-query';
import { parseDurationMs } from './duration';
import { isGuid, stableGuid } from './ids';
import { isAtOrBelow, normalizeScope, roleDefinitionIdFor } from './scope';

describe('building blocks', () => {
  it('ISO-8601 durations as PIM writes them', () => {
    expect(parseDurationMs('PT8H')).toBe(8 * 3600_000);
    expect(parseDurationMs('PT480M')).toBe(8 * 3600_000);
    expect(parseDurationMs('PT1H30M')).toBe(90 * 60_000);
    expect(parseDurationMs('P1D')).toBe(24 * 3600_000);
    expect(parseDurationMs('PT90S')).toBe(90_000);
    for (const bad of ['P', 'PT', '8H', 'P1M', '']) expect(parseDurationMs(bad)).toBeUndefined();
  });

  it('hh:mm:ss rounds up', () => {
    expect(hms(5000)).toBe('00:00:05');
    expect(hms(4001)).toBe('00:00:05');
    expect(hms(3_723_000)).toBe('01:02:03');
  });

  it('stable GUIDs are valid and repeatable', () => {
    expect(isGuid(stableGuid('a', 'b'))).toBe(true);
    expect(stableGuid('a', 'b')).toBe(stableGuid('a', 'b'));
    expect(stableGuid('a', 'b')).not.toBe(stableGuid('ab'));
  });

  it('scopes: aliases folded, containment case-insensitive', () => {
    expect(normalizeScope('providers/Microsoft.Subscription/subscriptions/S1/')).toBe('/subscriptions/S1');
    expect(normalizeScope('/subscriptions/S1/resourcegroups/RG')).toBe('/subscriptions/S1/resourceGroups/RG');
    expect(normalizeScope('')).toBe('/');
    expect(isAtOrBelow('/subscriptions/s1/resourceGroups/rg', '/SUBSCRIPTIONS/S1')).toBe(true);
    expect(isAtOrBelow('/subscriptions/s10', '/subscriptions/s1')).toBe(false);
    expect(roleDefinitionIdFor('/subscriptions/s1/resourceGroups/rg', 'g')).toBe(
      '/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/g',
    );
    expect(roleDefinitionIdFor('/', 'g')).toBe('/providers/Microsoft.Authorization/roleDefinitions/g');
  });

  it('query subset: where with and/or/not/parentheses, project renames, order desc by default', () => {
    const rows = [
      { id: '/a', name: 'Alpha', type: 'x', tags: { env: 'prod' } },
      { id: '/b', name: 'beta', type: 'y', tags: {} },
      { id: '/c', name: 'Gamma', type: 'x', tags: { env: 'dev' } },
    ];
    const run = (q: string) => runQuery(parseQuery(q), rows, ['id', 'name', 'type', 'tags']).rows;
    expect(
      run("T | where (type == 'x' or name =~ 'BETA') and not(name startswith 'g')").map((r) => r.id),
    ).toEqual(['/a', '/b']);
    expect(run("T | where tags.env == 'prod' | project n = name")).toEqual([{ n: 'Alpha' }]);
    expect(run('T | order by name').map((r) => r.name)).toEqual(['Gamma', 'beta', 'Alpha']);
    expect(run("T | where name !in~ ('alpha', 'gamma') | project-away tags")).toEqual([
      { id: '/b', name: 'beta', type: 'y' },
    ]);
    expect(run("T | where name contains 'AMM' | take 1").map((r) => r.id)).toEqual(['/c']);
    expect(() => parseQuery("T | where name == 'unterminated")).toThrow(QueryError);
    expect(() => run("T | where Name == 'x'")).toThrow(/Name/);
  });
});
