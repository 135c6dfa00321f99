import * as v from 'valibot';
import type { ConfigProblem } from '../config/validate';
import type { ConfigKey, Connection, EffectiveConfig } from '../config/schema';
import type { LinkRecord } from '../store/schema';
import { ADMIN_REQUESTS, type AdminResponses } from './admin-contract';
import { CATALOG_REQUESTS, type CatalogResponses } from './catalog-contract';
import { LIFECYCLE_REQUESTS, type LifecycleResponses } from './lifecycle-contract';

// One typed contract between the pages (popup, options) and the service worker. The worker checks
// every request against these schemas at runtime; the pages get typed responses.

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

const CORE_REQUESTS = [
  v.object({ type: v.literal('overview.get') }),
  v.object({ type: v.literal('links.check') }),
  v.object({
    type: v.literal('link.start'),
    connectionId: id,
    mode: v.picklist(['link', 'sign_in_again', 'sign_out_and_retry']),
  }),
  v.object({ type: v.literal('link.remove'), tenantId: id }),
  v.object({ type: v.literal('flow.dismiss'), connectionId: id }),
  v.object({ type: v.literal('connection.save'), connection: v.unknown() }),
  v.object({ type: v.literal('connection.remove'), connectionId: id }),
  v.object({ type: v.literal('redirectUris.get') }),
  v.object({ type: v.literal('offer.accept'), tenantId: id }),
  v.object({ type: v.literal('offer.dismiss'), tenantId: id }),
] as const;

// Each feature declares its requests and responses in its own contract file; this is the union.
export const RequestSchema = v.variant('type', [
  ...CORE_REQUESTS,
  ...CATALOG_REQUESTS,
  ...LIFECYCLE_REQUESTS,
  ...ADMIN_REQUESTS,
]);

export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

/** An error the pages can put in words: `code` selects the message `err_<code>`, detail fills it. */
export interface UiError {
  code: string;
  detail?: Record<string, string>;
}

export type FlowStatus = 'running' | 'succeeded' | 'failed';

/** The outcome of the last sign-in flow per connection, kept while the popup may be closed. */
export interface FlowState {
  connectionId: string;
  status: FlowStatus;
  startedAt: number;
  finishedAt?: number;
  username?: string;
  tenantId?: string;
  error?: UiError;
}

export interface ConnectionView {
  connection: Connection;
  clientIdMissing: boolean;
  link?: LinkRecord;
  flow?: FlowState;
  allowed: boolean;
}

/** Another tenant the linked account belongs to, offered for linking in one click. */
export interface TenantOffer {
  tenantId: string;
  displayName: string;
  defaultDomain?: string;
  viaConnectionId: string;
  viaUsername: string;
  dismissed: boolean;
}

export interface Overview {
  connections: ConnectionView[];
  /** Offers still open: not dismissed and not configured meanwhile. */
  offers: TenantOffer[];
  /** Links whose connection is gone from the configuration: still listed so they can be unlinked. */
  orphanLinks: LinkRecord[];
  config: EffectiveConfig;
  managedKeys: ConfigKey[];
  configProblems: { source: 'managed' | 'options'; problems: ConfigProblem[] }[];
}

export interface RedirectUris {
  chromium: string;
  firefox?: string;
}

interface CoreResponses {
  'overview.get': Overview;
  'links.check': Overview;
  'link.start': FlowState;
  'link.remove': Overview;
  'flow.dismiss': Overview;
  'connection.save': Overview;
  'connection.remove': Overview;
  'redirectUris.get': RedirectUris;
  'offer.accept': FlowState;
  'offer.dismiss': Overview;
}

export type ResponseMap = CoreResponses & CatalogResponses & LifecycleResponses & AdminResponses;

export type Response<T extends RequestType> =
  { ok: true; data: ResponseMap[T] } | { ok: false; error: UiError };

export type AdminRequestType = v.InferOutput<(typeof ADMIN_REQUESTS)[number]>['type'];
export type CatalogRequestType = v.InferOutput<(typeof CATALOG_REQUESTS)[number]>['type'];
export type LifecycleRequestType = v.InferOutput<(typeof LIFECYCLE_REQUESTS)[number]>['type'];

export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export function parseRequest(message: unknown): Request | undefined {
  const result = v.safeParse(RequestSchema, message);
  return result.success ? result.output : undefined;
}
