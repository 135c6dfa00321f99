import { describe, expect, it } from 'vitest';
import { processSubscriptionsResponse } from './subscriptions';
import { exampleBody, jsonResponse } from './test-helpers';

describe('subscriptions (official GetSubscriptions example)', () => {
  it('reads ID, name, tenant and state', async () => {
    const body = exampleBody(
      'resources/resource-manager/Microsoft.Resources/stable/2022-12-01/examples/GetSubscriptions.json',
    );
    const page = await processSubscriptionsResponse(jsonResponse(body));
    expect(page.items).toEqual([
      {
        subscriptionId: '291bba3f-e0a5-47bc-a099-3bdcb2a50a05',
        displayName: 'Example Subscription',
        tenantId: '31c75423-32d6-4322-88b7-c478bdde4858',
        state: 'Enabled',
        managedByTenants: ['8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7'],
      },
      {
        subscriptionId: '72ac930a-f34e-42d8-b06d-dc2a9e12ed71',
        displayName: 'Example Subscription2',
        tenantId: '2a0ff0de-96b2-4859-bb7c-a430d07a3e0c',
        state: 'Enabled',
        managedByTenants: ['8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7', 'f7fb6af2-321d-47c8-9c0f-b0239eaad39a'],
      },
    ]);
    expect(page.next).toBe('...');
  });
});
