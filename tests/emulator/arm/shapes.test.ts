import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_IDS, testArmSeed, TEST_IDS } from './index';
import {
  ALICE,
  EX,
  exampleBody,
  missingKeyPaths,
  P,
  principals,
  startArm,
  type Harness,
  type Json,
} from './harness';

/** Every key path of the official examples must be present in the emulator's answers. */
describe('ARM responses carry the fields of the official examples', () => {
  let h: Harness;
  const S = TEST_IDS.subscriptions;
  const json = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const res = await h.call(method, path, { token: ALICE, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    h = await startArm(testArmSeed(principals), { pageSizes: { tenants: 1, subscriptions: 1 } });
  });
  afterAll(() => h.close());

  it('the key-path comparison is not vacuous', () => {
    const example = exampleBody(EX.eligibility);
    expect(missingKeyPaths({}, example)).toContain('value[].properties.expandedProperties.scope.displayName');
    expect(missingKeyPaths(example, example)).toEqual([]);
  });

  it('GetTenants', async () => {
    // Page size 1 so nextLink appears; compare against every page to see each tenant's fields.
    const first = await json('GET', '/tenants?api-version=2022-12-01');
    expect(first.status).toBe(200);
    const all = [...first.body.value];
    let next = first.body.nextLink as string | undefined;
    while (next) {
      const page = await json('GET', next);
      all.push(...page.body.value);
      next = page.body.nextLink;
    }
    expect(missingKeyPaths({ nextLink: first.body.nextLink, value: all }, exampleBody(EX.tenants))).toEqual(
      [],
    );
  });

  it('GetSubscriptions', async () => {
    const r = await json('GET', '/subscriptions?api-version=2022-12-01');
    expect(r.status).toBe(200);
    expect(r.body.nextLink).toBeTypeOf('string');
    expect(missingKeyPaths(r.body, exampleBody(EX.subscriptions))).toEqual([]);
  });

  it('GetSubscription', async () => {
    const r = await json('GET', `/subscriptions/${S.prod}?api-version=2022-12-01`);
    expect(r.status).toBe(200);
    expect(r.body.tenantId).toBe(P.contoso);
    expect(missingKeyPaths(r.body, exampleBody(EX.subscription))).toEqual([]);
  });

  it('CreateResourceGroup (shape of each listed resource group)', async () => {
    const r = await json('GET', `/subscriptions/${S.prod}/resourcegroups?api-version=2025-04-01`);
    expect(r.status).toBe(200);
    expect(r.body.value.length).toBe(3);
    for (const rg of r.body.value) expect(missingKeyPaths(rg, exampleBody(EX.resourceGroup))).toEqual([]);
    expect(r.body.value[0].type).toBe('Microsoft.Resources/resourceGroups');
  });

  it('GetRoleEligibilityScheduleInstancesByScope', async () => {
    const r = await json(
      'GET',
      `/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
    );
    expect(r.status).toBe(200);
    expect(r.body.value.length).toBeGreaterThan(0);
    expect(missingKeyPaths(r.body, exampleBody(EX.eligibility))).toEqual([]);
  });

  it('GetRoleAssignmentScheduleInstancesByScope', async () => {
    const r = await json(
      'GET',
      `/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
    );
    expect(r.status).toBe(200);
    expect(missingKeyPaths(r.body, exampleBody(EX.assignment))).toEqual([]);
  });

  it('PutRoleAssignmentScheduleRequest and GetRoleAssignmentScheduleRequestByName', async () => {
    const name = '0f2b6c51-3d1e-4b7a-9c8d-2e4f6a8b0c11';
    const path = `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${name}?api-version=2020-10-01`;
    const put = await json('PUT', path, {
      properties: {
        principalId: P.alice,
        roleDefinitionId: `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLE_IDS.contributor}`,
        requestType: 'SelfActivate',
        justification: 'shape test',
        scheduleInfo: {
          startDateTime: null,
          expiration: { type: 'AfterDuration', duration: 'PT1H', endDateTime: null },
        },
      },
    });
    expect(put.status).toBe(201);
    expect(missingKeyPaths(put.body, exampleBody(EX.putRequest, '201'))).toEqual([]);
    const get = await json('GET', path);
    expect(get.status).toBe(200);
    expect(missingKeyPaths(get.body, exampleBody(EX.getRequest))).toEqual([]);
  });

  it('GetRoleManagementPolicyAssignmentByScope', async () => {
    const r = await json(
      'GET',
      `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01&$filter=roleDefinitionId eq '/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLE_IDS.owner}'`,
    );
    expect(r.status).toBe(200);
    expect(r.body.value).toHaveLength(1);
    expect(missingKeyPaths(r.body, exampleBody(EX.policyAssignments))).toEqual([]);
  });

  it('GetRoleDefinitionByName and the role definition list', async () => {
    const one = await json(
      'GET',
      `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLE_IDS.reader}?api-version=2022-04-01`,
    );
    expect(one.status).toBe(200);
    expect(one.body.properties.roleName).toBe('Reader');
    expect(missingKeyPaths(one.body, exampleBody(EX.roleDefinition))).toEqual([]);
    const list = await json(
      'GET',
      `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01`,
    );
    expect(missingKeyPaths(list.body, exampleBody(EX.roleDefinitions))).toEqual([]);
  });
});
