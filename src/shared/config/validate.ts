import * as v from 'valibot';
import { ConfigLayerSchema, type ConfigLayer } from './schema';

export interface ConfigProblem {
  /** Dot path of the offending key, e.g. `connections.0.app.clientId`; empty for the whole document. */
  key: string;
  /** Stable problem code (translated by the pages as `cfgProblem_<code>`). */
  problem: string;
}

export type ValidationResult = { ok: true; value: ConfigLayer } | { ok: false; problems: ConfigProblem[] };

/** Validates one configuration layer from any source; nothing is coerced silently. */
export function validateConfigLayer(input: unknown): ValidationResult {
  const result = v.safeParse(ConfigLayerSchema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => ({
      key: keyOf(issue),
      problem: issue.message,
    })),
  };
}

function keyOf(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue) ?? '';
  // strictObject reports the unknown key itself in the issue's input/path: name it.
  if (issue.message === 'unknown_key' && issue.path) {
    const last = issue.path[issue.path.length - 1];
    if (last && 'key' in last && typeof last.key === 'string' && !path.endsWith(last.key)) {
      return path ? `${path}.${last.key}` : last.key;
    }
  }
  return path;
}

/** Parses JSON text (an imported file, a pasted document) then validates it. */
export function parseConfigText(text: string): ValidationResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ key: '', problem: 'not_json' }] };
  }
  return validateConfigLayer(data);
}
