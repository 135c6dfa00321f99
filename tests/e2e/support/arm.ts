import { createArmHandler, testArmSeed, type ArmOptions, type ArmSeed } from '../../emulator/arm/index';
import { TENANTS, TEST_USERS } from '../../emulator';

/** ARM for the e2e tests: Megan's roles in Contoso (home) and Fabrikam (guest), Adele as a colleague. */
export function testArm(
  options: { activationDelayMs?: number; arm?: ArmOptions; seed?: (seed: ArmSeed) => void } = {},
) {
  const seed = testArmSeed({
    user: { tenantId: TENANTS.contoso, oid: TEST_USERS.megan.oid, displayName: 'Megan Bowen' },
    userAsGuest: {
      tenantId: TENANTS.fabrikam,
      oid: TEST_USERS.megan.fabrikamOid,
      displayName: 'Megan Bowen',
    },
    colleague: { tenantId: TENANTS.contoso, oid: TEST_USERS.adele.oid, displayName: 'Adele Vance' },
  });
  options.seed?.(seed);
  return createArmHandler(seed, { activationDelayMs: options.activationDelayMs ?? 1500, ...options.arm });
}
