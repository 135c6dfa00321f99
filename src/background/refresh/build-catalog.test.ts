import { describe, expect, it } from 'vitest';
import type { AssignmentInstance, EligibilityInstance } from '../arm/pim-instances';
import {
  processAssignmentInstancesResponse,
  processEligibilityInstancesResponse,
} from '../arm/pim-instances';
import { AUTHZ_EXAMPLES, exampleBody, jsonResponse } from '../arm/test-helpers';
import { buildCatalog, catalogKey } from './build-catalog';

const T = 'AAAAAAAA-0000-0000-0000-000000000001';
const tid = T.toLowerCase();
const S1 = '11111111-1111-1111-1111-111111111111';
const S2 = '22222222-2222-2222-2222-222222222222';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const CONTRIB = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const roleId = (scope: string, guid: string) =>
  `${scope}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const NOW = Date.parse('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;

const containers = {
  subscriptions: [
    { id: S1, name: 'Production' },
    { id: S2, name: 'Development' },
  ],
  resourceGroups: [{ subscriptionId: S1, name: 'App-RG' }],
};

function eligibility(
  scope: string,
  role: string,
  roleName: string,
  extra: Partial<EligibilityInstance> = {},
): EligibilityInstance {
  return {
    id: `e-${scope}-${role}`,
    scope,
    roleDefinitionId: roleId(scope, role),
    roleName,
    status: 'Provisioned',
    roleEligibilityScheduleId: `${scope}/providers/Microsoft.Authorization/RoleEligibilitySchedules/s-${role}`,
    ...extra,
  };
}

function assignment(
  scope: string,
  role: string,
  roleName: string,
  extra: Partial<AssignmentInstance> = {},
): AssignmentInstance {
  return {
    id: `a-${scope}-${role}`,
    scope,
    roleDefinitionId: roleId(scope, role),
    roleName,
    status: 'Provisioned',
    assignmentType: 'Assigned',
    ...extra,
  };
}

describe('buildCatalog', () => {
  it('eligible, active (permanent), activated-eligible merged, RG scope, sorted', () => {
    const rg = `/subscriptions/${S1}/resourceGroups/app-rg`;
    const entries = buildCatalog({
      tenantId: T,
      containers,
      now: NOW,
      eligibilities: [
        eligibility(`/subscriptions/${S1}`, OWNER, 'Owner'),
        eligibility(`/subscriptions/${S2}`, CONTRIB, 'Contributor'),
        eligibility(rg, CONTRIB, 'Contributor'),
      ],
      assignments: [
        assignment(`/subscriptions/${S1}`, READER, 'Reader'),
        assignment(`/subscriptions/${S1}`, OWNER, 'Owner', {
          assignmentType: 'Activated',
          endsAt: NOW + 2 * HOUR,
        }),
      ],
    });
    expect(entries).toEqual([
      {
        key: `${tid}|/subscriptions/${S2}|${CONTRIB}`,
        tenantId: tid,
        subscriptionId: S2,
        subscriptionName: 'Development',
        scope: `/subscriptions/${S2}`,
        roleDefinitionId: roleId(`/subscriptions/${S2}`, CONTRIB),
        roleName: 'Contributor',
        state: 'eligible',
        source: 'held',
        eligibilityScheduleId: `/subscriptions/${S2}/providers/Microsoft.Authorization/RoleEligibilitySchedules/s-${CONTRIB}`,
      },
      expect.objectContaining({
        subscriptionName: 'Production',
        roleName: 'Owner',
        state: 'active',
        activeUntil: NOW + 2 * HOUR,
        eligibilityScheduleId: expect.any(String),
      }),
      expect.objectContaining({ subscriptionName: 'Production', roleName: 'Reader', state: 'active' }),
      expect.objectContaining({
        subscriptionName: 'Production',
        resourceGroup: 'App-RG', // the container's casing
        scope: rg,
        roleName: 'Contributor',
        state: 'eligible',
        key: `${tid}|${rg.toLowerCase()}|${CONTRIB}`,
      }),
    ]);
    expect(entries.find((e) => e.roleName === 'Reader')).not.toHaveProperty('activeUntil');
    expect(entries.find((e) => e.roleName === 'Reader')).not.toHaveProperty('eligibilityScheduleId');
  });

  it('leaves out what has expired or not started, and failed instances', () => {
    const s = `/subscriptions/${S1}`;
    const entries = buildCatalog({
      tenantId: T,
      containers,
      now: NOW,
      eligibilities: [
        eligibility(s, OWNER, 'Owner'),
        eligibility(s, READER, 'Reader', { endsAt: NOW - 1 }),
        eligibility(s, CONTRIB, 'Contributor', { startsAt: NOW + HOUR }),
      ],
      assignments: [
        // An activation that ran out: the role is back to eligible.
        assignment(s, OWNER, 'Owner', { assignmentType: 'Activated', endsAt: NOW - HOUR }),
        assignment(`/subscriptions/${S2}`, READER, 'Reader', { status: 'Revoked' }),
      ],
    });
    expect(entries.map((e) => [e.roleName, e.state])).toEqual([['Owner', 'eligible']]);
  });

  it('several grants of one role: active as long as the longest, permanent wins', () => {
    const s = `/subscriptions/${S1}`;
    const build = (assignments: AssignmentInstance[]) =>
      buildCatalog({
        tenantId: T,
        containers,
        now: NOW,
        eligibilities: [eligibility(s, OWNER, 'Owner')],
        assignments,
      });
    const twoActivations = build([
      assignment(s, OWNER, 'Owner', { assignmentType: 'Activated', endsAt: NOW + HOUR }),
      assignment(s, OWNER, 'Owner', { id: 'group', memberType: 'Group', endsAt: NOW + 3 * HOUR }),
    ]);
    expect(twoActivations).toHaveLength(1);
    expect(twoActivations[0]?.activeUntil).toBe(NOW + 3 * HOUR);
    const withPermanent = build([
      assignment(s, OWNER, 'Owner', { assignmentType: 'Activated', endsAt: NOW + HOUR }),
      assignment(s, OWNER, 'Owner', { id: 'perm' }),
    ]);
    expect(withPermanent[0]).not.toHaveProperty('activeUntil');
    expect(withPermanent[0]?.state).toBe('active');
  });

  it('management-group and root roles are kept with an empty subscriptionId', () => {
    const mg = '/providers/Microsoft.Management/managementGroups/contoso';
    const entries = buildCatalog({
      tenantId: T,
      containers: { subscriptions: [], resourceGroups: [] },
      now: NOW,
      eligibilities: [eligibility(mg, OWNER, 'Owner', { scopeDisplayName: 'Contoso Group' })],
      assignments: [assignment('/', READER, 'Reader')],
    });
    expect(entries.map((e) => [e.scope, e.subscriptionId, e.subscriptionName, e.roleName])).toEqual([
      ['/', '', '/', 'Reader'],
      [mg, '', 'Contoso Group', 'Owner'],
    ]);
  });

  it('a subscription the containers do not list is named from PIM’s display name, else by its ID', () => {
    const entries = buildCatalog({
      tenantId: T,
      containers: { subscriptions: [], resourceGroups: [] },
      now: NOW,
      eligibilities: [
        eligibility(`/subscriptions/${S1}`, OWNER, 'Owner', { scopeDisplayName: 'Prod (eligible only)' }),
        eligibility(`/subscriptions/${S1}/resourceGroups/rg`, READER, 'Reader', { scopeDisplayName: 'rg' }),
        eligibility(`/subscriptions/${S2}/resourceGroups/rg2`, READER, 'Reader', { scopeDisplayName: 'rg2' }),
      ],
      assignments: [],
    });
    expect(entries.map((e) => e.subscriptionName)).toEqual([
      S2,
      'Prod (eligible only)',
      'Prod (eligible only)',
    ]);
  });

  it('builds from the official example instances', async () => {
    const eligibilities = (
      await processEligibilityInstancesResponse(
        jsonResponse(exampleBody(`${AUTHZ_EXAMPLES}/GetRoleEligibilityScheduleInstancesByScope.json`)),
      )
    ).items;
    const assignments = (
      await processAssignmentInstancesResponse(
        jsonResponse(exampleBody(`${AUTHZ_EXAMPLES}/GetRoleAssignmentScheduleInstancesByScope.json`)),
      )
    ).items;
    const entries = buildCatalog({
      tenantId: T,
      containers: { subscriptions: [], resourceGroups: [] },
      now: Date.parse('2020-09-10T01:00:00Z'),
      eligibilities,
      assignments,
    });
    // The example's eligibility is for b24988ac… and its assignment for c8d4ff99…: two entries.
    expect(entries.map((e) => [e.roleName, e.state, e.subscriptionName])).toEqual([
      ['Contributor', 'eligible', 'Pay-As-You-Go'],
      ['Contributor', 'active', 'Pay-As-You-Go'],
    ]);
    expect(entries[1]?.activeUntil).toBe(Date.parse('2020-09-10T05:35:17.91Z'));
  });

  it('keys are stable across spellings', () => {
    expect(
      catalogKey(
        T,
        `/subscriptions/${S1.toUpperCase()}/resourcegroups/RG`,
        `/x/roleDefinitions/${OWNER.toUpperCase()}`,
      ),
    ).toBe(
      catalogKey(
        tid,
        `/subscriptions/${S1}/resourceGroups/rg`,
        `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
      ),
    );
  });
});
