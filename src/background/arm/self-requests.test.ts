import { describe, expect, it } from 'vitest';
import { activationBody } from './activate';
import { deactivationBody, extensionBody, followOnActivationBody, selfRequest } from './self-requests';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AUTHZ_EXAMPLES, exampleBody, jsonResponse, recordingFetch } from './test-helpers';

// The names and values of the official PutRoleAssignmentScheduleRequest example.
const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';
const ROLE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/c8d4ff99-41c3-41a8-9f60-21dfdad59608`;
const SCHEDULE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilitySchedules/b1477448-2cc6-4ceb-93b4-54a202a89413`;
const PRINCIPAL = 'a3bb8764-cb92-4276-9d2a-ca1e895e55ea';
const role = {
  scope: `/subscriptions/${SUB}`,
  principalId: PRINCIPAL,
  roleDefinitionId: ROLE,
  linkedRoleEligibilityScheduleId: SCHEDULE,
};
const input = { ...role, durationMinutes: 60, justification: 'incident 42' };

const example = exampleBody(`${AUTHZ_EXAMPLES}/PutRoleAssignmentScheduleRequest.json`, '201') as {
  properties: Record<string, unknown>;
};

// The example's request: what a client sends (the response adds read-only fields).
const sent = (
  JSON.parse(
    readFileSync(
      path.resolve(
        'tests/fixtures/azure-rest-api-specs/specification',
        AUTHZ_EXAMPLES,
        'PutRoleAssignmentScheduleRequest.json',
      ),
      'utf8',
    ),
  ) as { parameters: { parameters: { properties: Record<string, unknown> } } }
).parameters.parameters.properties;

describe('SelfDeactivate and SelfExtend bodies', () => {
  it('SelfDeactivate carries the required fields of the official example and no schedule', () => {
    const body = deactivationBody(role);
    expect(body).toEqual({
      properties: {
        principalId: sent.principalId,
        roleDefinitionId: sent.roleDefinitionId,
        requestType: 'SelfDeactivate',
        linkedRoleEligibilityScheduleId: SCHEDULE,
      },
    });
  });

  it('every field sent is one the official request object has', () => {
    const known = new Set([...Object.keys(sent), ...Object.keys(example.properties)]);
    for (const body of [deactivationBody(role), extensionBody(input), followOnActivationBody(input, 0)]) {
      for (const field of Object.keys(body.properties)) expect(known).toContain(field);
    }
  });

  it('SelfExtend is the SelfActivate body of the same role with the new duration', () => {
    expect(extensionBody(input)).toEqual({
      properties: { ...activationBody(input).properties, requestType: 'SelfExtend' },
    });
    expect(extensionBody(input).properties.scheduleInfo).toEqual({
      startDateTime: null,
      expiration: { type: 'AfterDuration', duration: 'PT60M', endDateTime: null },
    });
  });

  it('the follow-on SelfActivate starts at the given end, in the example schedule shape', () => {
    const at = Date.parse('2020-09-09T21:35:27.910Z');
    const body = followOnActivationBody(input, at);
    expect(body.properties.requestType).toBe('SelfActivate');
    expect(body.properties.scheduleInfo).toEqual({
      startDateTime: '2020-09-09T21:35:27.910Z',
      expiration: { type: 'AfterDuration', duration: 'PT60M', endDateTime: null },
    });
    expect(Object.keys(body.properties.scheduleInfo as object)).toEqual(
      Object.keys(example.properties.scheduleInfo as object),
    );
  });

  it('PUTs a new request at the role scope', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({}, 201));
    await selfRequest(
      { armBase: 'https://management.azure.com', accessToken: 't', fetch },
      { scope: role.scope, name: 'fea7a502-9a96-4806-a26f-eee560e52045', body: deactivationBody(role) },
    );
    expect(calls[0]!.method).toBe('PUT');
    expect(calls[0]!.url.pathname).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/fea7a502-9a96-4806-a26f-eee560e52045`,
    );
    expect(calls[0]!.url.searchParams.get('api-version')).toBe('2020-10-01');
    expect(calls[0]!.body).toEqual(deactivationBody(role));
  });
});
