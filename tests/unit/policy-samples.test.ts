import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfigLayer } from '../../src/shared/config/validate';
import {
  GECKO_ID,
  MANAGED_SCHEMA,
  SAMPLE_EXTENSION_ID,
  chromeSchemaProblems,
  parsePlist,
  parseRegFile,
  registryToPolicy,
} from './policy-support';

const DIR = path.resolve('docs/policy');
const read = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const json = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;

/** The configuration every sample describes. */
const reference = json('configuration.json');

/** A sample's layer must validate (§4 schema), pass Chrome's schema check, and equal the reference. */
function expectSameConfiguration(layer: unknown, where: string) {
  const result = validateConfigLayer(layer);
  expect(result.ok ? [] : result.problems, where).toEqual([]);
  expect(chromeSchemaProblems(layer, MANAGED_SCHEMA), where).toEqual([]);
  expect(layer, where).toEqual(reference);
}

function forceInstall(settings: unknown, id: string) {
  return (settings as Record<string, { installation_mode?: string }>)[id]?.installation_mode;
}

describe('docs/policy samples describe one configuration, valid everywhere', () => {
  it('the reference configuration is a complete, valid layer', () => {
    const result = validateConfigLayer(reference);
    expect(result.ok).toBe(true);
    expect(Object.keys(reference).sort()).toEqual(
      [
        'allowUserConnections',
        'allowedTenants',
        'cloudAccessRoles',
        'connections',
        'pim',
        'schemaVersion',
      ].sort(),
    );
  });

  it.each(['linux/chrome.json', 'linux/chromium.json', 'linux/edge.json'])(
    '%s: 3rdparty policy plus the force-install',
    (file) => {
      const policy = json(file) as {
        '3rdparty': { extensions: Record<string, unknown> };
        ExtensionSettings: Record<string, unknown>;
      };
      expectSameConfiguration(policy['3rdparty'].extensions[SAMPLE_EXTENSION_ID], file);
      expect(forceInstall(policy.ExtensionSettings, SAMPLE_EXTENSION_ID)).toBe('force_installed');
      expect(Object.keys(policy).sort()).toEqual(['3rdparty', 'ExtensionSettings']);
    },
  );

  it.each([
    ['windows/chrome.reg', 'Google\\Chrome'],
    ['windows/edge.reg', 'Microsoft\\Edge'],
  ])('%s: one registry value per key under …\\3rdparty\\extensions\\<id>\\policy', (file, vendor) => {
    const sections = parseRegFile(read(file));
    const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}`;
    const values = sections.get(`${base}\\3rdparty\\extensions\\${SAMPLE_EXTENSION_ID}\\policy`);
    expect(values, 'policy key').toBeDefined();
    // Lists and objects are JSON strings; booleans and integers are DWORDs.
    expect(typeof values!.connections).toBe('string');
    expect(values!.allowUserConnections).toBe(0);
    expectSameConfiguration(registryToPolicy(values!), file);
    const settings = JSON.parse(String(sections.get(base)?.ExtensionSettings)) as unknown;
    expect(forceInstall(settings, SAMPLE_EXTENSION_ID)).toBe('force_installed');
  });

  it.each([
    ['macos/chrome.mobileconfig', 'com.google.Chrome'],
    ['macos/edge.mobileconfig', 'com.microsoft.Edge'],
  ])('%s: a ManagedClient preferences payload for the extension domain', (file, domain) => {
    const profile = parsePlist(read(file)) as {
      PayloadType: string;
      PayloadContent: {
        PayloadType: string;
        PayloadContent: Record<string, { Forced: { mcx_preference_settings: unknown }[] }>;
      }[];
    };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent[0]!;
    expect(payload.PayloadType).toBe('com.apple.ManagedClient.preferences');
    const settings = (d: string) => payload.PayloadContent[d]?.Forced[0]?.mcx_preference_settings;
    expectSameConfiguration(settings(`${domain}.extensions.${SAMPLE_EXTENSION_ID}`), file);
    const browser = settings(domain) as { ExtensionSettings: unknown };
    expect(forceInstall(browser.ExtensionSettings, SAMPLE_EXTENSION_ID)).toBe('force_installed');
  });

  it('firefox/policies.json: 3rdparty.Extensions.<add-on ID> plus ExtensionSettings', () => {
    const { policies } = json('firefox/policies.json') as {
      policies: {
        '3rdparty': { Extensions: Record<string, unknown> };
        ExtensionSettings: Record<string, unknown>;
      };
    };
    expectSameConfiguration(policies['3rdparty'].Extensions[GECKO_ID], 'firefox');
    expect(forceInstall(policies.ExtensionSettings, GECKO_ID)).toBe('force_installed');
  });

  it('the gecko ID is the manifest’s, and the README explains the placeholder ID', () => {
    const manifest = JSON.parse(readFileSync(path.resolve('manifest.json'), 'utf8')) as {
      browser_specific_settings: { gecko: { id: string } };
    };
    expect(manifest.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    const readme = read('README.md');
    expect(readme).toContain(SAMPLE_EXTENSION_ID);
    expect(readme).toMatch(/replace it with the ID of the published extension/i);
    for (const file of [
      '/etc/opt/chrome/policies/managed/',
      '/etc/chromium/policies/managed/',
      '/etc/opt/edge/policies/managed/',
    ])
      expect(readme).toContain(file);
    expect(readme).toContain('chrome://policy');
  });

  it('every sample file is covered above', () => {
    const files = readdirSync(DIR, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(DIR, path.join(d.parentPath, d.name)))
      .sort();
    expect(files).toEqual(
      [
        'README.md',
        'configuration.json',
        'firefox/policies.json',
        'linux/chrome.json',
        'linux/chromium.json',
        'linux/edge.json',
        'macos/chrome.mobileconfig',
        'macos/edge.mobileconfig',
        'windows/chrome.reg',
        'windows/edge.reg',
      ].sort(),
    );
  });
});

describe('what Chrome accepts', () => {
  it('the named-cloud and publisher shorthands do not pass Chrome’s schema: samples use the object forms', () => {
    const connection = (reference.connections as Record<string, unknown>[])[0]!;
    const named = { connections: [{ ...connection, cloud: 'AzureCloud' }] };
    expect(validateConfigLayer(named).ok).toBe(true);
    expect(chromeSchemaProblems(named, MANAGED_SCHEMA)).toEqual([
      'connections[0].cloud: expected object, got string',
    ]);
    const publisher = { connections: [{ ...connection, app: 'publisher' }] };
    expect(chromeSchemaProblems(publisher, MANAGED_SCHEMA)).toEqual([
      'connections[0].app: expected object, got string',
    ]);
  });
});
