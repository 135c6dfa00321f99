import { describe, expect, it } from 'vitest';
import { hostsOf, signInScopesOf } from './clouds';

describe('clouds', () => {
  // Hosts as the SDK cloud configurations give them (see clouds.ts); a change here is a change of contract.
  it.each([
    [
      'AzureCloud',
      'https://login.microsoftonline.com',
      'https://management.azure.com',
      'https://portal.azure.com',
    ],
    [
      'AzureUSGovernment',
      'https://login.microsoftonline.us',
      'https://management.usgovcloudapi.net',
      'https://portal.azure.us',
    ],
    [
      'AzureChinaCloud',
      'https://login.partner.microsoftonline.cn',
      'https://management.chinacloudapi.cn',
      'https://portal.azure.cn',
    ],
  ] as const)('%s signs in on %s, calls ARM at %s and opens %s', (cloud, login, arm, portal) => {
    expect(hostsOf(cloud)).toEqual({ login, arm, portal });
    // The endpoint form of the ARM audience, which ARM accepts beside the `management.core` one.
    expect(signInScopesOf(cloud)).toEqual([
      'openid',
      'profile',
      'offline_access',
      `${arm}/user_impersonation`,
    ]);
  });

  it('a custom cloud uses its own hosts, without trailing slashes, and its ARM host as audience', () => {
    const cloud = {
      login: 'https://login.stack.example/',
      arm: 'https://arm.stack.example//',
      portal: 'https://p/',
    };
    expect(hostsOf(cloud)).toEqual({
      login: 'https://login.stack.example',
      arm: 'https://arm.stack.example',
      portal: 'https://p',
    });
    expect(signInScopesOf(cloud).at(-1)).toBe('https://arm.stack.example/user_impersonation');
  });
});
