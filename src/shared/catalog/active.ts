import type { CatalogEntry } from '../store/schema';

/** The one rule for "this role is active now": worker and popup alike, derived from the end time. */
export const isActiveAt = (entry: Pick<CatalogEntry, 'state' | 'activeUntil'>, now: number): boolean =>
  entry.state === 'active' && (entry.activeUntil === undefined || entry.activeUntil > now);
