import { describe, expect, it } from 'vitest';
import {
  CONTAINERS_QUERY,
  processResourceContainersResponse,
  readArgQuota,
  resourceContainersRequest,
} from './resource-graph';
import { jsonResponse, recordingFetch } from './test-helpers';

const ARM = 'https://management.azure.com';
const SUB = '291bba3f-e0a5-47bc-a099-3bdcb2a50a05';

describe('Resource Graph containers query', () => {
  it('posts the tenant-scope query with $top 1000 and objectArray, and the skip token on later pages', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({ data: [] }));
    const ctx = { armBase: ARM, accessToken: 't', fetch };
    await resourceContainersRequest(ctx);
    await resourceContainersRequest(ctx, 'tok');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url.toString()).toBe(
      `${ARM}/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01`,
    );
    expect(calls[0]?.body).toEqual({
      query: CONTAINERS_QUERY,
      options: { $top: 1000, resultFormat: 'objectArray' },
    });
    expect(calls[1]?.body).toEqual({
      query: CONTAINERS_QUERY,
      options: { $top: 1000, resultFormat: 'objectArray', $skipToken: 'tok' },
    });
    expect(calls[0]?.body).not.toHaveProperty('subscriptions');
    expect(CONTAINERS_QUERY).toBe(
      "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' or type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, type, subscriptionId, resourceGroup, tenantId",
    );
  });

  it('reads subscriptions, resource groups, skip token and quota', async () => {
    const page = await processResourceContainersResponse(
      jsonResponse(
        {
          totalRecords: 2500,
          count: 3,
          resultTruncated: 'false',
          $skipToken: 'next-token',
          data: [
            {
              id: `/subscriptions/${SUB}`,
              name: 'Production',
              type: 'microsoft.resources/subscriptions',
              subscriptionId: SUB,
              resourceGroup: '',
              tenantId: 'T',
            },
            {
              id: `/subscriptions/${SUB}/resourceGroups/App-RG`,
              name: 'App-RG',
              type: 'microsoft.resources/subscriptions/resourcegroups',
              subscriptionId: SUB,
              resourceGroup: 'app-rg',
              tenantId: 'T',
            },
            { id: 'x', name: 'vm', type: 'microsoft.compute/virtualmachines', subscriptionId: SUB },
          ],
          facets: [],
        },
        200,
        { 'x-ms-user-quota-remaining': '14', 'x-ms-user-quota-resets-after': '00:00:05' },
      ),
    );
    expect(page.items).toEqual([
      { kind: 'subscription', subscriptionId: SUB, name: 'Production', tenantId: 't' },
      { kind: 'resourceGroup', subscriptionId: SUB, name: 'App-RG', tenantId: 't' },
    ]);
    expect(page.next).toBe('next-token');
    expect(page.totalRecords).toBe(2500);
    expect(page.quota).toEqual({ remaining: 14, resetsAfterMs: 5000 });
    expect(page.subscriptionLimitHit).toBe(false);
  });

  it('also reads the table format', async () => {
    const page = await processResourceContainersResponse(
      jsonResponse({
        data: {
          columns: [{ name: 'id' }, { name: 'name' }, { name: 'type' }, { name: 'subscriptionId' }],
          rows: [[`/subscriptions/${SUB}`, 'Prod', 'Microsoft.Resources/subscriptions', SUB]],
        },
      }),
    );
    expect(page.items).toEqual([{ kind: 'subscription', subscriptionId: SUB, name: 'Prod' }]);
    expect(page.next).toBeUndefined();
  });

  it('a body without data is bad_response; an error status is its ArmError', async () => {
    await expect(processResourceContainersResponse(jsonResponse({ value: [] }))).rejects.toMatchObject({
      code: 'bad_response',
    });
    await expect(
      processResourceContainersResponse(
        jsonResponse({ error: { code: 'AuthorizationFailed', message: 'no' } }, 403),
      ),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('quota headers', () => {
    expect(
      readArgQuota(
        new Headers({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:01:02.5' }),
      ),
    ).toEqual({
      remaining: 0,
      resetsAfterMs: 62_500,
    });
    expect(readArgQuota(new Headers())).toEqual({});
  });
});
