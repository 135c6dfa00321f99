import { describe, expect, it } from 'vitest';
import { armBaseFor, armScopeFor, portalHostFor, portalUrl } from './portal-url';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';
const custom = {
  login: 'http://127.0.0.1:4010/',
  arm: 'http://127.0.0.1:4011/',
  portal: 'http://127.0.0.1:4012/',
};

describe('cloud hosts', () => {
  it.each([
    ['AzureCloud', 'https://portal.azure.com', 'https://management.azure.com'],
    ['AzureUSGovernment', 'https://portal.azure.us', 'https://management.usgovcloudapi.net'],
    ['AzureChinaCloud', 'https://portal.azure.cn', 'https://management.chinacloudapi.cn'],
  ] as const)('%s', (cloud, portal, arm) => {
    expect(portalHostFor(cloud)).toBe(portal);
    expect(armBaseFor(cloud)).toBe(arm);
    expect(armScopeFor(cloud)).toBe(`${arm}/.default`);
  });

  it('a custom cloud uses its own hosts', () => {
    expect(portalHostFor(custom)).toBe('http://127.0.0.1:4012');
    expect(armBaseFor(custom)).toBe('http://127.0.0.1:4011');
    expect(armScopeFor(custom)).toBe('http://127.0.0.1:4011/.default');
  });
});

describe('portalUrl', () => {
  it('subscription overview in the right directory', () => {
    expect(
      portalUrl({ portalBase: 'https://portal.azure.com', tenantId: T, scope: `/subscriptions/${SUB}` }),
    ).toBe(`https://portal.azure.com/#@${T}/resource/subscriptions/${SUB}/overview`);
  });

  it('resource group overview, casing normalised', () => {
    expect(
      portalUrl({
        portalBase: portalHostFor('AzureUSGovernment'),
        tenantId: T,
        scope: `/subscriptions/${SUB}/resourcegroups/App-RG/`,
      }),
    ).toBe(`https://portal.azure.us/#@${T}/resource/subscriptions/${SUB}/resourceGroups/App-RG/overview`);
  });

  it('China and custom portals', () => {
    expect(
      portalUrl({
        portalBase: portalHostFor('AzureChinaCloud'),
        tenantId: T,
        scope: `/subscriptions/${SUB}`,
      }),
    ).toBe(`https://portal.azure.cn/#@${T}/resource/subscriptions/${SUB}/overview`);
    expect(
      portalUrl({ portalBase: 'http://127.0.0.1:4012/', tenantId: T, scope: `/subscriptions/${SUB}` }),
    ).toBe(`http://127.0.0.1:4012/#@${T}/resource/subscriptions/${SUB}/overview`);
  });

  it('management group, and the root scope opens the directory’s home', () => {
    expect(
      portalUrl({
        portalBase: 'https://portal.azure.com',
        tenantId: T,
        scope: '/providers/Microsoft.Management/managementGroups/mg1',
      }),
    ).toBe(
      `https://portal.azure.com/#@${T}/resource/providers/Microsoft.Management/managementGroups/mg1/overview`,
    );
    expect(portalUrl({ portalBase: 'https://portal.azure.com', tenantId: T, scope: '/' })).toBe(
      `https://portal.azure.com/#@${T}`,
    );
  });
});
