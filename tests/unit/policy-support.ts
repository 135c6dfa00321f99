// Readers for the policy formats of docs/policy (Windows .reg, macOS plist) and a model of how
// Chromium checks a policy value against an extension's managed_schema.json. Test helpers only.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface JsonSchema {
  type: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  [attribute: string]: unknown;
}

export const MANAGED_SCHEMA = JSON.parse(
  readFileSync(path.resolve('public/managed_schema.json'), 'utf8'),
) as JsonSchema;

/** The test build's extension ID: the placeholder the samples use. */
export const SAMPLE_EXTENSION_ID = 'imaoaahfnaagedddnnnfakiglapfloen';
export const GECKO_ID = 'cloud-access-for-azure@cloud-access.dev';

/**
 * A `.reg` file (Windows Registry Editor 5.00): `[key]` sections of `"name"="string"` and
 * `"name"=dword:hex` values. Backslash and double quote are escaped in strings.
 */
export function parseRegFile(text: string): Map<string, Record<string, string | number>> {
  const sections = new Map<string, Record<string, string | number>>();
  let current: Record<string, string | number> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error('not a .reg file');
  for (const line of lines.slice(1)) {
    if (!line.trim() || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = {};
      sections.set(section[1]!, current);
      continue;
    }
    if (!current) throw new Error(`value outside a key: ${line}`);
    const dword = /^"((?:[^"\\]|\\.)*)"=dword:([0-9a-f]{8})$/i.exec(line);
    if (dword) {
      current[unescapeReg(dword[1]!)] = parseInt(dword[2]!, 16);
      continue;
    }
    const str = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (!str) throw new Error(`unsupported .reg line: ${line}`);
    current[unescapeReg(str[1]!)] = unescapeReg(str[2]!);
  }
  return sections;
}

const unescapeReg = (s: string) => s.replace(/\\(.)/g, '$1');

/**
 * Chrome's registry policy loader converts each value to its schema type: JSON strings to lists and
 * objects, DWORDs to integers and booleans.
 */
export function registryToPolicy(
  values: Record<string, string | number>,
  schema: JsonSchema = MANAGED_SCHEMA,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const type = schema.properties?.[name]?.type;
    if (type === 'array' || type === 'object') out[name] = JSON.parse(String(value));
    else if (type === 'boolean') out[name] = value !== 0;
    else out[name] = value;
  }
  return out;
}

type PlistToken = { kind: 'open' | 'close' | 'empty'; tag: string } | { kind: 'text'; text: string };

/** A minimal XML plist reader: dict, array, key, string, integer, real, true, false. */
export function parsePlist(xml: string): unknown {
  const tokens: PlistToken[] = [];
  const body = xml
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  for (const match of body.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>|([^<]+)/g)) {
    if (match[4] !== undefined) {
      if (match[4].trim()) tokens.push({ kind: 'text', text: decodeXml(match[4]) });
      continue;
    }
    const tag = match[2]!;
    tokens.push({ kind: match[1] ? 'close' : match[3] ? 'empty' : 'open', tag });
  }
  let at = 0;
  const next = () => tokens[at++];
  const expectClose = (tag: string) => {
    const token = next();
    if (!token || token.kind !== 'close' || token.tag !== tag) throw new Error(`expected </${tag}>`);
  };
  const textOf = (tag: string): string => {
    const token = tokens[at];
    let text = '';
    if (token?.kind === 'text') {
      text = token.text;
      at++;
    }
    expectClose(tag);
    return text;
  };
  const value = (): unknown => {
    const token = next();
    if (!token || token.kind === 'text' || token.kind === 'close') throw new Error('expected a value');
    if (token.kind === 'empty') {
      if (token.tag === 'true') return true;
      if (token.tag === 'false') return false;
      if (token.tag === 'dict') return {};
      if (token.tag === 'array') return [];
      if (token.tag === 'string') return '';
      throw new Error(`unsupported <${token.tag}/>`);
    }
    switch (token.tag) {
      case 'plist': {
        const inner = value();
        expectClose('plist');
        return inner;
      }
      case 'dict': {
        const dict: Record<string, unknown> = {};
        while (!(tokens[at]?.kind === 'close' && (tokens[at] as { tag: string }).tag === 'dict')) {
          const key = next();
          if (!key || key.kind !== 'open' || key.tag !== 'key') throw new Error('expected <key>');
          dict[textOf('key')] = value();
        }
        expectClose('dict');
        return dict;
      }
      case 'array': {
        const list: unknown[] = [];
        while (!(tokens[at]?.kind === 'close' && (tokens[at] as { tag: string }).tag === 'array'))
          list.push(value());
        expectClose('array');
        return list;
      }
      case 'string':
        return textOf('string');
      case 'integer':
        return parseInt(textOf('integer'), 10);
      case 'real':
        return parseFloat(textOf('real'));
      default:
        throw new Error(`unsupported <${token.tag}>`);
    }
  };
  const result = value();
  if (at !== tokens.length) throw new Error('trailing content after the plist');
  return result;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * How Chromium checks a policy against managed_schema.json: a value of another type than declared
 * makes the whole top-level policy invalid, and Chrome drops it. Unknown properties are reported
 * too (Chrome drops those silently), so a sample with a typo fails here.
 */
export function chromeSchemaProblems(value: unknown, schema: JsonSchema, at = ''): string[] {
  const typeOf = (v: unknown) =>
    Array.isArray(v)
      ? 'array'
      : v === null
        ? 'null'
        : typeof v === 'number'
          ? Number.isInteger(v)
            ? 'integer'
            : 'number'
          : typeof v;
  const actual = typeOf(value);
  const fits = actual === schema.type || (schema.type === 'number' && actual === 'integer');
  if (!fits) return [`${at || '(root)'}: expected ${schema.type}, got ${actual}`];
  if (schema.type === 'array')
    return (value as unknown[]).flatMap((item, i) =>
      chromeSchemaProblems(item, schema.items!, `${at}[${i}]`),
    );
  if (schema.type === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
      const sub = schema.properties?.[key];
      const where = at ? `${at}.${key}` : key;
      return sub ? chromeSchemaProblems(v, sub, where) : [`${where}: unknown property`];
    });
  return [];
}
