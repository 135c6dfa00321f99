import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../shared/config/schema';
import { hostsOf } from '../../shared/config/clouds';
import type { TenantOffer } from '../../shared/messages/contract';
import { freshStore, sampleLink, TENANT_A, TENANT_B } from '../../shared/store/test-support';
import { loadConfig } from '../config/load-config';
import { saveLink } from '../store/links';
import { forgetAllAccessTokens, rememberAccessToken } from './access-tokens';
import type { LinkDeps } from './deps';
import { connectionFromOffer, discoverTenantOffers, isConfigured } from './tenant-offers';

// The module graph reaches the i18n helper, which needs the extension namespace.
vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

const TENANT_C = '33333333-3333-4333-8333-333333333333';
const TENANT_D = '44444444-4444-4444-8444-444444444444';
const TENANT_E = '55555555-5555-4555-8555-555555555555';
const via: Connection = {
  id: `connection-${TENANT_A}`,
  displayName: 'Contoso',
  tenant: 'contoso.onmicrosoft.com',
  cloud: 'AzureCloud',
  app: 'publisher',
};

const tenantsBody = {
  value: [
    {
      id: `/tenants/${TENANT_A}`,
      tenantId: TENANT_A,
      displayName: 'Contoso',
      defaultDomain: 'contoso.onmicrosoft.com',
      tenantCategory: 'Home',
    },
    {
      id: `/tenants/${TENANT_B}`,
      tenantId: TENANT_B,
      displayName: 'Fabrikam',
      defaultDomain: 'fabrikam.onmicrosoft.com',
      tenantCategory: 'Home',
    },
    {
      id: `/tenants/${TENANT_C}`,
      tenantId: TENANT_C,
      displayName: 'Woodgrove',
      defaultDomain: 'woodgrove.onmicrosoft.com',
      // A guest tenant is `Home` too: the user is a member there.
      tenantCategory: 'Home',
    },
    {
      id: `/tenants/${TENANT_E}`,
      tenantId: TENANT_E,
      displayName: 'Northstar (delegates to us)',
      defaultDomain: 'northstar.onmicrosoft.com',
      tenantCategory: 'ProjectedBy',
    },
    {
      id: `/tenants/${TENANT_D}`,
      tenantId: TENANT_D,
      displayName: 'Litware (managed)',
      defaultDomain: 'litware.onmicrosoft.com',
      tenantCategory: 'ManagedBy',
    },
  ],
};

afterEach(() => forgetAllAccessTokens());

async function setup(layer: Record<string, unknown>) {
  const { db } = await freshStore();
  await saveLink(
    db,
    sampleLink(TENANT_A, { connectionId: via.id, username: 'megan@contoso.onmicrosoft.com' }),
    'rt',
  );
  rememberAccessToken(TENANT_A, new URL(hostsOf(via.cloud).arm).origin, 'arm-token', Date.now() + 3_600_000);
  const calls: string[] = [];
  const deps = {
    db,
    now: () => Date.now(),
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      calls.push(`${String(url)} ${new Headers(init?.headers).get('authorization')}`);
      return new Response(JSON.stringify(tenantsBody), { headers: { 'content-type': 'application/json' } });
    },
    loadConfig: async () => loadConfig({ defaults: layer, options: {}, managed: {} }),
  } as unknown as LinkDeps;
  let stored: Record<string, TenantOffer> = {};
  const store = {
    read: async () => ({ ...stored }),
    write: async (o: Record<string, TenantOffer>) => void (stored = o),
  };
  return { deps, store, calls, offers: () => stored };
}

describe('tenant offers', () => {
  it('offers the other tenants of the account, not the linked, configured or Lighthouse ones (ProjectedBy, ManagedBy)', async () => {
    const fabrikam: Connection = { ...via, id: 'fab', tenant: 'fabrikam.onmicrosoft.com' };
    const { deps, store, calls, offers } = await setup({ connections: [via, fabrikam] });
    await discoverTenantOffers(TENANT_A, deps, store);
    expect(calls).toEqual(['https://management.azure.com/tenants?api-version=2022-12-01 Bearer arm-token']);
    expect(Object.keys(offers())).toEqual([TENANT_C]);
    expect(offers()[TENANT_C]).toMatchObject({
      displayName: 'Woodgrove',
      viaConnectionId: via.id,
      viaUsername: 'megan@contoso.onmicrosoft.com',
      dismissed: false,
    });
  });

  it('respects allowedTenants and keeps a dismissed offer dismissed', async () => {
    const { deps, store, offers } = await setup({
      connections: [via],
      allowedTenants: [TENANT_A, 'woodgrove.onmicrosoft.com'],
    });
    await store.write({
      [TENANT_C]: {
        tenantId: TENANT_C,
        displayName: 'Woodgrove',
        viaConnectionId: via.id,
        viaUsername: 'x',
        dismissed: true,
      },
    });
    await discoverTenantOffers(TENANT_A, deps, store);
    expect(Object.keys(offers())).toEqual([TENANT_C]);
    expect(offers()[TENANT_C]!.dismissed).toBe(true);
  });

  it('recognises a configured tenant by GUID or domain', () => {
    expect(isConfigured([via], TENANT_A, ['contoso.onmicrosoft.com'])).toBe(true);
    expect(isConfigured([{ ...via, tenant: TENANT_B }], TENANT_B)).toBe(true);
    expect(isConfigured([via], TENANT_B, ['fabrikam.onmicrosoft.com'])).toBe(false);
  });

  it('turns an offer into a connection with the same cloud and app', () => {
    const offer: TenantOffer = {
      tenantId: TENANT_C,
      displayName: 'Woodgrove',
      viaConnectionId: via.id,
      viaUsername: 'x',
      dismissed: false,
    };
    expect(connectionFromOffer(offer, via)).toEqual({
      id: 'tenant-33333333',
      displayName: 'Woodgrove',
      tenant: TENANT_C,
      cloud: 'AzureCloud',
      app: 'publisher',
    });
  });
});
