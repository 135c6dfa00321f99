import { findTenant } from './directory';
import type { Seed, SeedUser } from '../seed';

/**
 * Whether a sign-in to `tenantId` must carry MFA: the user's own setting, a claims request naming
 * `amr` mfa or an auth context, or the resource tenant's Conditional Access (SeedTenant.requireMfa).
 * Conditional Access is the resource tenant's: a guest meets Fabrikam's policy in Fabrikam only.
 */
export function needsMfa(seed: Seed, user: SeedUser, tenantId: string, claimsNeedMfa = false): boolean {
  return Boolean(user.mfa || claimsNeedMfa || findTenant(seed, tenantId)?.requireMfa);
}
