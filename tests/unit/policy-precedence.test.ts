import { describe, expect, it } from 'vitest';
import { managedLayerToRemember, storedLastGood } from '../../src/background/connections/managed';
import { loadConfig } from '../../src/background/config/load-config';
import type { ConfigLayer, Connection } from '../../src/shared/config/schema';

const conn = (id: string): Connection => ({
  id,
  displayName: id,
  tenant: `${id}.onmicrosoft.com`,
  cloud: 'AzureCloud',
  app: { clientId: '11111111-2222-4333-8444-555555555555' },
});

const pim = (minutes: number) => ({
  defaultDurationMinutes: minutes,
  justificationTemplates: [],
  requireTicket: false,
});

describe('precedence: managed policy > options page > build defaults (docs/design.md §4)', () => {
  it('decides key by key, for every key', () => {
    const loaded = loadConfig({
      defaults: {
        connections: [conn('d')],
        pim: pim(30),
        allowUserConnections: false,
        allowedTenants: ['d.onmicrosoft.com'],
      },
      options: { connections: [conn('o')], pim: pim(45), cloudAccessRoles: [] },
      managed: { pim: pim(90), allowedTenants: ['m.onmicrosoft.com'] },
    });
    expect(loaded.config.connections.map((c) => c.id)).toEqual(['o']);
    expect(loaded.config.pim.defaultDurationMinutes).toBe(90);
    expect(loaded.config.allowedTenants).toEqual(['m.onmicrosoft.com']);
    expect(loaded.config.allowUserConnections).toBe(false);
    expect(loaded.sourceOf).toEqual({
      connections: 'options',
      allowedTenants: 'managed',
      cloudAccessRoles: 'options',
      pim: 'managed',
      allowUserConnections: 'defaults',
    });
    expect(loaded.managedKeys.sort()).toEqual(['allowedTenants', 'pim']);
    expect(loaded.problems).toEqual([]);
  });

  it('an invalid managed layer keeps the last good one in force and is reported by key and problem', () => {
    const lastGoodManaged: ConfigLayer = {
      allowedTenants: ['good.onmicrosoft.com'],
      allowUserConnections: false,
    };
    const loaded = loadConfig({
      defaults: {},
      options: { allowedTenants: ['mine.onmicrosoft.com'], allowUserConnections: true },
      managed: { allowedTenants: ['not a tenant'] },
      lastGoodManaged,
    });
    expect(loaded.config.allowedTenants).toEqual(['good.onmicrosoft.com']);
    expect(loaded.config.allowUserConnections).toBe(false);
    expect(loaded.managedKeys.sort()).toEqual(['allowUserConnections', 'allowedTenants']);
    expect(loaded.problems).toEqual([
      { source: 'managed', problems: [{ key: 'allowedTenants.0', problem: 'must_be_tenant' }] },
    ]);
  });

  it('an invalid managed layer with nothing remembered manages nothing, and says why', () => {
    const loaded = loadConfig({
      defaults: {},
      options: { allowedTenants: ['mine.onmicrosoft.com'] },
      managed: { allowedTenants: 'contoso.onmicrosoft.com' },
    });
    expect(loaded.managedKeys).toEqual([]);
    expect(loaded.config.allowedTenants).toEqual(['mine.onmicrosoft.com']);
    expect(loaded.problems[0]).toMatchObject({
      source: 'managed',
      problems: [{ key: 'allowedTenants', problem: 'must_be_list' }],
    });
  });

  it('a bad options layer does not touch the managed one', () => {
    const loaded = loadConfig({
      defaults: { allowUserConnections: true },
      options: { pim: pim(2) },
      managed: { allowedTenants: ['m.onmicrosoft.com'] },
    });
    expect(loaded.config.allowedTenants).toEqual(['m.onmicrosoft.com']);
    expect(loaded.config.pim.defaultDurationMinutes).toBe(60);
    expect(loaded.problems).toEqual([
      { source: 'options', problems: [{ key: 'pim.defaultDurationMinutes', problem: 'too_small' }] },
    ]);
  });

  it('a policy history: good, then bad (last good stays), then fixed (new one applies), then removed', () => {
    let stored: unknown;
    const apply = (managed: unknown) => {
      const lastGoodManaged = storedLastGood(stored);
      stored = managedLayerToRemember(managed, lastGoodManaged) ?? stored;
      return loadConfig({ defaults: {}, options: {}, managed, lastGoodManaged: storedLastGood(stored) });
    };
    expect(apply({ allowedTenants: ['a.onmicrosoft.com'] }).config.allowedTenants).toEqual([
      'a.onmicrosoft.com',
    ]);
    expect(apply({ allowedTenants: ['bad tenant'] }).config.allowedTenants).toEqual(['a.onmicrosoft.com']);
    expect(apply({ allowedTenants: ['b.onmicrosoft.com'] }).config.allowedTenants).toEqual([
      'b.onmicrosoft.com',
    ]);
    const removed = apply({});
    expect(removed.managedKeys).toEqual([]);
    expect(removed.config.allowedTenants).toBeUndefined();
    // …and a bad policy after that falls back to the last good policy, not to "no policy".
    expect(apply({ allowedTenants: 7 }).config.allowedTenants).toEqual(['b.onmicrosoft.com']);
  });
});
