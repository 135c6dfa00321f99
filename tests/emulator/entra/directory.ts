import type { Seed, SeedApp, SeedTenant, SeedUser } from '../seed';

export type Authority =
  | { kind: 'tenant'; tenant: SeedTenant; segment: string }
  | { kind: 'organizations' | 'common'; segment: string };

/** Resolves the `{tenant}` path segment: GUID, any verified domain, `organizations` or `common`. */
export function resolveAuthority(seed: Seed, segment: string): Authority | undefined {
  const s = segment.toLowerCase();
  if (s === 'organizations' || s === 'common') return { kind: s, segment: s };
  const tenant = seed.tenants.find((t) => t.id === s || t.domains.some((d) => d.toLowerCase() === s));
  return tenant ? { kind: 'tenant', tenant, segment } : undefined;
}

export function findTenant(seed: Seed, idOrDomain: string): SeedTenant | undefined {
  const a = resolveAuthority(seed, idOrDomain);
  return a?.kind === 'tenant' ? a.tenant : undefined;
}

export function findUser(seed: Seed, username: string | undefined): SeedUser | undefined {
  if (!username) return undefined;
  const u = username.trim().toLowerCase();
  return seed.users.find((x) => x.username.toLowerCase() === u);
}

export function findApp(seed: Seed, clientId: string | undefined): SeedApp | undefined {
  if (!clientId) return undefined;
  const c = clientId.trim().toLowerCase();
  return seed.apps.find((a) => a.clientId.toLowerCase() === c);
}

export interface Membership {
  tenant: SeedTenant;
  oid: string;
  guest: boolean;
}

/** The user's principal in a tenant: the home object, a guest object, or none (AADSTS50020). */
export function membership(seed: Seed, user: SeedUser, tenantId: string): Membership | undefined {
  const tenant = seed.tenants.find((t) => t.id === tenantId);
  if (!tenant) return undefined;
  if (user.homeTenant === tenantId) return { tenant, oid: user.oid, guest: false };
  const g = user.guestOf?.find((x) => x.tenant === tenantId);
  return g ? { tenant, oid: g.oid, guest: true } : undefined;
}

/** `organizations`/`common` sign the user into the home tenant. */
export function targetTenantId(authority: Authority | { tenantId: string | null }, user: SeedUser): string {
  if ('tenantId' in authority) return authority.tenantId ?? user.homeTenant;
  return authority.kind === 'tenant' ? authority.tenant.id : user.homeTenant;
}

export function isConsented(app: SeedApp, tenantId: string): boolean {
  return app.consentedTenants.includes(tenantId);
}

export function tenantName(seed: Seed, tenantId: string): string {
  return seed.tenants.find((t) => t.id === tenantId)?.displayName ?? tenantId;
}
