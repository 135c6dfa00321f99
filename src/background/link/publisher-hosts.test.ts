import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/config/schema';
import { isLoopbackHttp } from '../auth/endpoint';
import { publisherMayUse } from './publisher-hosts';

const base: Connection = {
  id: 'c',
  displayName: 'C',
  tenant: 'contoso.onmicrosoft.com',
  cloud: 'AzureCloud',
  app: 'publisher',
} as Connection;
const loopbackCloud = {
  login: 'http://127.0.0.1:4100',
  arm: 'http://127.0.0.1:4101',
  portal: 'http://127.0.0.1:4102',
};
const endpoints = {
  authorization: 'https://login.evil.example/t/oauth2/v2.0/authorize',
  token: 'https://login.evil.example/t/oauth2/v2.0/token',
  jwks: 'https://login.evil.example/t/discovery/v2.0/keys',
  issuer: 'https://login.evil.example/t/v2.0',
};

describe('publisherMayUse', () => {
  it('allows the publisher app with a named cloud in every build', () => {
    expect(publisherMayUse(base, 'production')).toBe(true);
    expect(publisherMayUse({ ...base, cloud: 'AzureUSGovernment' }, 'production')).toBe(true);
  });

  it('refuses custom hosts or explicit endpoints with the publisher app in production', () => {
    expect(publisherMayUse({ ...base, cloud: loopbackCloud }, 'production')).toBe(false);
    expect(publisherMayUse({ ...base, endpoints }, 'production')).toBe(false);
    expect(
      publisherMayUse(
        {
          ...base,
          cloud: { login: 'https://login.example', arm: 'https://arm.example', portal: 'https://p.example' },
        },
        'production',
      ),
    ).toBe(false);
  });

  it('lets test builds use their loopback emulator, and nothing else, with the publisher app', () => {
    expect(publisherMayUse({ ...base, cloud: loopbackCloud }, 'test')).toBe(true);
    expect(publisherMayUse({ ...base, endpoints }, 'test')).toBe(false);
    expect(
      publisherMayUse({ ...base, cloud: { ...loopbackCloud, login: 'https://login.evil.example' } }, 'demo'),
    ).toBe(false);
  });
});

describe('isLoopbackHttp', () => {
  it('accepts plain-http loopback only outside production builds', () => {
    const url = new URL('http://127.0.0.1:4100/token');
    expect(isLoopbackHttp(url, 'test')).toBe(true);
    expect(isLoopbackHttp(url, 'demo')).toBe(true);
    expect(isLoopbackHttp(url, 'production')).toBe(false);
    expect(isLoopbackHttp(new URL('http://example.com/'), 'test')).toBe(false);
  });
});
