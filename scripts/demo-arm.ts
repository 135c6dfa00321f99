import type { ArmHandler } from '../tests/emulator';

/** The demo's ARM data; until the ARM emulator lands, ARM answers as the emulator's default (404). */
export function demoArmHandler(): ArmHandler | undefined {
  return undefined;
}
