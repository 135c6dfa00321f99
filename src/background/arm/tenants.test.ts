import { describe, expect, it } from 'vitest';
import { processTenantsResponse, tenantsRequest } from './tenants';
import { exampleBody, jsonResponse, recordingFetch } from './test-helpers';

const ARM = 'https://management.azure.com';

describe('tenants (official GetTenants example)', () => {
  it('reads every tenant and the nextLink', async () => {
    const body = exampleBody(
      'resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/examples/GetTenants.json',
    );
    const page = await processTenantsResponse(jsonResponse(body));
    expect(page.items).toEqual([
      {
        tenantId: 'a70a1586-9c4a-4373-b907-1d310660dbd1',
        displayName: 'Test_Test_aad50',
        defaultDomain: 'aad50.ccsctp.net',
        tenantCategory: 'ManagedBy',
      },
      {
        tenantId: '83abe5cd-bcc3-441a-bd86-e6a75360cecc',
        displayName: 'Contoso Corp.',
        defaultDomain: 'auxteststagemanual.ccsctp.net',
        tenantCategory: 'Home',
      },
      {
        tenantId: 'daea2e9b-847b-4c93-850d-2aa6f2d7af33',
        displayName: 'TEST_TEST_RDV',
        defaultDomain: 'rdvmohoro.ccsctp.net',
        tenantCategory: 'ProjectedBy',
      },
    ]);
    expect(page.next).toBe('http://nextlink');
  });

  it('a tenant without a name is shown by its domain, then its ID', async () => {
    const page = await processTenantsResponse(
      jsonResponse({
        value: [{ tenantId: 'T1', defaultDomain: 'a.example' }, { tenantId: 'T2' }, { displayName: 'no id' }],
      }),
    );
    expect(page.items.map((t) => t.displayName)).toEqual(['a.example', 'T2']);
  });

  it('requests GET /tenants?api-version=2022-12-01', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({ value: [] }));
    await tenantsRequest({ armBase: ARM, accessToken: 't', fetch });
    expect(calls[0]?.url.toString()).toBe(`${ARM}/tenants?api-version=2022-12-01`);
  });
});
