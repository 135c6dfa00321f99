import { describe, expect, it } from 'vitest';
import { activationPolicyFromRules, getActivationPolicy, processPolicyAssignmentsResponse } from './policy';
import { AUTHZ_EXAMPLES, armErrorResponse, exampleBody, jsonResponse, recordingFetch } from './test-helpers';

const ARM = 'https://management.azure.com';
const SUB = '129ff972-28f8-46b8-a726-e497be039368';
const ROLE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/a1705bd2-3a8f-45a5-8683-466fcfd5cc24`;
const example = () => exampleBody(`${AUTHZ_EXAMPLES}/GetRoleManagementPolicyAssignmentByScope.json`);

const rule = (id: string, ruleType: string, fields: Record<string, unknown>) => ({
  id,
  ruleType,
  target: { caller: 'EndUser', operations: ['All'], level: 'Assignment' },
  ...fields,
});

describe('activation policy (official GetRoleManagementPolicyAssignmentByScope example)', () => {
  it('reads the end-user assignment rules, not the admin ones', async () => {
    const page = await processPolicyAssignmentsResponse(jsonResponse(example()), ROLE);
    expect(page.policy).toEqual({
      maxDurationMinutes: 7 * 60, // PT7H; the admin rules say P90D
      requireJustification: true,
      requireTicket: true,
      requireMfa: true,
      requireApproval: true,
    });
  });

  it('matches the role by GUID whatever the ID’s scope prefix', async () => {
    const page = await processPolicyAssignmentsResponse(
      jsonResponse(example()),
      '/providers/Microsoft.Authorization/roleDefinitions/A1705BD2-3A8F-45A5-8683-466FCFD5CC24',
    );
    expect(page.policy?.maxDurationMinutes).toBe(420);
  });

  it('picks the matching item out of an unfiltered list', async () => {
    const body = example() as { value: { properties: Record<string, unknown> }[] };
    const item = body.value[0]!;
    const other = {
      name: 'p_00000000-0000-0000-0000-000000000001',
      properties: {
        roleDefinitionId:
          '/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001',
        effectiveRules: [
          rule('Expiration_EndUser_Assignment', 'RoleManagementPolicyExpirationRule', {
            maximumDuration: 'PT1H',
          }),
        ],
      },
    };
    const page = await processPolicyAssignmentsResponse(jsonResponse({ value: [other, item] }), ROLE);
    expect(page.policy?.maxDurationMinutes).toBe(420);
    const otherPage = await processPolicyAssignmentsResponse(
      jsonResponse({ value: [other, item] }),
      '/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001',
    );
    expect(otherPage.policy).toEqual({
      maxDurationMinutes: 60,
      requireJustification: false,
      requireTicket: false,
      requireMfa: false,
      requireApproval: false,
    });
  });

  it('reads an authentication context and a one-day maximum', () => {
    expect(
      activationPolicyFromRules([
        rule('Expiration_EndUser_Assignment', 'RoleManagementPolicyExpirationRule', {
          maximumDuration: 'P1D',
          isExpirationRequired: true,
        }),
        rule('AuthenticationContext_EndUser_Assignment', 'RoleManagementPolicyAuthenticationContextRule', {
          isEnabled: true,
          claimValue: 'c1',
        }),
        rule('Enablement_EndUser_Assignment', 'RoleManagementPolicyEnablementRule', {
          enabledRules: ['Justification'],
        }),
      ]),
    ).toEqual({
      maxDurationMinutes: 1440,
      requireJustification: true,
      requireTicket: false,
      requireMfa: false,
      requireApproval: false,
      authContext: 'c1',
    });
  });

  it('finds rules by type and target when their IDs differ; defaults to 8 hours', () => {
    const policy = activationPolicyFromRules([
      rule('custom', 'RoleManagementPolicyEnablementRule', { enabledRules: ['Ticketing'] }),
      rule('custom2', 'RoleManagementPolicyApprovalRule', {
        setting: { isApprovalRequired: false, isRequestorJustificationRequired: true },
      }),
      rule('x', 'RoleManagementPolicyExpirationRule', { maximumDuration: 'nonsense' }),
    ]);
    expect(policy).toMatchObject({
      maxDurationMinutes: 480,
      requireTicket: true,
      requireJustification: false,
    });
  });
});

describe('getActivationPolicy', () => {
  it('asks with the role filter at the scope', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse(example()));
    const policy = await getActivationPolicy(
      { armBase: ARM, accessToken: 't', fetch },
      { scope: `/subscriptions/${SUB}`, roleDefinitionId: ROLE },
    );
    expect(policy?.requireApproval).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url.pathname).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleManagementPolicyAssignments`,
    );
    expect(calls[0]?.url.searchParams.get('api-version')).toBe('2020-10-01');
    expect(calls[0]?.url.searchParams.get('$filter')).toBe(`roleDefinitionId eq '${ROLE}'`);
  });

  it('retries without the filter when the server refuses it', async () => {
    const { fetch, calls } = recordingFetch((call) =>
      call.url.searchParams.has('$filter')
        ? armErrorResponse(400, 'BadRequest', 'The filter is not supported.')
        : jsonResponse(example()),
    );
    const policy = await getActivationPolicy(
      { armBase: ARM, accessToken: 't', fetch },
      { scope: `/subscriptions/${SUB}`, roleDefinitionId: ROLE },
    );
    expect(policy?.maxDurationMinutes).toBe(420);
    expect(calls).toHaveLength(2);
  });

  it('follows nextLink until the role is found, and undefined when it never is', async () => {
    const { fetch, calls } = recordingFetch((call) =>
      call.url.searchParams.get('page') === '2'
        ? jsonResponse(example())
        : jsonResponse({
            value: [],
            nextLink: `${ARM}/subscriptions/${SUB}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01&page=2`,
          }),
    );
    const ctx = { armBase: ARM, accessToken: 't', fetch };
    expect(
      (await getActivationPolicy(ctx, { scope: `/subscriptions/${SUB}`, roleDefinitionId: ROLE }))
        ?.requireMfa,
    ).toBe(true);
    expect(calls).toHaveLength(2);
    expect(
      await getActivationPolicy(ctx, { scope: `/subscriptions/${SUB}`, roleDefinitionId: 'other' }),
    ).toBeUndefined();
  });

  it('other errors are thrown', async () => {
    const { fetch } = recordingFetch(() => armErrorResponse(403, 'AuthorizationFailed', 'no'));
    await expect(
      getActivationPolicy(
        { armBase: ARM, accessToken: 't', fetch },
        { scope: `/subscriptions/${SUB}`, roleDefinitionId: ROLE },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
