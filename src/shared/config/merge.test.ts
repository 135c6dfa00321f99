import { describe, expect, it } from 'vitest';
import { BASE_DEFAULTS, mergeConfig } from './merge';
import type { Connection } from './schema';

const conn = (id: string): Connection => ({
  id,
  displayName: id,
  tenant: `${id}.onmicrosoft.com`,
  cloud: 'AzureCloud',
  app: { clientId: '11111111-2222-3333-4444-555555555555' },
});

describe('mergeConfig precedence: managed > options > defaults', () => {
  it('uses base defaults when no layer sets a key', () => {
    const { config, managedKeys } = mergeConfig({});
    expect(config).toEqual(BASE_DEFAULTS);
    expect(managedKeys).toEqual([]);
  });

  it('options override build defaults, key by key', () => {
    const { config, sourceOf } = mergeConfig({
      defaults: { connections: [conn('a')], allowUserConnections: false },
      options: { connections: [conn('b')] },
    });
    expect(config.connections.map((c) => c.id)).toEqual(['b']);
    expect(config.allowUserConnections).toBe(false);
    expect(sourceOf.connections).toBe('options');
    expect(sourceOf.allowUserConnections).toBe('defaults');
  });

  it('managed policy wins over options and is reported as managed', () => {
    const { config, managedKeys, sourceOf } = mergeConfig({
      defaults: { allowedTenants: ['x.onmicrosoft.com'] },
      options: { connections: [conn('b')], allowedTenants: ['y.onmicrosoft.com'] },
      managed: { allowedTenants: ['z.onmicrosoft.com'] },
    });
    expect(config.allowedTenants).toEqual(['z.onmicrosoft.com']);
    expect(config.connections.map((c) => c.id)).toEqual(['b']);
    expect(managedKeys).toEqual(['allowedTenants']);
    expect(sourceOf.allowedTenants).toBe('managed');
  });

  it('does not share objects with its inputs', () => {
    const options = { connections: [conn('b')] };
    const { config } = mergeConfig({ options });
    config.connections[0]!.displayName = 'changed';
    expect(options.connections[0]!.displayName).toBe('b');
  });
});
