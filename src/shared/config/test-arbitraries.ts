// fast-check generators for the configuration contract (imported by *.test.ts only): valid layers,
// and one hostile change of a valid layer whose offending key is known, so a test can check that
// the refusal names it.
import fc from 'fast-check';
import type { ConfigLayer } from './schema';

const guid = fc.uuid({ version: [1, 2, 3, 4, 5] });
const tenant = fc.oneof(guid, fc.constantFrom('contoso.onmicrosoft.com', 'fabrikam.com', 'lab.contoso.cn'));
const httpsUrl = fc.constantFrom(
  'https://login.example.com',
  'https://management.example.com/',
  'https://portal.example.com',
  'http://127.0.0.1:4000',
);
const trimmed = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const id = fc.stringMatching(/^[\w.-]{1,64}$/);

const connection = fc.record(
  {
    id,
    displayName: trimmed(80),
    tenant,
    cloud: fc.oneof(
      fc.constantFrom('AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'),
      fc.record({ login: httpsUrl, arm: httpsUrl, portal: httpsUrl }),
    ),
    app: fc.oneof(fc.constant('publisher'), fc.record({ clientId: guid })),
    endpoints: fc.record({
      authorization: httpsUrl,
      token: httpsUrl,
      jwks: httpsUrl,
      issuer: fc.constant('https://login.example.com/tenant/v2.0'),
    }),
    loginHint: fc.string({ maxLength: 254 }),
  },
  { requiredKeys: ['id', 'displayName', 'tenant', 'cloud', 'app'] },
);

const role = fc.record({
  name: trimmed(120),
  connection: id,
  scope: fc
    .tuple(guid, fc.option(fc.stringMatching(/^[-\w._()]{1,90}$/), { nil: undefined }))
    .map(([sub, rg]) => `/subscriptions/${sub}${rg ? `/resourceGroups/${rg}` : ''}`),
  role: trimmed(60),
});

export const validLayer: fc.Arbitrary<ConfigLayer> = fc.record(
  {
    schemaVersion: fc.constant(1 as const),
    connections: fc.uniqueArray(connection, { selector: (c) => c.id, maxLength: 4 }),
    allowedTenants: fc.array(tenant, { maxLength: 4 }),
    cloudAccessRoles: fc.array(role, { maxLength: 3 }),
    pim: fc.record({
      defaultDurationMinutes: fc.integer({ min: 5, max: 1440 }),
      justificationTemplates: fc.array(fc.string({ maxLength: 500 }), { maxLength: 5 }),
      requireTicket: fc.boolean(),
    }),
    allowUserConnections: fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ConfigLayer>;

type Path = (string | number)[];

/** Every place in a value: containers and leaves, with the path to each. */
function placesOf(value: unknown, path: Path = [], out: { path: Path; value: unknown }[] = []) {
  out.push({ path, value });
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      placesOf(child, [...path, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

export type Mutation = 'forbidden_key' | 'unknown_key' | 'wrong_type' | 'deep' | 'long_text';

export interface Hostile {
  layer: unknown;
  /** Dot path of what was changed: the refusal must name it (or the union that holds it). */
  key: string;
  mutation: Mutation;
}

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function wrongTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return 7;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return { length: value.length };
  return 'not an object';
}

/** Applies one hostile change to a copy of `layer` at a place picked by `pick` (0 ≤ pick < 1). */
export function mutate(layer: ConfigLayer, mutation: Mutation, pick: number, extra: string): Hostile {
  const copy = structuredClone(layer) as Record<string, unknown>;
  const places = placesOf(copy);
  const objects = places.filter((p) => p.value && typeof p.value === 'object' && !Array.isArray(p.value));
  const leaves = places.filter((p) => p.path.length > 0 && (typeof p.value !== 'object' || !p.value));
  const strings = leaves.filter((p) => typeof p.value === 'string');
  const choose = <T>(list: T[]): T => list[Math.floor(pick * list.length)]!;
  const set = (path: Path, value: unknown) => {
    const parent = path
      .slice(0, -1)
      .reduce<Record<string | number, unknown>>(
        (node, k) => node[k] as Record<string | number, unknown>,
        copy,
      );
    parent[path[path.length - 1]!] = value;
  };
  const dot = (path: Path) => path.join('.');
  switch (mutation) {
    case 'forbidden_key': {
      const at = choose(objects);
      const name = (['__proto__', 'constructor', 'prototype'] as const)[extra.length % 3]!;
      // An own property, as JSON.parse makes it: assignment to __proto__ would set the prototype.
      Object.defineProperty(at.value, name, { value: { polluted: true }, enumerable: true });
      return { layer: copy, key: dot([...at.path, name]), mutation };
    }
    case 'unknown_key': {
      const at = choose(objects);
      const name = `zz${extra.replace(/[^a-z]/gi, '')}`;
      (at.value as Record<string, unknown>)[name] = extra;
      return { layer: copy, key: dot([...at.path, name]), mutation };
    }
    case 'wrong_type': {
      const at = choose(leaves.length ? leaves : places.slice(1));
      if (!at) return { layer: 42, key: '', mutation };
      set(at.path, wrongTypeOf(at.value));
      return { layer: copy, key: dot(at.path), mutation };
    }
    case 'deep': {
      const at = choose(places.slice(1));
      if (!at) return { layer: { connections: nested(12) }, key: 'connections', mutation };
      set(at.path, nested(12));
      return { layer: copy, key: dot(at.path), mutation };
    }
    case 'long_text': {
      const at = choose(strings);
      if (!at) return { layer: { allowedTenants: ['a'.repeat(3000)] }, key: 'allowedTenants.0', mutation };
      set(at.path, `${String(at.value)}${'a'.repeat(2100)}`);
      return { layer: copy, key: dot(at.path), mutation };
    }
  }
}

export const hostileLayer: fc.Arbitrary<Hostile> = fc
  .tuple(
    validLayer,
    fc.constantFrom<Mutation>('forbidden_key', 'unknown_key', 'wrong_type', 'deep', 'long_text'),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    fc.string({ maxLength: 8 }),
  )
  .map(([layer, mutation, pick, extra]) => mutate(layer, mutation, pick, extra));
