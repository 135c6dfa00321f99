import type { CatalogEntry } from '../../shared/store/schema';

/** Fires when the soonest activation ends, so the badge count follows without a popup open. */
export const END_ALARM = 'active-now-end';
const WARNING_PREFIX = 'expiry-warning|';

export interface PlannedAlarm {
  name: string;
  when: number;
}

/** One warning per activation end: extending moves the end, and so names a new warning. */
export const warningAlarmName = (key: string, activeUntil: number): string =>
  `${WARNING_PREFIX}${activeUntil}|${key}`;

export function parseWarningAlarm(name: string): { key: string; activeUntil: number } | undefined {
  if (!name.startsWith(WARNING_PREFIX)) return undefined;
  const rest = name.slice(WARNING_PREFIX.length);
  const bar = rest.indexOf('|');
  const activeUntil = Number(rest.slice(0, bar));
  if (bar < 0 || !Number.isFinite(activeUntil)) return undefined;
  return { key: rest.slice(bar + 1), activeUntil };
}

export const isLifecycleAlarm = (name: string): boolean =>
  name === END_ALARM || name.startsWith(WARNING_PREFIX);

/**
 * The alarms the activations in force want: a warning `warningMinutes` before each end (at once
 * when that moment has passed but the role is still active; never twice for the same end) and one
 * at the soonest end. `active` is soonest first (activeNow()).
 */
export function planAlarms(
  active: readonly CatalogEntry[],
  now: number,
  warningMinutes: number,
  warned: ReadonlySet<string>,
): PlannedAlarm[] {
  const out: PlannedAlarm[] = [];
  if (warningMinutes > 0) {
    for (const e of active) {
      const name = warningAlarmName(e.key, e.activeUntil!);
      if (warned.has(name)) continue;
      out.push({ name, when: Math.max(now, e.activeUntil! - warningMinutes * 60_000) });
    }
  }
  const soonest = active[0]?.activeUntil;
  if (soonest !== undefined) out.push({ name: END_ALARM, when: soonest });
  return out;
}

/** What to change: alarms to clear (ours, no longer wanted or moved) and to create. */
export function reconcileAlarms(
  existing: readonly PlannedAlarm[],
  wanted: readonly PlannedAlarm[],
): { clear: string[]; create: PlannedAlarm[] } {
  const want = new Map(wanted.map((a) => [a.name, a.when]));
  const have = new Map(existing.filter((a) => isLifecycleAlarm(a.name)).map((a) => [a.name, a.when]));
  return {
    clear: [...have.keys()].filter((name) => !want.has(name) || want.get(name) !== have.get(name)),
    create: wanted.filter((a) => have.get(a.name) !== a.when),
  };
}
