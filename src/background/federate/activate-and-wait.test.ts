import { describe, expect, it } from 'vitest';
import { ArmError } from '../arm/errors';
import {
  AUTHZ_EXAMPLES,
  FakeClock,
  armErrorResponse,
  exampleBody,
  jsonResponse,
  recordingFetch,
  type RecordedCall,
} from '../arm/test-helpers';
import { activateAndWait } from './activate-and-wait';

const ARM = 'https://management.azure.com';
const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';
const NAME = 'fea7a502-9a96-4806-a26f-eee560e52045';
const input = {
  scope: `/subscriptions/${SUB}`,
  principalId: 'a3bb8764-cb92-4276-9d2a-ca1e895e55ea',
  roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/c8d4ff99-41c3-41a8-9f60-21dfdad59608`,
  linkedRoleEligibilityScheduleId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilitySchedules/b1477448-2cc6-4ceb-93b4-54a202a89413`,
  durationMinutes: 60,
  justification: 'deploy',
};

const request = (status: string, extra: Record<string, unknown> = {}) => ({
  name: NAME,
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleAssignmentScheduleRequests/${NAME}`,
  properties: { status, ...extra },
});

function run(handler: (call: RecordedCall, index: number) => Response, options: { timeoutMs?: number } = {}) {
  const clock = new FakeClock();
  let index = 0;
  const { fetch, calls } = recordingFetch((call) => handler(call, index++));
  const promise = activateAndWait({
    ctx: { armBase: ARM, accessToken: 't', fetch, sleep: clock.sleep },
    input,
    randomUUID: () => NAME,
    now: clock.now,
    pollIntervalMs: 2000,
    ...options,
  });
  return { result: clock.run(promise), calls, clock };
}

describe('activateAndWait', () => {
  it('provisioned at once (official PUT example): no polling', async () => {
    const { result, calls } = run(() =>
      jsonResponse(exampleBody(`${AUTHZ_EXAMPLES}/PutRoleAssignmentScheduleRequest.json`, '201'), 201),
    );
    expect(await result).toEqual({
      ok: true,
      pending: false,
      status: 'Provisioned',
      requestName: NAME,
      alreadyActive: false,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url.pathname).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${NAME}`,
    );
  });

  it('polls through transitional states until Provisioned', async () => {
    const { result, calls, clock } = run((call, i) => {
      if (call.method === 'PUT') return jsonResponse(request('Accepted'), 201);
      if (i === 1) return armErrorResponse(404, 'RoleAssignmentScheduleRequestNotFound', 'not yet'); // replication lag
      if (i === 2) return jsonResponse(request('PendingProvisioning'));
      if (i === 3) return jsonResponse(request('Granted'));
      return jsonResponse(exampleBody(`${AUTHZ_EXAMPLES}/GetRoleAssignmentScheduleRequestByName.json`));
    });
    expect(await result).toMatchObject({ ok: true, status: 'Provisioned' });
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'GET', 'GET', 'GET', 'GET']);
    expect(clock.sleeps).toEqual([2000, 2000, 2000, 2000]);
  });

  it('pending approval returns at once with the approval ID', async () => {
    const { result, calls } = run(() =>
      jsonResponse(request('PendingApproval', { approvalId: '/approvals/9' }), 201),
    );
    expect(await result).toEqual({
      ok: false,
      pending: true,
      status: 'PendingApproval',
      requestName: NAME,
      awaitingApproval: true,
      approvalId: '/approvals/9',
    });
    expect(calls).toHaveLength(1);
  });

  it('still provisioning at the deadline: reported as pending, not as failure', async () => {
    const { result, calls } = run(
      (call) => jsonResponse(request('PendingProvisioning'), call.method === 'PUT' ? 201 : 200),
      {
        timeoutMs: 10_000,
      },
    );
    expect(await result).toEqual({
      ok: false,
      pending: true,
      status: 'PendingProvisioning',
      requestName: NAME,
      awaitingApproval: false,
    });
    expect(calls).toHaveLength(6); // PUT + a poll every 2 s for 10 s
  });

  it('policy failure throws policy_failed with the rules', async () => {
    const { result } = run(() =>
      armErrorResponse(
        400,
        'RoleAssignmentRequestPolicyValidationFailed',
        'The following policy rules failed: ["JustificationRule"]',
      ),
    );
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ code: 'policy_failed', detail: { rules: ['JustificationRule'] } });
  });

  it('already active counts as success', async () => {
    const { result } = run(() =>
      armErrorResponse(400, 'RoleAssignmentExists', 'The Role assignment already exists.'),
    );
    expect(await result).toEqual({
      ok: true,
      pending: false,
      status: 'RoleAssignmentExists',
      alreadyActive: true,
    });
  });

  it('a request that ends Denied throws activation_failed', async () => {
    const { result } = run((call) =>
      jsonResponse(request(call.method === 'PUT' ? 'PendingEvaluation' : 'Denied'), 201),
    );
    await expect(result).rejects.toMatchObject({
      code: 'activation_failed',
      detail: { requestStatus: 'Denied' },
    });
  });

  it('auth context required is passed up with its claims', async () => {
    const { result } = run(() =>
      armErrorResponse(
        400,
        'RoleAssignmentRequestAcrsValidationFailed',
        '&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D',
      ),
    );
    await expect(result).rejects.toMatchObject({ code: 'auth_context_required' });
  });

  it('the request not appearing at all ends in not_found', async () => {
    const { result, calls } = run((call) =>
      call.method === 'PUT'
        ? jsonResponse(request('Accepted'), 201)
        : armErrorResponse(404, 'NotFound', 'gone'),
    );
    await expect(result).rejects.toMatchObject({ code: 'not_found' });
    expect(calls).toHaveLength(5); // PUT + 4 polls (3 tolerated)
  });
});
