import { describe, expect, it } from 'vitest';
import type { ConfigLayer, Connection } from '../../shared/config/schema';
import { loadConfig } from '../config/load-config';
import { Refusal } from '../errors/refusal';
import { exportOptionsLayer, importOptionsLayer, setOptionsKey } from './config-io';
import { managedLayerToRemember, storedLastGood } from './managed';

const conn = (id: string): Connection => ({
  id,
  displayName: id,
  tenant: `${id}.onmicrosoft.com`,
  cloud: 'AzureCloud',
  app: { clientId: '11111111-2222-4333-8444-555555555555' },
});

const loaded = (options: ConfigLayer = {}, managed: ConfigLayer = {}) =>
  loadConfig({ defaults: {}, options, managed });

function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('import', () => {
  it('a good file becomes the options layer', () => {
    const file = JSON.stringify({
      schemaVersion: 1,
      connections: [conn('a')],
      allowedTenants: ['a.onmicrosoft.com'],
    });
    const { layer, overridden } = importOptionsLayer(file, loaded());
    expect(layer.connections?.map((c) => c.id)).toEqual(['a']);
    expect(layer.allowedTenants).toEqual(['a.onmicrosoft.com']);
    expect(overridden).toEqual([]);
  });

  it('names the key and the problem of a bad file', () => {
    const bad = JSON.stringify({ connections: [{ ...conn('a'), tenant: 'not a tenant' }] });
    const error = refusal(() => importOptionsLayer(bad, loaded()));
    expect(error.code).toBe('config_invalid');
    expect(error.detail).toMatchObject({ key: 'connections.0.tenant', problem: 'must_be_tenant' });
  });

  it('names an unknown key and a file that is not JSON', () => {
    expect(refusal(() => importOptionsLayer('{"conections": []}', loaded())).detail).toMatchObject({
      key: 'conections',
      problem: 'unknown_key',
    });
    expect(refusal(() => importOptionsLayer('{ nope', loaded())).detail).toMatchObject({
      key: '',
      problem: 'not_json',
    });
  });

  it('reports the keys policy overrides; they stay managed', () => {
    const current = loaded({}, { allowedTenants: ['x.onmicrosoft.com'] });
    const { overridden, layer } = importOptionsLayer(
      JSON.stringify({ allowedTenants: ['y.onmicrosoft.com'], allowUserConnections: false }),
      current,
    );
    expect(overridden).toEqual(['allowedTenants']);
    const after = loadConfig({
      defaults: {},
      options: layer,
      managed: { allowedTenants: ['x.onmicrosoft.com'] },
    });
    expect(after.config.allowedTenants).toEqual(['x.onmicrosoft.com']);
    expect(after.config.allowUserConnections).toBe(false);
  });

  it('cannot add connections where policy forbids user connections', () => {
    const current = loaded({}, { allowUserConnections: false });
    expect(
      refusal(() => importOptionsLayer(JSON.stringify({ connections: [conn('a')] }), current)).code,
    ).toBe('user_connections_disabled');
  });

  it('export writes the options layer with its schema version, and reads back the same', () => {
    const options: ConfigLayer = {
      connections: [conn('a')],
      pim: { defaultDurationMinutes: 30, justificationTemplates: [], requireTicket: true },
    };
    const text = exportOptionsLayer(options);
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, ...options });
    expect(importOptionsLayer(text, loaded()).layer).toEqual({ schemaVersion: 1, ...options });
  });
});

describe('setting one key from the options page', () => {
  it('validates the key in the whole layer and names the problem', () => {
    const error = refusal(() =>
      setOptionsKey(
        {},
        'cloudAccessRoles',
        [{ name: 'r', connection: 'a', scope: '/subscription/x', role: 'Reader' }],
        loaded(),
      ),
    );
    expect(error.detail).toMatchObject({ key: 'cloudAccessRoles.0.scope', problem: 'must_be_scope' });
  });

  it('stores a valid value, and removes the key without one', () => {
    const roles = [
      {
        name: 'Prod reader',
        connection: 'a',
        scope: '/subscriptions/00000000-0000-4000-8000-000000000001',
        role: 'Reader',
      },
    ];
    const next = setOptionsKey({ connections: [conn('a')] }, 'cloudAccessRoles', roles, loaded());
    expect(next.cloudAccessRoles).toEqual(roles);
    expect(setOptionsKey(next, 'cloudAccessRoles', undefined, loaded()).cloudAccessRoles).toBeUndefined();
  });

  it('refuses a key that policy manages', () => {
    const error = refusal(() =>
      setOptionsKey({}, 'allowedTenants', ['a.onmicrosoft.com'], loaded({}, { allowedTenants: [] })),
    );
    expect(error).toMatchObject({ code: 'managed_locked', detail: { key: 'allowedTenants' } });
  });
});

describe('the last good managed layer', () => {
  it('records a valid, non-empty, changed managed layer only', () => {
    const good = { allowedTenants: ['a.onmicrosoft.com'] };
    expect(managedLayerToRemember(good, undefined)).toEqual(good);
    expect(managedLayerToRemember(good, good)).toBeUndefined();
    expect(managedLayerToRemember({ allowedTenants: ['not a tenant'] }, good)).toBeUndefined();
    // Chromium serves {} before the policy has loaded: that must not erase the remembered policy.
    expect(managedLayerToRemember({}, good)).toBeUndefined();
  });

  it('a stored copy that no longer validates is ignored', () => {
    expect(storedLastGood({ allowedTenants: ['a.onmicrosoft.com'] })).toEqual({
      allowedTenants: ['a.onmicrosoft.com'],
    });
    expect(storedLastGood({ bogus: true })).toBeUndefined();
    expect(storedLastGood(undefined)).toBeUndefined();
  });
});
