/**
 * Resource Graph's per-user quota (A-ARGT): a fixed window that opens with the first query and
 * allows `limit` queries until it closes. Keyed by person, not token, because the real quota
 * follows the user across tenants.
 */
export class ArgQuota {
  private readonly windows = new Map<string, { start: number; used: number }>();

  take(
    person: string,
    now: number,
    limit: number,
    windowMs: number,
  ): { ok: boolean; remaining: number; resetsAfterMs: number } {
    let w = this.windows.get(person);
    if (!w || now >= w.start + windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(person, w);
    }
    const resetsAfterMs = w.start + windowMs - now;
    if (w.used >= limit) return { ok: false, remaining: 0, resetsAfterMs };
    w.used++;
    return { ok: true, remaining: limit - w.used, resetsAfterMs };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** `hh:mm:ss`, rounded up so a client never retries a moment too early. */
export function hms(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
