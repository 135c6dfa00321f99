import { readFileSync } from 'node:fs';

export type Flavor = 'production' | 'test' | 'demo';

export function flavorOf(value: string | undefined): Flavor {
  if (value === undefined || value === '' || value === 'production') return 'production';
  if (value === 'test' || value === 'demo') return value;
  throw new Error(`FLAVOR must be production, test or demo (got "${value}")`);
}

export function outDirFor(flavor: Flavor): string {
  return flavor === 'production' ? 'dist/chrome' : `dist/chrome-${flavor}`;
}

const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * The production manifest holds only the real Entra, ARM and portal hosts. Test and demo builds add
 * loopback (the emulator) and the fixed public key that pins the extension ID, hence the redirect URI.
 */
export function manifestFor(
  flavor: Flavor,
  base: Record<string, unknown>,
  testKey: string,
): Record<string, unknown> {
  const manifest: Record<string, unknown> = structuredClone(base);
  // Chromium warns about Firefox's key; the Firefox package gets it back when it is built.
  delete manifest.browser_specific_settings;
  if (flavor === 'production') return manifest;
  manifest.key = testKey;
  manifest.name = flavor === 'demo' ? 'Cloud Access for Azure (demo)' : 'Cloud Access for Azure (test)';
  manifest.host_permissions = [...(base.host_permissions as string[]), ...LOOPBACK];
  return manifest;
}

/** The emulator's multi-tenant app (tests/emulator/seed.ts `APPS.publisherMulti`): the test build's publisher app. */
export const EMULATOR_PUBLISHER_CLIENT_ID = '30000000-0000-4000-8000-000000000010';

export interface BuildConfigOut {
  flavor: Flavor;
  publisherClientId: string;
  defaults: unknown;
}

/**
 * Build-time configuration: the publisher's multi-tenant client ID (PUBLISHER_CLIENT_ID) and the
 * default configuration layer (DEFAULT_CONFIG_FILE, a JSON file in the §4 schema). A production build
 * without PUBLISHER_CLIENT_ID supports customer-managed app registrations only; a test build then uses
 * the emulator's publisher app.
 */
export function buildConfigFor(flavor: Flavor, env: Record<string, string | undefined>): BuildConfigOut {
  const defaults = env.DEFAULT_CONFIG_FILE ? JSON.parse(readFileSync(env.DEFAULT_CONFIG_FILE, 'utf8')) : {};
  const publisherClientId =
    env.PUBLISHER_CLIENT_ID ?? (flavor === 'test' ? EMULATOR_PUBLISHER_CLIENT_ID : '');
  return { flavor, publisherClientId, defaults };
}
