// The catalog features' test harness: a real emulator (Entra ID and ARM) with Megan linked in
// Contoso and, as a guest, in Fabrikam; the worker's outside world recorded instead of a browser.
import { afterEach, beforeEach, expect } from 'vitest';
import {
  BUILTIN_ROLE_IDS,
  createArmHandler,
  TEST_IDS,
  testArmSeed,
  type ArmEmulator,
} from '../../tests/emulator/arm/index';
import { APPS, startEmulator, TENANTS, TEST_USERS, type Emulator } from '../../tests/emulator/index';
import type { ActivationState, CatalogProgress } from '../shared/messages/catalog-contract';
import type { CatalogEntry } from '../shared/store/schema';
import type { CatalogDeps } from './catalog-deps';
import { Refusal } from './errors/refusal';
import { linkTenant } from './link/link-tenant';
import { emulatorConnection, linkHarness, type LinkHarness } from './link/test-support';

export const { megan } = TEST_USERS;
export const S = TEST_IDS.subscriptions;
export const R = BUILTIN_ROLE_IDS;
export const POPUP_URL = 'chrome-extension://imaoaahfnaagedddnnnfakiglapfloen/src/popup/index.html';

// Live bindings: a test file imports these and sees the values of the test that is running.
export let emu: Emulator;
export let arm: ArmEmulator;
export let h: LinkHarness;
export let deps: CatalogDeps;
export let opened: string[];
export let progress: CatalogProgress[];
export let activations: ActivationState[];

/** Registers the per-test set-up and tear-down in the calling test file. */
export function useCatalogHarness(): void {
  beforeEach(async () => {
    arm = createArmHandler(
      testArmSeed({
        user: { tenantId: TENANTS.contoso, oid: megan.oid, displayName: 'Megan Bowen' },
        userAsGuest: { tenantId: TENANTS.fabrikam, oid: megan.fabrikamOid },
      }),
    );
    emu = await startEmulator({ armHandler: arm.handle, stopAfterMs: 60_000 });
    h = await linkHarness({
      connections: [
        emulatorConnection(emu, {
          id: 'contoso',
          // Markup characters, to be escaped in omnibox descriptions.
          displayName: 'Contoso <R&D>',
          tenant: 'contoso.onmicrosoft.com',
          app: { clientId: APPS.contosoSpa },
        }),
        emulatorConnection(emu, {
          id: 'fabrikam',
          displayName: 'Fabrikam',
          tenant: TENANTS.fabrikam,
          app: { clientId: APPS.fabrikamSpa },
        }),
      ],
    });
    opened = [];
    progress = [];
    activations = [];
    deps = {
      link: h.deps,
      sleep: async () => undefined,
      openTab: async (url) => {
        opened.push(url);
      },
      writeProgress: async (p) => {
        progress.push(structuredClone(p));
      },
      writeActivation: async (state) => {
        activations.push(structuredClone(state));
      },
      randomUUID: () => crypto.randomUUID(),
    };
    h.identity.player = megan;
    for (const connectionId of ['contoso', 'fabrikam']) {
      const flow = await linkTenant(connectionId, 'link', h.deps);
      expect(flow.status, JSON.stringify(flow.error)).toBe('succeeded');
    }
    h.identity.player = undefined;
    emu.resetRequests();
    arm.control.resetRequests();
  });
  afterEach(() => emu.stop());
}

export const subScope = (id: string) => `/subscriptions/${id}`;
export const rgScope = (id: string, rg: string) => `/subscriptions/${id}/resourceGroups/${rg}`;

export async function entriesOf(tenantId: string): Promise<CatalogEntry[]> {
  return (await h.deps.db.get('catalog', tenantId))?.entries ?? [];
}

/** The stored entry for a role at a scope; fails the test when there is none. */
export async function entry(tenantId: string, scope: string, roleGuid: string): Promise<CatalogEntry> {
  const found = (await entriesOf(tenantId)).find(
    (e) =>
      e.scope.toLowerCase() === scope.toLowerCase() && e.roleDefinitionId.toLowerCase().endsWith(roleGuid),
  );
  if (!found) throw new Error(`no catalog entry for ${roleGuid} at ${scope}`);
  return found;
}

export async function handledCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return (error as Refusal).code;
}

export const summary = (entries: CatalogEntry[]) =>
  entries.map((e) => `${e.subscriptionName}|${e.resourceGroup ?? ''}|${e.roleName}|${e.state}`).sort();
