import { describe, expect, it } from 'vitest';
import { AuthError } from '../auth';
import { toUiError } from './ui-error';

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
  });

  it('a deadline is fault_timeout; auth errors keep their code without the description', () => {
    expect(toUiError(new DOMException('timed out', 'TimeoutError'))).toEqual({ code: 'fault_timeout' });
    const auth = new AuthError('cancelled', { description: 'secret-ish text', reason: 'x' });
    expect(toUiError(auth)).toEqual({ code: 'cancelled', detail: { reason: 'x' } });
  });
});
