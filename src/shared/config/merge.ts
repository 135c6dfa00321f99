import { CONFIG_KEYS, type ConfigKey, type ConfigLayer, type EffectiveConfig } from './schema';

export const BASE_DEFAULTS: EffectiveConfig = {
  schemaVersion: 1,
  connections: [],
  cloudAccessRoles: [],
  pim: {
    defaultDurationMinutes: 60,
    justificationTemplates: [],
    requireTicket: false,
    expiryWarningMinutes: 10,
  },
  allowUserConnections: true,
};

export interface MergedConfig {
  config: EffectiveConfig;
  /** Keys whose value comes from managed policy: shown locked, never written from the options page. */
  managedKeys: ConfigKey[];
  sourceOf: Record<ConfigKey, 'managed' | 'options' | 'defaults'>;
}

/** Precedence, key by key: managed policy > options page > build defaults (docs/design.md §4). */
export function mergeConfig(layers: {
  defaults?: ConfigLayer;
  options?: ConfigLayer;
  managed?: ConfigLayer;
}): MergedConfig {
  const config: EffectiveConfig = structuredClone(BASE_DEFAULTS);
  const sourceOf = {} as MergedConfig['sourceOf'];
  const managedKeys: ConfigKey[] = [];
  for (const key of CONFIG_KEYS) {
    const pick = (['managed', 'options', 'defaults'] as const).find(
      (source) => layers[source]?.[key] !== undefined,
    );
    sourceOf[key] = pick ?? 'defaults';
    if (pick === 'managed') managedKeys.push(key);
    const value = pick ? layers[pick]?.[key] : undefined;
    if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = structuredClone(value);
  }
  return { config, managedKeys, sourceOf };
}
