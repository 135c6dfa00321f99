export type { CatalogEntry, CatalogState, CatalogSource } from '../../shared/store/schema';

import type { FetchLike } from '../../shared/fetch-like';

export type { FetchLike };

/** Injectable so retries and rate limits run on a fake clock in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What every ARM request needs: where, as whom, and how. */
export interface ArmContext {
  /** e.g. `https://management.azure.com` (no trailing slash needed). */
  armBase: string;
  accessToken: string;
  fetch: FetchLike;
  signal?: AbortSignal;
  /** Used by the 429/503 retry policy; defaults to a real timer. */
  sleep?: Sleep;
}

/** One page of a list: ARM's `nextLink`, or Resource Graph's `$skipToken`, as `next`. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * Subscriptions and resource groups the user can see, kept apart from the role entries: a
 * container may be visible without any role the catalog can name (e.g. access through a
 * management-group assignment), and the popup may still list it.
 */
export interface CatalogContainers {
  subscriptions: { id: string; name: string }[];
  resourceGroups: { subscriptionId: string; name: string }[];
  /** Subscriptions of other tenants the caller reads through Azure Lighthouse (their `tenantId`). */
  delegated?: DelegatedSubscription[];
}

export interface DelegatedSubscription {
  subscriptionId: string;
  name: string;
  /** The customer tenant that owns it, when the answer says. */
  tenantId?: string;
  tenantName?: string;
}
