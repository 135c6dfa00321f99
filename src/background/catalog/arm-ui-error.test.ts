import { describe, expect, it } from 'vitest';
import { ArmError } from '../arm/errors';
import { armErrorToUi } from './arm-ui-error';

describe('armErrorToUi', () => {
  it('turns a policy failure on MfaRule into "sign in with MFA"', () => {
    const error = new ArmError('policy_failed', 'x', { status: 400, detail: { rules: ['MfaRule'] } });
    expect(armErrorToUi(error)).toEqual({ code: 'arm_mfa_required' });
  });
  it('keeps other policy rules for the message', () => {
    const error = new ArmError('policy_failed', 'x', {
      status: 400,
      detail: { rules: ['ExpirationRule', 'TicketingRule'] },
    });
    expect(armErrorToUi(error)).toEqual({
      code: 'arm_policy_failed',
      detail: { rules: 'ExpirationRule, TicketingRule' },
    });
  });
  it('carries the wait of a throttled request', () => {
    expect(armErrorToUi(new ArmError('throttled', 'x', { status: 429, retryAfterSec: 30 }))).toEqual({
      code: 'arm_throttled',
      detail: { retryAfter: '30' },
    });
  });
});
