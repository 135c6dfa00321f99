import type { ArmResponse } from './http';
import { listBody, pageOf } from './paging';
import type { ArmRequest } from './request';
import type { SeedTenant } from './seed';

export function tenantJson(t: SeedTenant): Record<string, unknown> {
  return {
    id: `/tenants/${t.tenantId}`,
    tenantId: t.tenantId,
    countryCode: t.countryCode,
    displayName: t.displayName,
    domains: t.domains,
    tenantCategory: t.tenantCategory,
    defaultDomain: t.defaultDomain,
    tenantType: t.tenantType ?? 'AAD',
    ...(t.tenantBrandingLogoUrl ? { tenantBrandingLogoUrl: t.tenantBrandingLogoUrl } : {}),
  };
}

/** `GET /tenants`: every directory the person belongs to, whichever of their tokens asks. */
export function listTenants(r: ArmRequest): ArmResponse {
  const ids = r.state.tenantIdsFor(r.caller);
  const items = r.state.seed.tenants.filter((t) => ids.has(t.tenantId.toLowerCase())).map(tenantJson);
  const fingerprint = `tenants|${r.state.personFor(r.caller)}`;
  const page = pageOf(items, r.url, r.ctx.baseUrl, r.state.pageSizes.tenants, fingerprint);
  return { status: 200, body: listBody(page) };
}
