import { describe, expect, it } from 'vitest';
import { parseConfigText, validateConfigLayer } from './validate';

const good = {
  schemaVersion: 1,
  connections: [
    {
      id: 'contoso',
      displayName: 'Contoso',
      tenant: 'contoso.onmicrosoft.com',
      cloud: 'AzureCloud',
      app: { clientId: '11111111-2222-3333-4444-555555555555' },
    },
    {
      id: 'lab',
      displayName: 'Lab',
      tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      cloud: {
        login: 'http://127.0.0.1:4000',
        arm: 'http://127.0.0.1:4001',
        portal: 'http://127.0.0.1:4002',
      },
      app: 'publisher',
    },
  ],
  allowedTenants: ['contoso.onmicrosoft.com'],
  cloudAccessRoles: [
    {
      name: 'Prod readers',
      connection: 'contoso',
      scope: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-prod',
      role: 'Reader',
    },
  ],
  pim: { defaultDurationMinutes: 60, justificationTemplates: ['Incident {ticket}'], requireTicket: false },
  allowUserConnections: false,
};

describe('validateConfigLayer', () => {
  it('accepts a complete, valid layer', () => {
    expect(validateConfigLayer(good)).toMatchObject({ ok: true });
  });

  it('accepts an empty layer (every key is optional in a layer)', () => {
    expect(validateConfigLayer({})).toEqual({ ok: true, value: {} });
  });

  it.each([
    [
      { connections: [{ ...good.connections[0], tenant: 'not a tenant' }] },
      'connections.0.tenant',
      'must_be_tenant',
    ],
    [
      { connections: [{ ...good.connections[0], app: { clientId: 'abc' } }] },
      'connections.0.app.clientId',
      'must_be_guid',
    ],
    [{ connections: [{ ...good.connections[0], cloud: 'Mars' }] }, 'connections.0.cloud', 'must_be_cloud'],
    [{ pim: { ...good.pim, defaultDurationMinutes: 2 } }, 'pim.defaultDurationMinutes', 'too_small'],
    [{ pim: { ...good.pim, expiryWarningMinutes: 241 } }, 'pim.expiryWarningMinutes', 'too_large'],
    [{ pim: { ...good.pim, expiryWarningMinutes: -1 } }, 'pim.expiryWarningMinutes', 'too_small'],
    [{ schemaVersion: 2 }, 'schemaVersion', 'unsupported_version'],
    [{ allowUserConnections: 'yes' }, 'allowUserConnections', 'must_be_boolean'],
    [
      { cloudAccessRoles: [{ ...good.cloudAccessRoles[0], scope: '/subscriptions/x' }] },
      'cloudAccessRoles.0.scope',
      'must_be_scope',
    ],
  ])('names the key and the problem: %j', (input, key, problem) => {
    const result = validateConfigLayer(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toEqual({ key, problem });
  });

  it('refuses a pasted client secret as an unknown key, naming it', () => {
    const result = validateConfigLayer({
      connections: [{ ...good.connections[0], clientSecret: 'abc~secret' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toEqual({ key: 'connections.0.clientSecret', problem: 'unknown_key' });
  });

  it('refuses plain http except on loopback', () => {
    const cloud = {
      login: 'http://login.example.com',
      arm: 'https://arm.example.com',
      portal: 'https://p.example.com',
    };
    const result = validateConfigLayer({ connections: [{ ...good.connections[0], cloud }] });
    expect(result.ok).toBe(false);
  });

  it('refuses two connections with the same id', () => {
    const result = validateConfigLayer({ connections: [good.connections[0], good.connections[0]] });
    expect(result).toMatchObject({ ok: false, problems: [{ problem: 'duplicate_connection_id' }] });
  });
});

describe('parseConfigText', () => {
  it('reports text that is not JSON', () => {
    expect(parseConfigText('{ nope')).toEqual({ ok: false, problems: [{ key: '', problem: 'not_json' }] });
  });
  it('validates parsed JSON', () => {
    expect(parseConfigText(JSON.stringify(good)).ok).toBe(true);
  });
});
