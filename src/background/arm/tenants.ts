import * as v from 'valibot';
import { parseList } from './parse';
import { armGet, armGetNext, collectPages, readArmJson } from './request';
import type { ArmContext, Page } from './types';

export const TENANTS_API_VERSION = '2022-12-01';

export interface TenantInfo {
  tenantId: string;
  displayName: string;
  defaultDomain?: string;
  /** `Home`, `ProjectedBy` or `ManagedBy` (Lighthouse). */
  tenantCategory?: string;
}

const TenantItem = v.object({
  tenantId: v.string(),
  displayName: v.nullish(v.string()),
  defaultDomain: v.nullish(v.string()),
  tenantCategory: v.nullish(v.string()),
});

/** `GET /tenants`: every tenant the signed-in account belongs to (docs/wire.md §6.2). */
export function tenantsRequest(ctx: ArmContext, nextLink?: string): Promise<Response> {
  return nextLink
    ? armGetNext(ctx, nextLink)
    : armGet({ ...ctx, path: '/tenants', apiVersion: TENANTS_API_VERSION });
}

export async function processTenantsResponse(response: Response): Promise<Page<TenantInfo>> {
  const { items, nextLink } = parseList(await readArmJson(response), TenantItem);
  const tenants = items.map((t): TenantInfo => {
    const out: TenantInfo = {
      tenantId: t.tenantId.toLowerCase(),
      // Tenants without a name exist (older guest tenants); the domain or ID is what a user recognises then.
      displayName: t.displayName || t.defaultDomain || t.tenantId,
    };
    if (t.defaultDomain) out.defaultDomain = t.defaultDomain;
    if (t.tenantCategory) out.tenantCategory = t.tenantCategory;
    return out;
  });
  return nextLink ? { items: tenants, next: nextLink } : { items: tenants };
}

export function listTenants(ctx: ArmContext): Promise<TenantInfo[]> {
  return collectPages(
    async () => processTenantsResponse(await tenantsRequest(ctx)),
    async (link) => processTenantsResponse(await tenantsRequest(ctx, link)),
  );
}
