import type { CatalogEntry, CatalogState } from '../store/schema';

type Timed = Pick<CatalogEntry, 'state' | 'activeUntil' | 'eligibilityScheduleId'>;

/**
 * The one rule for an entry's state at a moment, worker and popup alike: the cache says "active"
 * until a refresh, but an activation ends at `activeUntil`. After that the role is eligible again
 * if PIM made it so, and not held if it was a time-bound assignment.
 */
export function stateAt(entry: Timed, now: number): CatalogState {
  if (entry.state !== 'active' || entry.activeUntil === undefined || entry.activeUntil > now)
    return entry.state;
  return entry.eligibilityScheduleId ? 'eligible' : 'not_held';
}

/** "This role is active now": opening the portal needs no activation. */
export const isActiveAt = (entry: Timed, now: number): boolean => stateAt(entry, now) === 'active';
