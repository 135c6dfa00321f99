import * as v from 'valibot';
import type { ConfigKey } from '../config/schema';
import type { Overview, UiError } from './contract';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** Keys the options page edits one at a time; connections go through `connection.save`. */
export const SETTABLE_KEYS = ['allowedTenants', 'cloudAccessRoles', 'pim', 'allowUserConnections'] as const;
export type SettableKey = (typeof SETTABLE_KEYS)[number];

// Requests of the options page's admin features (connections, consent, test, roles, import/export).
export const ADMIN_REQUESTS = [
  v.object({ type: v.literal('config.export') }),
  v.object({ type: v.literal('config.import'), text: v.pipe(v.string(), v.maxLength(1_000_000)) }),
  /** Sets one key of the options layer; without `value` the key goes back to the build default. */
  v.object({ type: v.literal('config.set'), key: v.picklist(SETTABLE_KEYS), value: v.optional(v.unknown()) }),
  /** Discovery for a connection (saved or being edited): the tenant's GUID. */
  v.object({ type: v.literal('tenant.resolve'), connection: v.unknown() }),
  v.object({ type: v.literal('consent.url'), connectionId: id }),
  v.object({ type: v.literal('consent.run'), connectionId: id }),
  v.object({ type: v.literal('connection.test'), connectionId: id }),
] as const;

export interface ConfigExport {
  /** The options layer as JSON (what this page set), ready to download. */
  json: string;
  /** Keys managed policy sets: they win over the file wherever it is imported. */
  managedKeys: ConfigKey[];
}

export interface ImportResult {
  overview: Overview;
  /** Keys of the imported file that managed policy overrides: stored, not in force. */
  overridden: ConfigKey[];
}

export interface TenantResolution {
  /** Undefined when explicit endpoints name no tenant (a `{tenantid}` issuer and a domain tenant). */
  tenantId?: string;
}

export interface ConsentLink {
  /** The v2 admin-consent URL for the connection's tenant (docs/wire.md §5). */
  url: string;
}

export type ConsentOutcome =
  { granted: true; url: string; scope?: string } | { granted: false; url: string; error: UiError };

/** The steps of a sign-in, in order; Test connection names the one that failed. */
export const TEST_STEPS = [
  'discovery',
  'sign_in_window',
  'authorization_response',
  'token_redemption',
  'id_token_validation',
  'arm',
] as const;
export type TestStep = (typeof TEST_STEPS)[number];

/** What a test sign-in read from the ID token: basic profile only. */
export interface TestClaims {
  tid: string;
  oid: string;
  username?: string;
  name?: string;
}

export type ArmProbe =
  | { ok: true; subscriptions: number; more: boolean }
  | { ok: false; status: number; armCode?: string; code: string };

export interface TestReport {
  ok: boolean;
  /** The last step reached: the failed one when `ok` is false. */
  step: TestStep;
  claims?: TestClaims;
  arm?: ArmProbe;
  error?: UiError;
  /** What to change, as a code the page puts in words (`fix_<code>`). */
  fix?: string;
  /** Present when the fix is admin consent. */
  consentUrl?: string;
}

export interface AdminResponses {
  'config.export': ConfigExport;
  'config.import': ImportResult;
  'config.set': Overview;
  'tenant.resolve': TenantResolution;
  'consent.url': ConsentLink;
  'consent.run': ConsentOutcome;
  'connection.test': TestReport;
}
