import * as v from 'valibot';
import { GUID_PATTERN } from '../guid';
import { CONFIG_LIMITS } from './limits';

// The configuration contract of docs/design.md §4. Key names are public (IT writes them in policy files):
// change them only together with a migration. Issue messages are stable problem codes; the pages
// translate them (`cfgProblem_<code>` in _locales) and show them next to the key's dot path.

import { GUID_SOURCE } from '../guid';
export { GUID_PATTERN, isGuid } from '../guid';
const DOMAIN_PATTERN = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SCOPE_PATTERN = new RegExp(`^/subscriptions/${GUID_SOURCE}(?:/resourceGroups/[-\\w._()]{1,90})?$`, 'i');

/** https anywhere; plain http only on loopback, which test and demo builds use for the emulator. */
export function isAllowedEndpointUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

const text = v.pipe(v.string('must_be_text'), v.maxLength(CONFIG_LIMITS.text, 'too_long'));
const endpointUrl = v.pipe(text, v.check(isAllowedEndpointUrl, 'must_be_https_url'));
/** A list of at most `max` items; the bound is part of the contract (limits.ts). */
const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'must_be_list'), v.maxLength(max, 'too_many'));
const guid = v.pipe(v.string('must_be_text'), v.regex(GUID_PATTERN, 'must_be_guid'));

export const TenantSchema = v.pipe(
  text,
  v.trim(),
  v.check((t) => GUID_PATTERN.test(t) || DOMAIN_PATTERN.test(t), 'must_be_tenant'),
);

export const NAMED_CLOUDS = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type NamedCloud = (typeof NAMED_CLOUDS)[number];

export const CustomCloudSchema = v.strictObject(
  { login: endpointUrl, arm: endpointUrl, portal: endpointUrl },
  'unknown_key',
);
export const CloudSchema = v.union(
  [v.picklist(NAMED_CLOUDS, 'must_be_cloud'), CustomCloudSchema],
  'must_be_cloud',
);

export const AppSchema = v.union(
  [v.literal('publisher', 'must_be_app'), v.strictObject({ clientId: guid }, 'unknown_key')],
  'must_be_app',
);

export const EndpointsSchema = v.strictObject(
  {
    authorization: endpointUrl,
    token: endpointUrl,
    jwks: endpointUrl,
    issuer: v.pipe(text, v.minLength(8, 'must_be_issuer')),
  },
  'unknown_key',
);

export const ConnectionSchema = v.strictObject(
  {
    id: v.pipe(v.string('must_be_text'), v.regex(/^[\w.-]{1,64}$/, 'must_be_id')),
    displayName: v.pipe(
      v.string('must_be_text'),
      v.trim(),
      v.minLength(1, 'required'),
      v.maxLength(80, 'too_long'),
    ),
    tenant: TenantSchema,
    cloud: CloudSchema,
    app: AppSchema,
    endpoints: v.optional(EndpointsSchema),
    loginHint: v.optional(v.pipe(v.string('must_be_text'), v.maxLength(254, 'too_long'))),
  },
  'unknown_key',
);

export const CloudAccessRoleSchema = v.strictObject(
  {
    name: v.pipe(
      v.string('must_be_text'),
      v.trim(),
      v.minLength(1, 'required'),
      v.maxLength(120, 'too_long'),
    ),
    connection: v.pipe(v.string('must_be_text'), v.maxLength(64, 'too_long')),
    scope: v.pipe(v.string('must_be_text'), v.regex(SCOPE_PATTERN, 'must_be_scope')),
    role: v.pipe(text, v.trim(), v.minLength(1, 'required')),
  },
  'unknown_key',
);

export const PimSchema = v.strictObject(
  {
    defaultDurationMinutes: v.pipe(
      v.number('must_be_number'),
      v.integer('must_be_integer'),
      v.minValue(5, 'too_small'),
      v.maxValue(1440, 'too_large'),
    ),
    justificationTemplates: list(
      v.pipe(v.string('must_be_text'), v.maxLength(500, 'too_long')),
      CONFIG_LIMITS.justificationTemplates,
    ),
    requireTicket: v.boolean('must_be_boolean'),
    /**
     * Minutes before an activation ends that a notification offers to extend it; 0 turns it off.
     * Optional so layers written before it existed stay valid (the schema version does not move).
     */
    expiryWarningMinutes: v.optional(
      v.pipe(
        v.number('must_be_number'),
        v.integer('must_be_integer'),
        v.minValue(0, 'too_small'),
        v.maxValue(240, 'too_large'),
      ),
    ),
  },
  'unknown_key',
);

/** The expiry warning in force: a `pim` layer without the key gets the default. */
export const DEFAULT_EXPIRY_WARNING_MINUTES = 10;
export const expiryWarningMinutes = (pim: PimSettings): number =>
  pim.expiryWarningMinutes ?? DEFAULT_EXPIRY_WARNING_MINUTES;

/** One layer of configuration (defaults, options page, imported file, managed policy): any subset of keys. */
export const ConfigLayerSchema = v.pipe(
  v.strictObject(
    {
      schemaVersion: v.optional(v.literal(1, 'unsupported_version')),
      connections: v.optional(list(ConnectionSchema, CONFIG_LIMITS.connections)),
      allowedTenants: v.optional(list(TenantSchema, CONFIG_LIMITS.allowedTenants)),
      cloudAccessRoles: v.optional(list(CloudAccessRoleSchema, CONFIG_LIMITS.cloudAccessRoles)),
      pim: v.optional(PimSchema),
      allowUserConnections: v.optional(v.boolean('must_be_boolean')),
    },
    'unknown_key',
  ),
  v.check(
    (layer) => new Set((layer.connections ?? []).map((c) => c.id)).size === (layer.connections ?? []).length,
    'duplicate_connection_id',
  ),
);

export type Connection = v.InferOutput<typeof ConnectionSchema>;
export type Cloud = v.InferOutput<typeof CloudSchema>;
export type CustomCloud = v.InferOutput<typeof CustomCloudSchema>;
export type CloudAccessRole = v.InferOutput<typeof CloudAccessRoleSchema>;
export type PimSettings = v.InferOutput<typeof PimSchema>;
export type ConfigLayer = v.InferOutput<typeof ConfigLayerSchema>;

export const CONFIG_KEYS = [
  'connections',
  'allowedTenants',
  'cloudAccessRoles',
  'pim',
  'allowUserConnections',
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** The configuration in force: every key present. */
export interface EffectiveConfig {
  schemaVersion: 1;
  connections: Connection[];
  allowedTenants?: string[];
  cloudAccessRoles: CloudAccessRole[];
  pim: PimSettings;
  allowUserConnections: boolean;
}
