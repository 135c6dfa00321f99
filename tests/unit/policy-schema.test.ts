import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigLayerSchema } from '../../src/shared/config/schema';
import { MANAGED_SCHEMA, type JsonSchema } from './policy-support';

// Attributes Chromium's policy schema parser knows, per type (components/policy/core/common/schema.cc).
// `id` and `$ref` are left out on purpose: the schema is flat and id-less.
const ALLOWED: Record<string, string[]> = {
  array: ['description', 'items', 'sensitiveValue', 'title', 'type'],
  boolean: ['description', 'sensitiveValue', 'title', 'type'],
  integer: ['description', 'enum', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
  number: ['description', 'sensitiveValue', 'title', 'type'],
  object: [
    'additionalProperties',
    'description',
    'patternProperties',
    'properties',
    'required',
    'sensitiveValue',
    'title',
    'type',
  ],
  string: ['description', 'enum', 'pattern', 'sensitiveValue', 'title', 'type'],
};

function chromeSchemaErrors(node: JsonSchema, at: string): string[] {
  const allowed = ALLOWED[node.type];
  if (!allowed) return [`${at}: type ${String(node.type)} is not one Chrome supports`];
  const errors = Object.keys(node)
    .filter((attribute) => !allowed.includes(attribute))
    .map((attribute) => `${at}: attribute ${attribute} not supported for ${node.type}`);
  if (node.type === 'array') {
    if (!node.items) errors.push(`${at}: an array needs items`);
    else errors.push(...chromeSchemaErrors(node.items, `${at}[]`));
  }
  for (const [key, sub] of Object.entries(node.properties ?? {}))
    errors.push(...chromeSchemaErrors(sub, `${at}.${key}`));
  return errors;
}

/** Every property path of the JSON Schema with its type: `connections[].cloud.login` → string. */
function jsonSchemaPaths(node: JsonSchema, at: string, out: Map<string, string>): Map<string, string> {
  if (at) out.set(at, node.type);
  if (node.type === 'array') jsonSchemaPaths(node.items!, `${at}[]`, out);
  for (const [key, sub] of Object.entries(node.properties ?? {}))
    jsonSchemaPaths(sub, at ? `${at}.${key}` : key, out);
  return out;
}

interface ValibotNode {
  type: string;
  entries?: Record<string, ValibotNode>;
  item?: ValibotNode;
  options?: ValibotNode[] | unknown[];
  wrapped?: ValibotNode;
  literal?: unknown;
  pipe?: { type: string }[];
}

/**
 * The same walk over the valibot schema. A union (cloud, app) is described to Chrome by its object
 * form, the only one Chrome's format can state; a union without one is a string.
 */
function valibotPaths(node: ValibotNode, at: string, out: Map<string, string>): Map<string, string> {
  while (node.type === 'optional' || node.type === 'nullish') node = node.wrapped!;
  const set = (type: string) => at && out.set(at, type);
  switch (node.type) {
    case 'object':
    case 'strict_object':
      set('object');
      for (const [key, sub] of Object.entries(node.entries!))
        valibotPaths(sub, at ? `${at}.${key}` : key, out);
      break;
    case 'array':
      set('array');
      valibotPaths(node.item!, `${at}[]`, out);
      break;
    case 'union': {
      const objects = (node.options as ValibotNode[]).filter((o) => o.type.endsWith('object'));
      if (objects.length) objects.forEach((o) => valibotPaths(o, at, out));
      else set('string');
      break;
    }
    case 'literal':
      set(typeof node.literal === 'number' ? 'integer' : typeof node.literal);
      break;
    case 'picklist':
    case 'string':
      set('string');
      break;
    case 'number':
      set(node.pipe?.some((action) => action.type === 'integer') ? 'integer' : 'number');
      break;
    case 'boolean':
      set('boolean');
      break;
    default:
      throw new Error(`no JSON Schema mapping for valibot ${node.type} at ${at}`);
  }
  return out;
}

describe('public/managed_schema.json', () => {
  it('is a schema Chromium accepts: top-level object, supported types and attributes only', () => {
    expect(MANAGED_SCHEMA.type).toBe('object');
    expect(MANAGED_SCHEMA).not.toHaveProperty('additionalProperties');
    expect(MANAGED_SCHEMA).not.toHaveProperty('patternProperties');
    expect(chromeSchemaErrors(MANAGED_SCHEMA, '')).toEqual([]);
  });

  it('declares every key of the configuration contract (ConfigLayerSchema), at every depth, with its type', () => {
    const fromValibot = [...valibotPaths(ConfigLayerSchema as unknown as ValibotNode, '', new Map())].sort();
    const fromJson = [...jsonSchemaPaths(MANAGED_SCHEMA, '', new Map())].sort();
    expect(fromJson).toEqual(fromValibot);
    expect(fromJson.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        'connections[].cloud.login',
        'connections[].app.clientId',
        'pim.requireTicket',
      ]),
    );
  });

  it('documents every top-level key and the string forms Chrome cannot state', () => {
    for (const [key, sub] of Object.entries(MANAGED_SCHEMA.properties ?? {}))
      expect(sub.description, key).toBeTruthy();
    const connection = MANAGED_SCHEMA.properties!.connections!.items!.properties!;
    expect(connection.cloud!.description).toMatch(/AzureCloud.*AzureUSGovernment.*AzureChinaCloud/);
    expect(connection.app!.description).toMatch(/"publisher"/);
  });

  it('is the file the manifest names', () => {
    const manifest = JSON.parse(readFileSync(path.resolve('manifest.json'), 'utf8')) as {
      storage: { managed_schema: string };
    };
    expect(manifest.storage.managed_schema).toBe('managed_schema.json');
  });
});
