import { describe, expect, it } from 'vitest';
import {
  assignmentInstancesRequest,
  eligibilityInstancesRequest,
  processAssignmentInstancesResponse,
  processEligibilityInstancesResponse,
} from './pim-instances';
import { AUTHZ_EXAMPLES, exampleBody, jsonResponse, recordingFetch } from './test-helpers';

const ARM = 'https://management.azure.com';
const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';

describe('PIM instances (official examples)', () => {
  it('eligibility: scope, role, schedule ID and expanded names', async () => {
    const body = exampleBody(`${AUTHZ_EXAMPLES}/GetRoleEligibilityScheduleInstancesByScope.json`);
    const page = await processEligibilityInstancesResponse(jsonResponse(body));
    expect(page.items).toEqual([
      {
        id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/21e4b59a-0499-4fe0-a3c3-43a3055b773a`,
        scope: `/subscriptions/${SUB}`,
        scopeDisplayName: 'Pay-As-You-Go',
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
        roleName: 'Contributor',
        principalId: 'a3bb8764-cb92-4276-9d2a-ca1e895e55ea',
        status: 'Provisioned',
        memberType: 'Direct',
        startsAt: Date.parse('2020-09-10T00:32:36.86Z'),
        endsAt: Date.parse('2021-09-10T00:31:41.477Z'),
        roleEligibilityScheduleId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilitySchedules/b1477448-2cc6-4ceb-93b4-54a202a89413`,
      },
    ]);
    expect(page.next).toBeUndefined();
  });

  it('assignment: assignment type and linked eligibility', async () => {
    const body = exampleBody(`${AUTHZ_EXAMPLES}/GetRoleAssignmentScheduleInstancesByScope.json`);
    const [instance] = (await processAssignmentInstancesResponse(jsonResponse(body))).items;
    expect(instance).toMatchObject({
      scope: `/subscriptions/${SUB}`,
      roleName: 'Contributor',
      assignmentType: 'Assigned',
      status: 'Accepted',
      linkedRoleEligibilityScheduleId: 'b1477448-2cc6-4ceb-93b4-54a202a89413',
      endsAt: Date.parse('2020-09-10T05:35:17.91Z'),
    });
  });

  it('falls back to expandedProperties.scope.id and canonical casing', async () => {
    const page = await processAssignmentInstancesResponse(
      jsonResponse({
        value: [
          {
            id: 'x',
            properties: {
              roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/R',
              expandedProperties: {
                scope: {
                  id: `/subscriptions/${SUB.toUpperCase()}/resourcegroups/App-RG`,
                  displayName: 'App-RG',
                },
              },
            },
          },
          { id: 'no scope', properties: { roleDefinitionId: 'r' } },
        ],
        nextLink: `${ARM}/next`,
      }),
    );
    expect(page.items.map((i) => i.scope)).toEqual([`/subscriptions/${SUB}/resourceGroups/App-RG`]);
    expect(page.next).toBe(`${ARM}/next`);
  });

  it('asks for asTarget() at the root scope', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({ value: [] }));
    const ctx = { armBase: ARM, accessToken: 't', fetch };
    await eligibilityInstancesRequest(ctx);
    await assignmentInstancesRequest(ctx);
    expect(calls.map((c) => c.url.toString())).toEqual([
      `${ARM}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
      `${ARM}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
    ]);
    expect(calls[0]?.url.searchParams.get('$filter')).toBe('asTarget()');
  });
});
