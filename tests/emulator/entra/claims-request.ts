/**
 * The `claims` request parameter (docs/wire.md §6.7). Only what an Azure client uses: `amr` "mfa" and `acrs`
 * (auth-context) force a second factor, `xms_cc` (client capabilities, e.g. cp1) is echoed into the access
 * token. Treating `amr` as a step-up request is community practice, not a documented contract (docs/wire.md §6.4).
 */
export interface ClaimsRequest {
  needMfa: boolean;
  acrs: string[];
  xmsCc: string[];
}

export const NO_CLAIMS: ClaimsRequest = { needMfa: false, acrs: [], xmsCc: [] };

function values(claim: unknown): string[] {
  if (!claim || typeof claim !== 'object') return [];
  const c = claim as { value?: unknown; values?: unknown };
  const list = Array.isArray(c.values) ? c.values : c.value !== undefined ? [c.value] : [];
  return list.map(String);
}

/** Returns undefined when the parameter is not valid JSON. */
export function parseClaimsRequest(raw: string | null | undefined): ClaimsRequest | undefined {
  if (!raw) return NO_CLAIMS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const at = (json as { access_token?: Record<string, unknown> } | null)?.access_token ?? {};
  const acrs = values(at.acrs);
  return {
    needMfa: values(at.amr).includes('mfa') || acrs.length > 0,
    acrs,
    xmsCc: values(at.xms_cc),
  };
}
