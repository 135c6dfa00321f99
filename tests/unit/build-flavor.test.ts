import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfigFor, flavorOf, manifestFor, outDirFor, targetOf } from '../../scripts/build-flavor';

const base = JSON.parse(readFileSync(path.resolve('manifest.json'), 'utf8')) as Record<string, unknown>;
const hostsOf = (m: Record<string, unknown>) => [
  ...((m.host_permissions as string[]) ?? []),
  ...((m.optional_host_permissions as string[]) ?? []),
];

describe('build flavors', () => {
  it('production asks only for the real Entra ID and ARM hosts: no loopback, no all-URLs', () => {
    const manifest = manifestFor('production', base, 'KEY');
    const hosts = hostsOf(manifest);
    expect(hosts.some((h) => /127\.0\.0\.1|localhost/.test(h))).toBe(false);
    expect(hosts).not.toContain('<all_urls>');
    expect(hosts).not.toContain('*://*/*');
    expect(manifest.host_permissions).toEqual([
      'https://login.microsoftonline.com/*',
      'https://management.azure.com/*',
      'https://login.microsoftonline.us/*',
      'https://management.usgovcloudapi.net/*',
      'https://login.partner.microsoftonline.cn/*',
      // MSAL's China metadata puts the endpoints on the SDKs' host, with the issuer on the one above.
      'https://login.chinacloudapi.cn/*',
      'https://management.chinacloudapi.cn/*',
    ]);
    expect(manifest.key).toBeUndefined();
    expect(outDirFor('production')).toBe('dist/chrome');
  });

  it('test and demo add loopback and the fixed key that pins the extension ID', () => {
    for (const flavor of ['test', 'demo'] as const) {
      const manifest = manifestFor(flavor, base, 'KEY');
      expect(manifest.key).toBe('KEY');
      expect(manifest.host_permissions).toEqual(
        expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']),
      );
    }
    expect(outDirFor('test')).toBe('dist/chrome-test');
  });

  it('a production build without PUBLISHER_CLIENT_ID offers no publisher app', () => {
    expect(buildConfigFor('production', {}).publisherClientId).toBe('');
    expect(buildConfigFor('production', { PUBLISHER_CLIENT_ID: 'abc' }).publisherClientId).toBe('abc');
  });

  it('refuses an unknown flavor', () => {
    expect(flavorOf(undefined)).toBe('production');
    expect(() => flavorOf('staging')).toThrow(/production, test or demo/);
  });
});

describe('Firefox build', () => {
  it('the mode names browser and flavor; each gets its own folder', () => {
    expect(targetOf('firefox')).toEqual({ flavor: 'production', browser: 'firefox' });
    expect(targetOf('test-firefox')).toEqual({ flavor: 'test', browser: 'firefox' });
    expect(targetOf('demo-firefox')).toEqual({ flavor: 'demo', browser: 'firefox' });
    expect(targetOf('test')).toEqual({ flavor: 'test', browser: 'chrome' });
    expect(() => targetOf('staging-firefox')).toThrow(/production, test or demo/);
    expect(outDirFor('production', 'firefox')).toBe('dist/firefox');
    expect(outDirFor('test', 'firefox')).toBe('dist/firefox-test');
  });

  it('runs the background as a module event page with the gecko ID and no Chromium-only keys', () => {
    for (const flavor of ['production', 'test', 'demo'] as const) {
      const manifest = manifestFor(flavor, base, 'KEY', 'firefox');
      expect(manifest.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
      expect(manifest).not.toHaveProperty('key');
      expect(manifest).not.toHaveProperty('minimum_chrome_version');
      expect(manifest).not.toHaveProperty('storage');
      expect(manifest.browser_specific_settings).toEqual({
        gecko: {
          id: 'cloud-access-for-azure@cloud-access.dev',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
      });
    }
    const production = manifestFor('production', base, 'KEY', 'firefox');
    expect(hostsOf(production).some((h) => /127\.0\.0\.1|localhost/.test(h))).toBe(false);
    expect(manifestFor('test', base, 'KEY', 'firefox').host_permissions).toContain('http://127.0.0.1/*');
  });
});
