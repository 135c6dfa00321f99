import { describe, expect, it } from 'vitest';
import { processResourceGroupsResponse, resourceGroupsRequest } from './resource-groups';
import { exampleBody, jsonResponse, recordingFetch } from './test-helpers';

const ARM = 'https://management.azure.com';
const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';

describe('resource groups (official ResourceGroup shape)', () => {
  it('takes the subscription from each ID', async () => {
    const group = exampleBody(
      'resources/resource-manager/Microsoft.Resources/resources/stable/2024-11-01/examples/CreateResourceGroup.json',
    );
    const other = {
      id: '/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/Other-RG',
      name: 'Other-RG',
    };
    const page = await processResourceGroupsResponse(
      jsonResponse({ value: [group, other, { id: '/not/a/group' }] }),
    );
    expect(page.items).toEqual([
      { subscriptionId: '00000000-0000-0000-0000-000000000000', name: 'my-resource-group' },
      { subscriptionId: '11111111-1111-1111-1111-111111111111', name: 'Other-RG' },
    ]);
  });

  it('requests api-version 2025-04-01', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({ value: [] }));
    await resourceGroupsRequest({ armBase: ARM, accessToken: 't', fetch }, SUB);
    expect(calls[0]?.url.toString()).toBe(
      `${ARM}/subscriptions/${SUB}/resourcegroups?api-version=2025-04-01`,
    );
  });
});
