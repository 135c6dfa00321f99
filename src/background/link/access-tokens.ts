// ARM access tokens stay in the worker's memory only: short-lived, and a new one is one refresh away.
// Renewed five minutes early, as MSAL does (WIRE.md §1.8).
const EARLY_MS = 5 * 60 * 1000;
const tokens = new Map<string, { token: string; expiresAt: number }>();

export function rememberAccessToken(tenantId: string, token: string, expiresAt: number): void {
  tokens.set(tenantId, { token, expiresAt });
}

export function cachedAccessToken(tenantId: string, now: number): string | undefined {
  const hit = tokens.get(tenantId);
  return hit && hit.expiresAt - EARLY_MS > now ? hit.token : undefined;
}

export function forgetAccessToken(tenantId: string): void {
  tokens.delete(tenantId);
}

export function forgetAllAccessTokens(): void {
  tokens.clear();
}
