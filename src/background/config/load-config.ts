import { mergeConfig, type MergedConfig } from '../../shared/config/merge';
import type { ConfigLayer } from '../../shared/config/schema';
import { validateConfigLayer, type ConfigProblem } from '../../shared/config/validate';

export interface LoadedConfig extends MergedConfig {
  problems: { source: 'managed' | 'options'; problems: ConfigProblem[] }[];
}

export interface ConfigSources {
  defaults: unknown;
  options: unknown;
  managed: unknown;
  /** The last managed layer that validated: bad policy never replaces a good one. */
  lastGoodManaged?: ConfigLayer;
}

/** Validates each layer on its own, then merges: one bad layer is reported and does not poison the rest. */
export function loadConfig(sources: ConfigSources): LoadedConfig & { managedLayer?: ConfigLayer } {
  const problems: LoadedConfig['problems'] = [];
  const defaults = validateConfigLayer(sources.defaults);
  const options = validateConfigLayer(sources.options);
  const managed = validateConfigLayer(sources.managed);
  if (!options.ok) problems.push({ source: 'options', problems: options.problems });
  if (!managed.ok) problems.push({ source: 'managed', problems: managed.problems });
  const managedLayer = managed.ok ? managed.value : sources.lastGoodManaged;
  const merged = mergeConfig({
    defaults: defaults.ok ? defaults.value : undefined,
    options: options.ok ? options.value : undefined,
    managed: managedLayer,
  });
  return { ...merged, problems, managedLayer };
}
