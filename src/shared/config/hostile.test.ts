import { describe, expect, it } from 'vitest';
import { CONFIG_LIMITS } from './limits';
import { parseConfigText, validateConfigLayer, type ValidationResult } from './validate';

const conn = (id: string) => ({
  id,
  displayName: id,
  tenant: 'contoso.onmicrosoft.com',
  cloud: 'AzureCloud',
  app: { clientId: '11111111-2222-4333-8444-555555555555' },
});
const role = (text: string) => ({
  name: 'r',
  connection: 'a',
  scope: '/subscriptions/11111111-2222-4333-8444-555555555555',
  role: text,
});

function first(result: ValidationResult) {
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.problems[0];
}

describe('prototype keys are refused by name', () => {
  it.each([
    ['{"__proto__": {"polluted": true}}', '__proto__'],
    ['{"connections": [{"constructor": {"prototype": {"polluted": true}}}]}', 'connections.0.constructor'],
    ['{"pim": {"prototype": 1}}', 'pim.prototype'],
    ['{"allowedTenants": [], "connections": [{"id": "a", "__proto__": null}]}', 'connections.0.__proto__'],
  ])('%s', (text, key) => {
    expect(first(parseConfigText(text))).toEqual({ key, problem: 'forbidden_key' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('shape limits', () => {
  it('refuses nesting deeper than the limit, naming where it went too deep', () => {
    const depth = 40;
    const text = `{"allowedTenants": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const problem = first(parseConfigText(text));
    expect(problem).toMatchObject({ problem: 'too_deep', limit: CONFIG_LIMITS.depth });
    expect(problem?.key).toBe(
      ['allowedTenants', ...Array<string>(CONFIG_LIMITS.depth - 1).fill('0')].join('.'),
    );
  });

  it('refuses a cycle (an object can hold one; a policy object should not) without throwing', () => {
    const layer: Record<string, unknown> = {};
    layer.pim = { loop: layer };
    expect(first(validateConfigLayer(layer))).toMatchObject({ problem: 'too_deep' });
  });

  it('refuses a file over the size limit before parsing it', () => {
    const text = JSON.stringify({ allowedTenants: [] }) + ' '.repeat(CONFIG_LIMITS.fileChars);
    expect(first(parseConfigText(text))).toEqual({
      key: '',
      problem: 'file_too_large',
      limit: CONFIG_LIMITS.fileChars,
    });
  });

  it('refuses a layer with more values than the limit (a policy object has no file size)', () => {
    const layer = { allowedTenants: Array<string>(CONFIG_LIMITS.nodes + 1).fill('a.com') };
    expect(first(validateConfigLayer(layer))).toEqual({
      key: '',
      problem: 'layer_too_large',
      limit: CONFIG_LIMITS.nodes,
    });
  });

  it.each([
    ['a Map', new Map([['connections', []]])],
    ['a Date', { pim: new Date(0) }],
    ['an object with a prototype', { pim: Object.create({ requireTicket: true }) as object }],
  ])('refuses %s as not JSON data', (_name, layer) => {
    expect(first(validateConfigLayer(layer))).toMatchObject({ problem: 'must_be_json' });
  });

  it('refuses an object whose getter throws, without throwing', () => {
    const layer = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('hostile');
        },
      },
    );
    expect(first(validateConfigLayer(layer))).toEqual({ key: '', problem: 'must_be_json' });
  });
});

describe('list and text limits', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => conn(`c${i}`));
  it.each([
    [{ connections: ids(CONFIG_LIMITS.connections + 1) }, 'connections', CONFIG_LIMITS.connections],
    [
      { allowedTenants: Array<string>(CONFIG_LIMITS.allowedTenants + 1).fill('a.com') },
      'allowedTenants',
      CONFIG_LIMITS.allowedTenants,
    ],
    [
      { cloudAccessRoles: Array(CONFIG_LIMITS.cloudAccessRoles + 1).fill(role('Reader')) },
      'cloudAccessRoles',
      CONFIG_LIMITS.cloudAccessRoles,
    ],
    [
      {
        pim: {
          defaultDurationMinutes: 60,
          requireTicket: false,
          justificationTemplates: Array<string>(CONFIG_LIMITS.justificationTemplates + 1).fill('x'),
        },
      },
      'pim.justificationTemplates',
      CONFIG_LIMITS.justificationTemplates,
    ],
  ])('too many entries: %#', (layer, key, limit) => {
    expect(first(validateConfigLayer(layer))).toEqual({ key, problem: 'too_many', limit });
  });

  it('accepts each list at its limit', () => {
    expect(validateConfigLayer({ connections: ids(CONFIG_LIMITS.connections) }).ok).toBe(true);
    expect(
      validateConfigLayer({ cloudAccessRoles: Array(CONFIG_LIMITS.cloudAccessRoles).fill(role('Reader')) })
        .ok,
    ).toBe(true);
  });

  it('bounds text the schema did not bound before (role, URLs, issuer, tenant, connection reference)', () => {
    const long = 'a'.repeat(CONFIG_LIMITS.text + 1);
    expect(first(validateConfigLayer({ cloudAccessRoles: [role(long)] }))).toEqual({
      key: 'cloudAccessRoles.0.role',
      problem: 'too_long',
      limit: CONFIG_LIMITS.text,
    });
    expect(validateConfigLayer({ cloudAccessRoles: [role('a'.repeat(CONFIG_LIMITS.text))] }).ok).toBe(true);
    const endpoints = {
      authorization: `https://login.example.com/${long}`,
      token: 'https://login.example.com/t',
      jwks: 'https://login.example.com/k',
      issuer: `https://login.example.com/${long}`,
    };
    expect(first(validateConfigLayer({ connections: [{ ...conn('a'), endpoints }] }))).toMatchObject({
      key: 'connections.0.endpoints.authorization',
      problem: 'too_long',
    });
    expect(first(validateConfigLayer({ allowedTenants: [long] }))).toMatchObject({
      key: 'allowedTenants.0',
      problem: 'too_long',
    });
    expect(
      first(validateConfigLayer({ cloudAccessRoles: [{ ...role('Reader'), connection: 'c'.repeat(65) }] })),
    ).toMatchObject({ key: 'cloudAccessRoles.0.connection', problem: 'too_long' });
  });
});
