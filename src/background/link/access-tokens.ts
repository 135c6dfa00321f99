// ARM access tokens: short-lived, never written to disk. They live in the worker's memory and, when a
// store is given (storage.session: memory only, cleared with the browser), survive the worker being
// stopped while idle, so reopening the popup does not redeem every tenant's refresh token again.
// Renewed five minutes early, as MSAL does (docs/wire.md §1.8).
const EARLY_MS = 5 * 60 * 1000;

export interface CachedAccessToken {
  token: string;
  expiresAt: number;
}

export interface AccessTokenStore {
  load(): Promise<Record<string, CachedAccessToken>>;
  save(all: Record<string, CachedAccessToken>): Promise<void>;
}

// Keyed by tenant and audience: a token for one ARM host is never offered to another.
const tokens = new Map<string, CachedAccessToken>();
const keyOf = (tenantId: string, audience: string) => `${tenantId} ${audience}`;
let store: AccessTokenStore | undefined;
let hydrated: Promise<void> | undefined;

export function useAccessTokenStore(next: AccessTokenStore | undefined): void {
  store = next;
  hydrated = undefined;
}

/** Once per worker start: what the store kept from before the worker last stopped. */
export function hydrateAccessTokens(): Promise<void> {
  hydrated ??= store
    ? store.load().then(
        (all) => {
          // Entries without an audience predate audience keys; they are simply not reused.
          for (const [key, entry] of Object.entries(all))
            if (key.includes(' ') && !tokens.has(key)) tokens.set(key, entry);
        },
        () => undefined,
      )
    : Promise.resolve();
  return hydrated;
}

// Saves land in the order they were made: a forget is never overtaken by the write before it.
let saving: Promise<void> = Promise.resolve();

function persist(): void {
  const target = store;
  if (!target) return;
  const snapshot = Object.fromEntries(tokens);
  saving = saving.then(() => target.save(snapshot)).catch(() => undefined);
}

/**
 * What the store holds now, merged in: called under a tenant's refresh-token lock, where a holder
 * before this one (another context) may have renewed and saved its token. Waits for this context's
 * own saves first, so a token forgotten here is not read back from a save not yet written.
 */
export async function reloadAccessTokens(): Promise<void> {
  const target = store;
  if (!target) return;
  await saving;
  const all = await target.load().catch(() => ({}) as Record<string, CachedAccessToken>);
  for (const [key, entry] of Object.entries(all)) {
    const mine = tokens.get(key);
    if (key.includes(' ') && (!mine || mine.expiresAt < entry.expiresAt)) tokens.set(key, entry);
  }
}

/** Resolves when every change so far is in the store (a renewal waits for it before it lets go). */
export function accessTokensSaved(): Promise<void> {
  return saving;
}

export function rememberAccessToken(
  tenantId: string,
  audience: string,
  token: string,
  expiresAt: number,
): void {
  tokens.set(keyOf(tenantId, audience), { token, expiresAt });
  persist();
}

export function cachedAccessToken(tenantId: string, audience: string, now: number): string | undefined {
  const hit = tokens.get(keyOf(tenantId, audience));
  return hit && hit.expiresAt - EARLY_MS > now ? hit.token : undefined;
}

/** Forgets every access token of the tenant, whatever its audience. */
export function forgetAccessToken(tenantId: string): void {
  for (const key of [...tokens.keys()]) if (key.startsWith(`${tenantId} `)) tokens.delete(key);
  persist();
}

export function forgetAllAccessTokens(): void {
  tokens.clear();
  hydrated = undefined;
  persist();
}
