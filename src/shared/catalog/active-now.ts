import type { CatalogEntry, CatalogRecord } from '../store/schema';
import { stateAt } from './active';

/** An activation the user made through PIM and may end or extend: eligible, active, with an end. */
export function isActivated(entry: CatalogEntry, now: number): boolean {
  return (
    entry.source !== 'delegated' &&
    !!entry.eligibilityScheduleId &&
    entry.activeUntil !== undefined &&
    stateAt(entry, now) === 'active'
  );
}

/**
 * Every activation across linked tenants, soonest to end first. Derived from the stored end times
 * at the moment asked, so it holds after the worker slept or the popup stayed open.
 */
export function activeNow(records: readonly CatalogRecord[], now: number): CatalogEntry[] {
  return records
    .flatMap((r) => r.entries)
    .filter((e) => isActivated(e, now))
    .sort((a, b) => a.activeUntil! - b.activeUntil! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whole minutes left, rounded up: "1 min" until the last second, never 0 while still active. */
export function minutesLeft(activeUntil: number, now: number): number {
  return Math.max(0, Math.ceil((activeUntil - now) / 60_000));
}
