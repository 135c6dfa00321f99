import { CONFIG_KEYS, type ConfigKey, type ConfigLayer } from '../../shared/config/schema';
import {
  parseConfigText,
  problemDetail,
  validateConfigLayer,
  type ConfigProblem,
} from '../../shared/config/validate';
import type { SettableKey } from '../../shared/messages/admin-contract';
import type { LoadedConfig } from '../config/load-config';
import { Refusal } from '../errors/refusal';

function invalid(problems: ConfigProblem[]): Refusal {
  const first = problems[0] ?? { key: '', problem: 'invalid' };
  return new Refusal('config_invalid', { ...problemDetail(first), count: String(problems.length) });
}

/** The options layer as a file: what this browser's options page set, in the §4 schema. */
export function exportOptionsLayer(options: ConfigLayer): string {
  return `${JSON.stringify({ schemaVersion: 1, ...options }, null, 2)}\n`;
}

/**
 * An imported file replaces the options layer as a whole, or changes nothing: the first problem
 * (key and code) is refused back. Keys managed policy sets stay managed: the file's values for them
 * are kept in the options layer but not in force, and are reported as overridden.
 */
export function importOptionsLayer(
  text: string,
  loaded: LoadedConfig,
): { layer: ConfigLayer; overridden: ConfigKey[] } {
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw invalid(parsed.problems);
  const layer = parsed.value;
  if (
    layer.connections !== undefined &&
    !loaded.managedKeys.includes('connections') &&
    loaded.sourceOf.allowUserConnections === 'managed' &&
    !loaded.config.allowUserConnections
  )
    throw new Refusal('user_connections_disabled');
  const overridden = CONFIG_KEYS.filter(
    (key) => layer[key] !== undefined && loaded.managedKeys.includes(key),
  );
  return { layer, overridden };
}

/** One key of the options layer set (or, without a value, removed), validated as a whole layer. */
export function setOptionsKey(
  options: ConfigLayer,
  key: SettableKey,
  value: unknown,
  loaded: LoadedConfig,
): ConfigLayer {
  if (loaded.managedKeys.includes(key)) throw new Refusal('managed_locked', { key });
  const next: Record<string, unknown> = { ...options };
  if (value === undefined) delete next[key];
  else next[key] = value;
  const result = validateConfigLayer(next);
  if (!result.ok) throw invalid(result.problems);
  return result.value;
}
