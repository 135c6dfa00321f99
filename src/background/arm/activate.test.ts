import { describe, expect, it } from 'vitest';
import {
  activationBody,
  activationRequest,
  newRequestName,
  processScheduleRequestResponse,
  scheduleRequestGetRequest,
  statusGroup,
} from './activate';
import { AUTHZ_EXAMPLES, exampleBody, jsonResponse, recordingFetch } from './test-helpers';

const ARM = 'https://management.azure.com';
const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';
const ROLE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/c8d4ff99-41c3-41a8-9f60-21dfdad59608`;
const SCHEDULE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilitySchedules/b1477448-2cc6-4ceb-93b4-54a202a89413`;

const input = {
  scope: `/subscriptions/${SUB}`,
  principalId: 'a3bb8764-cb92-4276-9d2a-ca1e895e55ea',
  roleDefinitionId: ROLE,
  linkedRoleEligibilityScheduleId: SCHEDULE,
  durationMinutes: 480,
  justification: 'ticket 123',
  ticket: { number: '123', system: 'Jira' },
};

describe('SelfActivate request', () => {
  it('has exactly the body of docs/wire.md §6.4', () => {
    expect(activationBody(input)).toEqual({
      properties: {
        principalId: 'a3bb8764-cb92-4276-9d2a-ca1e895e55ea',
        roleDefinitionId: ROLE,
        requestType: 'SelfActivate',
        linkedRoleEligibilityScheduleId: SCHEDULE,
        justification: 'ticket 123',
        ticketInfo: { ticketNumber: '123', ticketSystem: 'Jira' },
        scheduleInfo: {
          startDateTime: null,
          expiration: { type: 'AfterDuration', duration: 'PT480M', endDateTime: null },
        },
      },
    });
  });

  it('leaves out what the user did not give', () => {
    const { properties } = activationBody({
      ...input,
      justification: undefined,
      ticket: undefined,
      durationMinutes: 30,
    });
    expect(properties).not.toHaveProperty('justification');
    expect(properties).not.toHaveProperty('ticketInfo');
    expect(properties.scheduleInfo).toMatchObject({ expiration: { duration: 'PT30M' } });
  });

  it('PUTs at the eligibility scope with the injected GUID, and GETs the same name', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({}, 201));
    const ctx = { armBase: ARM, accessToken: 't', fetch };
    const name = newRequestName(() => 'fea7a502-9a96-4806-a26f-eee560e52045');
    await activationRequest(ctx, {
      input: { ...input, scope: `/subscriptions/${SUB}/resourcegroups/rg1` },
      name,
    });
    await scheduleRequestGetRequest(ctx, { scope: input.scope, name });
    expect(calls[0]?.method).toBe('PUT');
    expect(calls[0]?.url.toString()).toBe(
      `${ARM}/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/fea7a502-9a96-4806-a26f-eee560e52045?api-version=2020-10-01`,
    );
    expect(calls[0]?.body).toEqual(activationBody(input));
    expect(calls[1]?.method).toBe('GET');
    expect(calls[1]?.url.pathname).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/fea7a502-9a96-4806-a26f-eee560e52045`,
    );
  });
});

describe('the activation PUT when the answer is lost', () => {
  const name = 'fea7a502-9a96-4806-a26f-eee560e52045';
  const noWait = async () => undefined;

  it('a dropped connection and a 502 are retried with the same request name and body', async () => {
    let n = 0;
    const { fetch, calls } = recordingFetch(() => {
      n++;
      if (n === 1) throw new TypeError('Failed to fetch');
      if (n === 2) return new Response('<html>502</html>', { status: 502 });
      return jsonResponse({}, 201);
    });
    const response = await activationRequest(
      { armBase: ARM, accessToken: 't', fetch, sleep: noWait },
      {
        input,
        name,
      },
    );
    expect(response.status).toBe(201);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => `${c.method} ${c.url.pathname}`))).toEqual(
      new Set([
        `PUT /subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${name}`,
      ]),
    );
    expect(calls.every((c) => JSON.stringify(c.body) === JSON.stringify(activationBody(input)))).toBe(true);
  });

  it('a repeat that meets the request its lost first try created follows that request', async () => {
    const exists = () =>
      jsonResponse(
        {
          error: {
            code: 'RoleAssignmentRequestExists',
            message: `The role assignment request '${name}' already exists.`,
          },
        },
        400,
      );
    let puts = 0;
    const { fetch, calls } = recordingFetch((call) => {
      if (call.method === 'GET') return jsonResponse({ name, properties: { status: 'Provisioned' } });
      if (++puts === 1) throw new TypeError('Failed to fetch');
      return exists();
    });
    const response = await activationRequest(
      { armBase: ARM, accessToken: 't', fetch, sleep: noWait },
      {
        input,
        name,
      },
    );
    expect(response.status).toBe(200);
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'PUT', 'GET']);
    expect(calls[2]?.url.pathname).toContain(`/roleAssignmentScheduleRequests/${name}`);
  });

  it('a pending request under another name keeps its refusal', async () => {
    const { fetch, calls } = recordingFetch((call) =>
      call.method === 'GET'
        ? jsonResponse({ error: { code: 'RoleAssignmentScheduleRequestNotFound', message: 'x' } }, 404)
        : jsonResponse({ error: { code: 'RoleAssignmentRequestExists', message: 'pending' } }, 400),
    );
    const response = await activationRequest(
      { armBase: ARM, accessToken: 't', fetch, sleep: noWait },
      {
        input,
        name,
      },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'RoleAssignmentRequestExists' } });
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'GET']);
  });

  it('is never sent again after a definite answer (201, 400, 403, 409)', async () => {
    for (const status of [201, 400, 403, 409]) {
      const { fetch, calls } = recordingFetch(() => jsonResponse({}, status));
      await activationRequest({ armBase: ARM, accessToken: 't', fetch, sleep: noWait }, { input, name });
      expect(calls).toHaveLength(1);
    }
  });
});

describe('schedule request processor (official examples)', () => {
  it('reads the PUT 201 (PutRoleAssignmentScheduleRequest)', async () => {
    const body = exampleBody(`${AUTHZ_EXAMPLES}/PutRoleAssignmentScheduleRequest.json`, '201');
    expect(await processScheduleRequestResponse(jsonResponse(body, 201))).toEqual({
      name: 'fea7a502-9a96-4806-a26f-eee560e52045',
      id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleAssignmentScheduleRequests/fea7a502-9a96-4806-a26f-eee560e52045`,
      status: 'Provisioned',
      group: 'ok',
      awaitingApproval: false,
      scope: `/subscriptions/${SUB}`,
      roleDefinitionId: ROLE,
      duration: 'PT8H',
    });
  });

  it('reads the poll (GetRoleAssignmentScheduleRequestByName)', async () => {
    const body = exampleBody(`${AUTHZ_EXAMPLES}/GetRoleAssignmentScheduleRequestByName.json`);
    expect(await processScheduleRequestResponse(jsonResponse(body))).toMatchObject({
      status: 'Provisioned',
      group: 'ok',
    });
  });

  it('a pending approval carries its approval ID', async () => {
    const state = await processScheduleRequestResponse(
      jsonResponse({ name: 'n', properties: { status: 'PendingApproval', approvalId: '/approvals/1' } }),
    );
    expect(state).toMatchObject({ group: 'pending', awaitingApproval: true, approvalId: '/approvals/1' });
  });

  it('a body without status is bad_response', async () => {
    await expect(
      processScheduleRequestResponse(jsonResponse({ name: 'n', properties: {} })),
    ).rejects.toMatchObject({
      code: 'bad_response',
    });
  });
});

describe('status grouping (PIMCLI)', () => {
  it.each([
    ['Accepted', 'ok'],
    ['AdminApproved', 'ok'],
    ['Granted', 'ok'],
    ['Provisioned', 'ok'],
    ['ProvisioningStarted', 'ok'],
    ['ScheduleCreated', 'ok'],
    ['PendingAdminDecision', 'pending'],
    ['PendingApproval', 'pending'],
    ['PendingApprovalProvisioning', 'pending'],
    ['PendingEvaluation', 'pending'],
    ['PendingExternalProvisioning', 'pending'],
    ['PendingProvisioning', 'pending'],
    ['PendingRevocation', 'pending'],
    ['PendingScheduleCreation', 'pending'],
    ['AdminDenied', 'failed'],
    ['Canceled', 'failed'],
    ['Denied', 'failed'],
    ['Failed', 'failed'],
    ['FailedAsResourceIsLocked', 'failed'],
    ['Invalid', 'failed'],
    ['Revoked', 'failed'],
    ['TimedOut', 'failed'],
    ['SomethingNew', 'pending'],
  ])('%s → %s', (status, group) => {
    expect(statusGroup(status)).toBe(group);
  });
});
