import * as v from 'valibot';
import { guardLayerShape } from './guard';
import { CONFIG_LIMITS } from './limits';
import { ConfigLayerSchema, type ConfigLayer } from './schema';

export interface ConfigProblem {
  /** Dot path of the offending key, e.g. `connections.0.app.clientId`; empty for the whole document. */
  key: string;
  /** Stable problem code (translated by the pages as `cfgProblem_<code>`). */
  problem: string;
  /** The bound that was passed, for problems about size (too long, too many, too deep). */
  limit?: number;
}

export type ValidationResult = { ok: true; value: ConfigLayer } | { ok: false; problems: ConfigProblem[] };

/**
 * Validates one configuration layer from any source; nothing is coerced silently, and it never
 * throws: whatever a policy object or a file holds comes back as problems, each naming its key.
 */
export function validateConfigLayer(input: unknown): ValidationResult {
  try {
    const shape = guardLayerShape(input);
    if (shape) return { ok: false, problems: [shape] };
    const result = v.safeParse(ConfigLayerSchema, input, { abortPipeEarly: true });
    if (result.success) return { ok: true, value: result.output };
    return { ok: false, problems: result.issues.map(problemOf) };
  } catch {
    // A getter or proxy that throws is not configuration data.
    return { ok: false, problems: [{ key: '', problem: 'must_be_json' }] };
  }
}

function problemOf(issue: v.BaseIssue<unknown>): ConfigProblem {
  const problem: ConfigProblem = { key: keyOf(issue), problem: issue.message };
  if (issue.type === 'max_length' && typeof issue.requirement === 'number') problem.limit = issue.requirement;
  return problem;
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
  const tooLarge = textSizeProblem(text);
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ key: '', problem: 'not_json' }] };
  }
  return validateConfigLayer(data);
}

/** A file too large to be a configuration is refused before it is parsed (the page checks it too). */
export function textSizeProblem(text: string): ConfigProblem | undefined {
  return text.length > CONFIG_LIMITS.fileChars
    ? { key: '', problem: 'file_too_large', limit: CONFIG_LIMITS.fileChars }
    : undefined;
}

/** A problem as the detail of a `config_invalid` refusal (details are text). */
export function problemDetail(problem: ConfigProblem): Record<string, string> {
  const detail: Record<string, string> = { key: problem.key, problem: problem.problem };
  if (problem.limit !== undefined) detail.limit = String(problem.limit);
  return detail;
}
