import { describe, expect, it } from 'vitest';
import {
  ArmError,
  parseAcrsClaims,
  parseClaimsChallenge,
  parsePolicyRules,
  parseRetryAfter,
  parseWrongTenant,
  processArmError,
} from './errors';
import { armErrorResponse, jsonResponse } from './test-helpers';

const A = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const B = '3b6e1f2a-9c4d-4e8f-a1b2-c3d4e5f60718';

describe('processArmError', () => {
  it('401 ExpiredAuthenticationToken → unauthorized', async () => {
    const error = await processArmError(
      armErrorResponse(
        401,
        'ExpiredAuthenticationToken',
        "The access token expiry UTC time '1/1/2024 10:00:00 AM' is earlier than current UTC time '1/1/2024 11:00:00 AM'.",
      ),
    );
    expect(error).toBeInstanceOf(ArmError);
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.detail.armCode).toBe('ExpiredAuthenticationToken');
  });

  it('401 InvalidAuthenticationToken → unauthorized', async () => {
    const error = await processArmError(
      armErrorResponse(
        401,
        'InvalidAuthenticationToken',
        'The received access token is not valid: at least one of the claims is invalid.',
      ),
    );
    expect(error.code).toBe('unauthorized');
  });

  it('401 InvalidAuthenticationTokenTenant → wrong_tenant with the right tenant', async () => {
    const message =
      `The access token is from the wrong issuer 'https://sts.windows.net/${A}/'. It must match the tenant ` +
      `'https://sts.windows.net/${B}/' associated with this subscription. Please use the authority (URL) ` +
      `'https://login.windows.net/${B}' to get the token. Note, if the subscription is transferred to another ` +
      `tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour).`;
    const error = await processArmError(armErrorResponse(401, 'InvalidAuthenticationTokenTenant', message));
    expect(error.code).toBe('wrong_tenant');
    expect(error.detail.tenantId).toBe(B);
  });

  it('401 with a CAE claims challenge → claims_challenge with the decoded claims', async () => {
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1661241267"}}}';
    const header =
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
      `client_id="797f4846-ba00-4fd7-ba43-dac1f8f63013", error="insufficient_claims", claims="${btoa(claims)}"`;
    const error = await processArmError(
      armErrorResponse(
        401,
        'InvalidAuthenticationToken',
        'Continuous access evaluation resulted in challenge',
        {
          'WWW-Authenticate': header,
        },
      ),
    );
    expect(error.code).toBe('claims_challenge');
    expect(error.detail.claims).toBe(claims);
  });

  it('403 AuthorizationFailed → forbidden', async () => {
    const error = await processArmError(
      armErrorResponse(
        403,
        'AuthorizationFailed',
        `The client 'alice@contoso.com' with object id '${A}' does not have authorization to perform action ` +
          `'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/${B}' or the scope is invalid. ` +
          'If access was recently granted, please refresh your credentials.',
      ),
    );
    expect(error.code).toBe('forbidden');
    expect(error.detail.armCode).toBe('AuthorizationFailed');
  });

  it('429 → throttled with Retry-After', async () => {
    const error = await processArmError(
      armErrorResponse(429, 'TooManyRequests', 'The request is being throttled.', { 'Retry-After': '17' }),
    );
    expect(error.code).toBe('throttled');
    expect(error.retryAfterSec).toBe(17);
  });

  it('404 → not_found', async () => {
    const error = await processArmError(
      armErrorResponse(404, 'SubscriptionNotFound', `The subscription '${B}' could not be found.`),
    );
    expect(error.code).toBe('not_found');
  });

  it('RoleAssignmentRequestPolicyValidationFailed → policy_failed with the rule names', async () => {
    const error = await processArmError(
      armErrorResponse(
        400,
        'RoleAssignmentRequestPolicyValidationFailed',
        'The following policy rules failed: ["ExpirationRule","JustificationRule","TicketingRule","MfaRule"]',
      ),
    );
    expect(error.code).toBe('policy_failed');
    expect(error.detail.rules).toEqual(['ExpirationRule', 'JustificationRule', 'TicketingRule', 'MfaRule']);
  });

  it('policy_failed: EligibilityRule alone', async () => {
    const error = await processArmError(
      armErrorResponse(
        400,
        'RoleAssignmentRequestPolicyValidationFailed',
        'The following policy rules failed: ["EligibilityRule"]',
      ),
    );
    expect(error.detail.rules).toEqual(['EligibilityRule']);
  });

  it('RoleAssignmentRequestAcrsValidationFailed → auth_context_required with URL-decoded claims', async () => {
    const error = await processArmError(
      armErrorResponse(
        400,
        'RoleAssignmentRequestAcrsValidationFailed',
        '&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D',
      ),
    );
    expect(error.code).toBe('auth_context_required');
    expect(JSON.parse(error.detail.claims ?? '')).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' } },
    });
  });

  it('RoleAssignmentExists → already_active', async () => {
    const error = await processArmError(
      armErrorResponse(409, 'RoleAssignmentExists', 'The Role assignment already exists.'),
    );
    expect(error.code).toBe('already_active');
  });

  it('RoleAssignmentRequestExists → request_pending; InsufficientPermissions → forbidden', async () => {
    const pending = await processArmError(
      armErrorResponse(400, 'RoleAssignmentRequestExists', 'There is already an existing pending request.'),
    );
    expect(pending.code).toBe('request_pending');
    const list = await processArmError(
      armErrorResponse(400, 'InsufficientPermissions', 'The user does not have permission.'),
    );
    expect(list.code).toBe('forbidden');
  });

  it('5xx → server_error', async () => {
    const error = await processArmError(
      armErrorResponse(503, 'ServiceUnavailable', 'The service is unavailable.', { 'Retry-After': '5' }),
    );
    expect(error.code).toBe('server_error');
    expect(error.retryAfterSec).toBe(5);
  });

  it('another 4xx → rejected, keeping ARM’s code', async () => {
    const error = await processArmError(armErrorResponse(400, 'InvalidQuery', 'Query is invalid.'));
    expect(error.code).toBe('rejected');
    expect(error.detail).toMatchObject({ armCode: 'InvalidQuery', armMessage: 'Query is invalid.' });
  });

  it('a body that is not JSON still gives a code from the status', async () => {
    const error = await processArmError(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(error.code).toBe('server_error');
    expect(error.detail.armCode).toBeUndefined();
  });

  it('a 2xx handed in by mistake is bad_response', async () => {
    expect((await processArmError(jsonResponse({}))).code).toBe('bad_response');
  });

  it('serialises to plain data for the popup', async () => {
    const error = await processArmError(
      armErrorResponse(429, 'TooManyRequests', 'slow down', { 'Retry-After': '3' }),
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'throttled',
      status: 429,
      retryAfterSec: 3,
      detail: { armCode: 'TooManyRequests', armMessage: 'slow down' },
    });
  });
});

describe('message parsers', () => {
  it('wrong tenant: "one of the tenants" list', () => {
    expect(
      parseWrongTenant(
        `The access token is from the wrong issuer 'https://sts.windows.net/${A}/'. It must match one of the tenants ` +
          `'https://sts.windows.net/${B}/,https://sts.windows.net/${A.replace('72', '73')}/' associated with this subscription.`,
      ),
    ).toBe(B);
  });

  it('wrong tenant: only an authority URL', () => {
    expect(
      parseWrongTenant(`Please use the authority (URL) 'https://login.windows.net/${B.toUpperCase()}'`),
    ).toBe(B);
  });

  it('wrong tenant: nothing to find', () => {
    expect(parseWrongTenant('The access token is invalid.')).toBeUndefined();
  });

  it('policy rules in other list syntaxes', () => {
    expect(parsePolicyRules('The following policy rules failed: [ExpirationRule, MfaRule]')).toEqual([
      'ExpirationRule',
      'MfaRule',
    ]);
    expect(parsePolicyRules('failed')).toEqual([]);
  });

  it('acrs claims given raw', () => {
    expect(
      parseAcrsClaims(
        'RoleAssignmentRequestAcrsValidationFailed claims={"access_token":{"acrs":{"essential":true,"value":"c2"}}} end',
      ),
    ).toBe('{"access_token":{"acrs":{"essential":true,"value":"c2"}}}');
    expect(parseAcrsClaims('no claims here')).toBeUndefined();
    expect(parseAcrsClaims('&claims=%7Bbroken')).toBeUndefined();
  });

  it('claims challenge needs insufficient_claims', () => {
    expect(parseClaimsChallenge('Bearer realm="", error="invalid_token"')).toBeUndefined();
    expect(parseClaimsChallenge(null)).toBeUndefined();
    expect(parseClaimsChallenge('Bearer error="insufficient_claims", claims="!!!"')).toBeUndefined();
  });

  it('Retry-After: seconds and HTTP-date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
