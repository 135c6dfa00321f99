import { CONFIG_LIMITS } from './limits';

/** What the structural guard refuses; `key` is the dot path, as in the schema's own problems. */
export interface GuardProblem {
  key: string;
  problem: 'forbidden_key' | 'too_deep' | 'layer_too_large' | 'must_be_json';
  limit?: number;
}

// Names that reach Object.prototype, or an object's constructor, when a careless consumer copies or
// merges the layer by key. No setting is called so, so they are refused by name rather than ignored.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Walks a layer before the schema sees it: the schema names unknown keys and wrong types, this
 * bounds the shape (depth, number of values) and refuses prototype keys and non-JSON objects, so a
 * hostile policy object or file cannot cost unbounded work or reach a prototype. Iterative, so deep
 * nesting cannot overflow the stack; a cycle ends as `too_deep`.
 */
export function guardLayerShape(input: unknown): GuardProblem | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (++nodes > CONFIG_LIMITS.nodes)
      return { key: '', problem: 'layer_too_large', limit: CONFIG_LIMITS.nodes };
    if (typeof value !== 'object' || value === null) continue;
    const key = path.join('.');
    if (path.length + 1 > CONFIG_LIMITS.depth)
      return { key, problem: 'too_deep', limit: CONFIG_LIMITS.depth };
    if (!Array.isArray(value) && !isPlainObject(value)) return { key, problem: 'must_be_json' };
    // Checked before the keys are listed: a million-entry array must not be copied to be refused.
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (nodes + stack.length + size > CONFIG_LIMITS.nodes)
      return { key: '', problem: 'layer_too_large', limit: CONFIG_LIMITS.nodes };
    const names = Object.keys(value);
    const forbidden = names.find((name) => FORBIDDEN_KEYS.has(name));
    if (forbidden !== undefined) return { key: [...path, forbidden].join('.'), problem: 'forbidden_key' };
    // Reversed so the first key is looked at first and the first problem in document order is named.
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      stack.push({ value: (value as Record<string, unknown>)[name], path: [...path, name] });
    }
  }
  return undefined;
}
