import { describe, expect, it } from 'vitest';
import { armScopeOf, hostsOf, signInScopesOf } from '../../shared/config/clouds';
import { portalUrl } from './portal-url';

const portalHostFor = (cloud: Parameters<typeof hostsOf>[0]) => hostsOf(cloud).portal;

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
    expect(hostsOf(cloud).portal).toBe(portal);
    expect(hostsOf(cloud).arm).toBe(arm);
    expect(armScopeOf(cloud)).toBe(`${arm}/user_impersonation`);
    expect(signInScopesOf(cloud)).toEqual([
      'openid',
      'profile',
      'offline_access',
      `${arm}/user_impersonation`,
    ]);
  });

  it('a custom cloud uses its own hosts', () => {
    expect(hostsOf(custom)).toEqual({
      login: 'http://127.0.0.1:4010',
      arm: 'http://127.0.0.1:4011',
      portal: 'http://127.0.0.1:4012',
    });
    expect(armScopeOf(custom)).toBe('http://127.0.0.1:4011/user_impersonation');
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
