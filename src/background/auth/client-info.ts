export interface ClientInfo {
  /** Object ID of the user in the home tenant. */
  uid: string;
  /** Home tenant ID. */
  utid: string;
}

function base64UrlToText(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** `client_info` is informational (home account hint), so a malformed one is ignored, not fatal. */
export function decodeClientInfo(value: unknown): ClientInfo | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(base64UrlToText(value));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { uid, utid } = parsed as Record<string, unknown>;
    return typeof uid === 'string' && typeof utid === 'string' ? { uid, utid } : undefined;
  } catch {
    return undefined;
  }
}
