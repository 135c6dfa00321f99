import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../auth';
import { ArmError } from '../arm/errors';
import { WebAuthError } from './web-auth-error';
import { UnreadableSecretError } from '../store/links';
import { argumentError } from './argument-error';
import { Refusal } from './refusal';
import { toUiError } from './to-ui-error';

afterEach(() => vi.restoreAllMocks());

describe('toUiError', () => {
  it.each([
    'Failed to fetch',
    'NetworkError when attempting to fetch resource.',
    'Load failed',
    'fetch failed',
  ])('a fetch failure (%s) is network', (message) =>
    expect(toUiError(new TypeError(message))).toEqual({ code: 'network' }),
  );

  it('a fetch that really failed in this runtime is network', async () => {
    const error = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    expect(toUiError(error)).toEqual({ code: 'network' });
  });

  it('a programming error is unexpected, not network', () => {
    let error: unknown;
    try {
      (undefined as unknown as { x: () => void }).x();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(toUiError(error)).toEqual({ code: 'unexpected' });
    expect(toUiError(new TypeError('tenantId is required'))).toEqual({ code: 'unexpected' });
    expect(toUiError(argumentError('tenantId is required'))).toEqual({ code: 'unexpected' });
  });

  it('reports a bug to the console with its name and message, but nothing secret-shaped', () => {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGVsZSIsInRpZCI6IngifQ.c2lnbmF0dXJlLWJ5dGVz';
    const refresh = '0.AXEA' + 'Q'.repeat(60) + '_-abc';
    const bug = new RangeError(`cannot parse ${jwt} nor ${refresh}`);
    expect(toUiError(bug, 'link.start')).toEqual({ code: 'unexpected' });
    const text = printed.join('\n');
    expect(text).toContain('link.start');
    expect(text).toContain('RangeError: cannot parse [redacted] nor');
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('Q'.repeat(24));
  });

  it('a known failure is not reported as a bug', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    toUiError(new TypeError('Failed to fetch'));
    toUiError(new Refusal('not_linked'));
    expect(spy).not.toHaveBeenCalled();
  });

  it('a refusal keeps its code and detail; the auth window and an unreadable secret get their words', () => {
    expect(toUiError(new Refusal('managed_locked', { key: 'connections' }))).toEqual({
      code: 'managed_locked',
      detail: { key: 'connections' },
    });
    expect(toUiError(new WebAuthError('closed', 'The user did not approve access.'))).toEqual({
      code: 'cancelled',
      detail: { reason: 'closed' },
    });
    expect(toUiError(new WebAuthError('failed', 'Authorization page could not be loaded.'))).toEqual({
      code: 'login_required',
      detail: { reason: 'failed' },
    });
    expect(toUiError(new UnreadableSecretError('t'))).toEqual({ code: 'refresh_expired' });
  });

  it('a deadline is fault_timeout; auth errors keep their code without the description', () => {
    expect(toUiError(new DOMException('timed out', 'TimeoutError'))).toEqual({ code: 'fault_timeout' });
    const auth = new AuthError('cancelled', { description: 'secret-ish text', reason: 'x' });
    expect(toUiError(auth)).toEqual({ code: 'cancelled', detail: { reason: 'x' } });
  });

  describe('ARM failures', () => {
    it('a policy failure on MfaRule is "sign in with MFA"', () => {
      const error = new ArmError('policy_failed', 'x', { status: 400, detail: { rules: ['MfaRule'] } });
      expect(toUiError(error)).toEqual({ code: 'arm_mfa_required' });
    });
    it('other policy rules are kept for the message', () => {
      const error = new ArmError('policy_failed', 'x', {
        status: 400,
        detail: { rules: ['ExpirationRule', 'TicketingRule'] },
      });
      expect(toUiError(error)).toEqual({
        code: 'arm_policy_failed',
        detail: { rules: 'ExpirationRule, TicketingRule' },
      });
    });
    it('a throttled request carries its wait', () => {
      expect(toUiError(new ArmError('throttled', 'x', { status: 429, retryAfterSec: 30 }))).toEqual({
        code: 'arm_throttled',
        detail: { retryAfter: '30' },
      });
    });
  });
});

describe('failures after the retry budget, in words', () => {
  it('offline, cut off and past the deadline are told apart for ARM', () => {
    expect(toUiError(new ArmError('network', 'x'))).toEqual({ code: 'arm_network', detail: {} });
    expect(toUiError(new ArmError('timeout', 'x'))).toEqual({ code: 'arm_timeout', detail: {} });
  });

  it('the service down, with the wait it named or without one', () => {
    expect(toUiError(new ArmError('server_error', 'x', { status: 503 }))).toEqual({
      code: 'arm_server_error',
      detail: {},
    });
    expect(toUiError(new ArmError('server_error', 'x', { status: 503, retryAfterSec: 120 }))).toEqual({
      code: 'arm_server_error_wait',
      detail: { retryAfter: '120' },
    });
  });

  it('throttled states the wait only when Azure named it', () => {
    expect(toUiError(new ArmError('throttled', 'x', { status: 429, retryAfterSec: 30 }))).toEqual({
      code: 'arm_throttled',
      detail: { retryAfter: '30' },
    });
    expect(toUiError(new ArmError('throttled', 'x', { status: 429 }))).toEqual({
      code: 'arm_throttled_soon',
      detail: {},
    });
  });

  it('a sign-in request past its deadline is not "check your network"', () => {
    expect(toUiError(new AuthError('network', { reason: 'timeout' }))).toMatchObject({
      code: 'signin_timeout',
    });
    expect(toUiError(new AuthError('network', { reason: 'offline' }))).toMatchObject({ code: 'network' });
  });
});
