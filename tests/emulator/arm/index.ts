import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArmContext, ArmRequestLog } from './context';
import { createControl, type ArmControl } from './control';
import { createHandle } from './handler';
import type { ArmSeed } from './seed';
import { ArmState, type ArmOptions } from './state';

export type { ArmCaller, ArmContext, ArmRequestLog, ArmRouteKind, VerifyResult } from './context';
export type { ArmControl } from './control';
export type {
  ArmSeed,
  ArmPrincipalRef,
  PolicySettings,
  SeedAssignment,
  SeedEligibility,
  SeedPolicy,
  SeedPrincipal,
  SeedResourceGroup,
  SeedRoleDefinition,
  SeedSubscription,
  SeedTenant,
} from './seed';
export { DEFAULT_POLICY } from './seed';
export type { ActivationRecord, ArgVisibility, ArmOptions, PageSizes } from './state';
export { BUILTIN_ROLE_IDS, BUILTIN_ROLES } from './builtin-roles';
export { demoArmSeed, DEMO_SUBSCRIPTION_IDS, type DemoPrincipals } from './seed-demo';
export { testArmSeed, TEST_IDS, type TestPrincipals } from './seed-test';
export { syntheticArmSeed, type SyntheticOptions } from './seed-synthetic';

export interface ArmEmulator {
  handle(req: IncomingMessage, res: ServerResponse, ctx: ArmContext): Promise<void>;
  control: ArmControl;
  /** Live log of every request (same array as `control.requests`). */
  requests: ArmRequestLog[];
}

/** The ARM half of the local emulator: mount `handle` on the ARM host listener. */
export function createArmHandler(seed: ArmSeed, options: ArmOptions = {}): ArmEmulator {
  const state = new ArmState(seed, options);
  return { handle: createHandle(state), control: createControl(state), requests: state.requestLog };
}
