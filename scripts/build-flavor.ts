import { readFileSync } from 'node:fs';

export type Flavor = 'production' | 'test' | 'demo';

export function flavorOf(value: string | undefined): Flavor {
  if (value === undefined || value === '' || value === 'production') return 'production';
  if (value === 'test' || value === 'demo') return value;
  throw new Error(`FLAVOR must be production, test or demo (got "${value}")`);
}

/** Chromium (Chrome, Edge) or Firefox: one build per browser from the same sources. */
export type TargetBrowser = 'chrome' | 'firefox';

export interface BuildTarget {
  flavor: Flavor;
  browser: TargetBrowser;
}

/**
 * Vite's mode names the build: `production`, `test`, `demo` for Chromium and the same with a
 * `firefox` suffix (`firefox`, `test-firefox`, `demo-firefox`) for Firefox.
 */
export function targetOf(mode: string | undefined): BuildTarget {
  if (mode === 'firefox') return { flavor: 'production', browser: 'firefox' };
  if (mode?.endsWith('-firefox'))
    return { flavor: flavorOf(mode.slice(0, -'-firefox'.length)), browser: 'firefox' };
  return { flavor: flavorOf(mode), browser: 'chrome' };
}

export function outDirFor(flavor: Flavor, browser: TargetBrowser = 'chrome'): string {
  return flavor === 'production' ? `dist/${browser}` : `dist/${browser}-${flavor}`;
}

/** The add-on ID Firefox knows the extension by; it fixes the redirect URI (docs/wire.md §4). */
export const GECKO_ID = 'cloud-access-for-azure@cloud-access.dev';

const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * The production manifest holds only the real Entra, ARM and portal hosts. Test and demo builds add
 * loopback (the emulator) and the fixed public key that pins the extension ID, hence the redirect URI.
 */
export function manifestFor(
  flavor: Flavor,
  base: Record<string, unknown>,
  testKey: string,
  browser: TargetBrowser = 'chrome',
): Record<string, unknown> {
  const manifest: Record<string, unknown> =
    browser === 'firefox' ? firefoxManifest(base) : chromiumManifest(base);
  if (flavor === 'production') return manifest;
  // Firefox pins the extension by its gecko ID; only Chromium needs the key for a stable ID.
  if (browser === 'chrome') manifest.key = testKey;
  manifest.name = flavor === 'demo' ? 'Cloud Access for Azure (demo)' : 'Cloud Access for Azure (test)';
  manifest.host_permissions = [...(base.host_permissions as string[]), ...LOOPBACK];
  return manifest;
}

function chromiumManifest(base: Record<string, unknown>): Record<string, unknown> {
  const manifest: Record<string, unknown> = structuredClone(base);
  // Chromium warns about Firefox's key.
  delete manifest.browser_specific_settings;
  return manifest;
}

/**
 * Firefox runs the same background as an event page (background.scripts, an ES module), and
 * refuses or warns about Chromium's own keys. addons.mozilla.org wants data_collection_permissions,
 * which needs Firefox 140 (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
 */
function firefoxManifest(base: Record<string, unknown>): Record<string, unknown> {
  const manifest: Record<string, unknown> = structuredClone(base);
  delete manifest.minimum_chrome_version;
  delete manifest.key;
  // storage.managed_schema is Chromium's; Firefox reads managed storage without a schema.
  delete manifest.storage;
  const background = manifest.background as { service_worker: string };
  manifest.background = { scripts: [background.service_worker], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    },
  };
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
