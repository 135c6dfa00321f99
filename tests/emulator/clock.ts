/**
 * The emulator's notion of "now". It ticks with real time (so a demo behaves naturally) but can be
 * moved forward or set, so tests can cross token, code and session lifetimes without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch, emulator time. */
  now(): number;
  advance(ms: number): number;
  set(ms: number): number;
}

export function createClock(start: number = Date.now()): Clock {
  let offset = start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new Error('advance: ms must be a finite number');
      offset += ms;
      return Date.now() + offset;
    },
    set(ms: number) {
      if (!Number.isFinite(ms)) throw new Error('set: ms must be a finite number');
      offset = ms - Date.now();
      return ms;
    },
  };
}

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

/** Entra's timestamp format in error bodies: `2024-01-01 00:00:00Z`. */
export function entraTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}
