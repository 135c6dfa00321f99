import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/build-flavor';
import {
  STORES,
  buildProduction,
  packageFileName,
  packageVersion,
  writeStorePackages,
  type BuildDirs,
  type Store,
} from '../../scripts/package/packaging';

// The store packages, checked from inside the zips as a store would read them. They are built once,
// from the sources, into a temporary folder of this test's own: dist/ and packages/ stay untouched.

type Manifest = Record<string, unknown> & {
  version: string;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[] };
    };
  };
};

interface Unpacked {
  files: Record<string, Uint8Array>;
  manifest: Manifest;
}

const version = packageVersion();
let work: string;
const unpacked = {} as Record<Store, Unpacked>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'cloud-access-package-'));
  const builds = (await buildProduction({ outRoot: path.join(work, 'dist') })) as BuildDirs;
  const outDir = path.join(work, 'packages');
  const written = await writeStorePackages({ builds, outDir, version });
  expect(written.map((p) => path.basename(p.file))).toEqual(STORES.map((s) => packageFileName(s, version)));
  for (const store of STORES) {
    const files = unzipSync(readFileSync(path.join(outDir, packageFileName(store, version))));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
    unpacked[store] = { files, manifest };
  }
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const fileNames = (u: Unpacked) => Object.keys(u.files).filter((name) => !name.endsWith('/'));

/** Every string in the manifest, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The paths a manifest names: background, pages, icons, the managed schema. */
function referencedFiles(m: Manifest): string[] {
  const action = (m.action ?? {}) as { default_popup?: string; default_icon?: Record<string, string> };
  const options = (m.options_ui ?? {}) as { page?: string };
  const storage = (m.storage ?? {}) as { managed_schema?: string };
  return [
    ...(m.background?.service_worker ? [m.background.service_worker] : []),
    ...(m.background?.scripts ?? []),
    ...(action.default_popup ? [action.default_popup] : []),
    ...Object.values(action.default_icon ?? {}),
    ...(options.page ? [options.page] : []),
    ...Object.values((m.icons ?? {}) as Record<string, string>),
    ...(storage.managed_schema ? [storage.managed_schema] : []),
  ];
}

describe.each(STORES)('the %s package', (store) => {
  it('is a zip with the manifest at its root, named with the version it holds', () => {
    const { files, manifest } = unpacked[store];
    expect(files['manifest.json']).toBeDefined();
    expect(manifest.version).toBe(version);
    expect(packageFileName(store, version)).toContain(`-${version}-`);
  });

  it('asks for production hosts only: no loopback, no all-URLs, and has no key', () => {
    const { manifest } = unpacked[store];
    const hosts = [
      ...((manifest.host_permissions as string[] | undefined) ?? []),
      ...((manifest.optional_host_permissions as string[] | undefined) ?? []),
    ];
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(host, host).toMatch(/^https:\/\//);
    const text = JSON.stringify(manifest);
    for (const loopback of ['localhost', '127.0.0.1', '[::1]', '<all_urls>']) {
      expect(text, loopback).not.toContain(loopback);
    }
    expect(manifest.permissions).not.toContain('<all_urls>');
    expect(manifest).not.toHaveProperty('key');
    expect(manifest).not.toHaveProperty('update_url');
  });

  it('resolves every __MSG_…__ of the manifest in both _locales/en and _locales/ko', () => {
    const { files, manifest } = unpacked[store];
    expect(manifest.default_locale).toBe('en');
    const keys = [
      ...new Set(strings(manifest).flatMap((s) => [...s.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!))),
    ];
    expect(keys).toContain('extName');
    for (const locale of ['en', 'ko']) {
      const raw = files[`_locales/${locale}/messages.json`];
      expect(raw, `_locales/${locale}/messages.json`).toBeDefined();
      const messages = JSON.parse(strFromU8(raw!)) as Record<string, { message?: string }>;
      // Chrome matches message names without regard to case.
      const byLowerName = new Map(Object.entries(messages).map(([name, m]) => [name.toLowerCase(), m]));
      for (const key of keys) {
        expect(byLowerName.get(key.toLowerCase())?.message, `${locale}: ${key}`).toMatch(/\S/);
      }
    }
  });

  it('holds every file its manifest names, and nothing a store should not get', () => {
    const u = unpacked[store];
    const names = fileNames(u);
    for (const file of referencedFiles(u.manifest)) expect(names, file).toContain(file);
    expect(
      names.filter((name) => name.endsWith('.map') || name.split('/').some((p) => p.startsWith('.'))),
    ).toEqual([]);
  });
});

describe('the background each browser runs', () => {
  it.each(['chrome', 'edge'] as const)('%s: a service worker (MV3), no Firefox keys', (store) => {
    const { manifest } = unpacked[store];
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: expect.any(String), type: 'module' });
    expect(manifest).not.toHaveProperty('browser_specific_settings');
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
  });

  it('Chrome Web Store and Edge Add-ons get the same Chromium build', () => {
    const chrome = unpacked.chrome;
    const edge = unpacked.edge;
    expect(fileNames(edge)).toEqual(fileNames(chrome));
    const differing = fileNames(chrome).filter(
      (name) => !Buffer.from(chrome.files[name]!).equals(Buffer.from(edge.files[name] ?? [])),
    );
    expect(differing).toEqual([]);
  });

  it('firefox: an event page (background.scripts), the gecko ID, Firefox 140+, no data collected', () => {
    const { manifest, files } = unpacked.firefox;
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background?.service_worker).toBeUndefined();
    expect(manifest.background?.scripts).toEqual([expect.any(String)]);
    expect(manifest.background?.type).toBe('module');
    const gecko = manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toBe(GECKO_ID);
    // data_collection_permissions needs Firefox 140.
    expect(Number.parseFloat(gecko?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(140);
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    // Chromium's keys Firefox refuses or warns about.
    expect(manifest).not.toHaveProperty('minimum_chrome_version');
    expect(manifest).not.toHaveProperty('storage');
    expect(files['managed_schema.json']).toBeUndefined();
  });
});
