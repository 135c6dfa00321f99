import { createArmHandler, demoArmSeed } from '../tests/emulator/arm/index';
import { DEMO_USERS, TENANTS, type ArmHandler } from '../tests/emulator';

/**
 * The demo's Azure: Dana (demo@contoso) holds and may activate roles in Contoso, and as a guest in
 * Fabrikam (240 subscriptions) and Northwind. Activations take a few seconds to provision, as in Azure.
 */
export function demoArmHandler(guestOids: { fabrikam: string; northwind: string }): ArmHandler {
  const arm = createArmHandler(
    demoArmSeed({
      user: { tenantId: TENANTS.contoso, oid: DEMO_USERS.demo.oid, displayName: 'Dana Demo' },
      userInFabrikam: { tenantId: TENANTS.fabrikam, oid: guestOids.fabrikam, displayName: 'Dana Demo' },
      userInNorthwind: { tenantId: TENANTS.northwind, oid: guestOids.northwind, displayName: 'Dana Demo' },
    }),
    { activationDelayMs: 4000 },
  );
  return arm.handle;
}
