import { describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../store/schema';
import { buildIndex, flattenCatalog, narrows, search } from './search';

const record = (
  tenantId: string,
  tenantName: string,
  subs: [string, string, string?, string?][],
): CatalogRecord => ({
  tenantId,
  tenantName,
  refreshedAt: 0,
  entries: subs.map(([subscriptionId, subscriptionName, resourceGroup, roleName = 'Reader']) => ({
    key: `${tenantId}|${subscriptionId}|${resourceGroup ?? ''}|${roleName}`,
    tenantId,
    subscriptionId,
    subscriptionName,
    resourceGroup,
    scope: `/subscriptions/${subscriptionId}${resourceGroup ? `/resourceGroups/${resourceGroup}` : ''}`,
    roleDefinitionId: 'x',
    roleName,
    state: 'active',
    source: 'held',
  })),
});

const records = [
  record('t1', 'Contoso', [
    ['11111111-0000-0000-0000-000000000001', 'Contoso Production', 'rg-payments', 'Contributor'],
    ['11111111-0000-0000-0000-000000000002', 'Contoso Dev'],
  ]),
  record('t2', 'Fabrikam', [
    ['22222222-0000-0000-0000-000000000001', 'Fabrikam Production', 'rg-web', 'Owner'],
    ['22222222-0000-0000-0000-000000000002', 'Shared services'],
  ]),
];
const index = buildIndex(flattenCatalog(records));
const names = (hits: number[]) => hits.map((i) => index.entries[i]!.subscriptionName);

describe('catalog search', () => {
  it('an empty query lists everything', () => {
    expect(search(index, '')).toHaveLength(4);
  });
  it('a fragment finds entries in two tenants', () => {
    expect(names(search(index, 'prod')).sort()).toEqual(['Contoso Production', 'Fabrikam Production']);
  });
  it('matches across fields: tenant + role', () => {
    expect(names(search(index, 'fabrikam owner'))).toEqual(['Fabrikam Production']);
  });
  it('is fuzzy within a word (missing letters)', () => {
    expect(names(search(index, 'paymnts'))).toEqual(['Contoso Production']);
  });
  it('finds by subscription ID', () => {
    expect(names(search(index, '22222222-0000-0000-0000-000000000002'))).toEqual(['Shared services']);
  });
  it('finds nothing for a stranger', () => {
    expect(search(index, 'zzzz')).toEqual([]);
  });
});

describe('search while typing', () => {
  // A catalog big enough for uFuzzy's ranking to matter, with near-misses for its single-error mode.
  // "pdo", "por", "prdo" and "prdx" match longer queries that their prefixes do not.
  const words = [
    'prod',
    'prd',
    'prof',
    'pdo',
    'por',
    'prdo',
    'prdx',
    'prodx',
    'dev',
    'devops',
    'led',
    'ledger',
    'web',
    'api',
    'data',
    '12345',
    '12345x',
  ];
  const subs: [string, string, string?, string?][] = [];
  for (let i = 0; i < 600; i++) {
    const a = words[i % words.length]!;
    const b = words[(i * 7 + 3) % words.length]!;
    const id = `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
    subs.push([id, `${a}-${b}-${i}`, i % 3 ? `rg-${b}-${a}` : undefined, i % 5 ? 'Reader' : 'Contributor']);
  }
  const catalog = [record('t9', 'Northwind', subs)];
  const typed = [
    'p',
    'pr',
    'pro',
    'prod',
    'prod ',
    'prod r',
    'prod re',
    'prod r',
    'prod',
    'pro',
    'pr',
    'p',
    'l',
    'le',
    'led',
    'ledg',
    'x',
    'xy',
  ];

  it('each query finds exactly what a fresh index finds, whatever was typed before', () => {
    const warm = buildIndex(flattenCatalog(structuredClone(catalog)));
    for (const query of typed) {
      const fresh = buildIndex(flattenCatalog(structuredClone(catalog)));
      expect(search(warm, query)).toEqual(search(fresh, query));
    }
    expect(search(warm, 'prod').length).toBeGreaterThan(0);
  });

  it("narrows only where uFuzzy's rules make the longer query stricter", () => {
    expect(narrows('pr', 'pro')).toBe(false);
    expect(narrows('pro', 'prod')).toBe(false);
    expect(narrows('prod', 'prodx')).toBe(false);
    expect(narrows('prodx', 'prodxy')).toBe(true);
    expect(narrows('12345', '12345x')).toBe(false);
    expect(narrows('pr', 'pr d')).toBe(true);
    expect(narrows('pr', 'pr-d')).toBe(true);
    expect(narrows('pro', 'pr')).toBe(false);
  });

  it('keeps only the last few queries', () => {
    const warm = buildIndex(flattenCatalog(structuredClone(catalog)));
    for (let i = 0; i < 40; i++) search(warm, `q${i}`);
    expect(warm.recent.size).toBeLessThanOrEqual(12);
    expect(warm.recent.has('q39')).toBe(true);
    expect(warm.recent.has('q0')).toBe(false);
  });
});
