import { describe, expect, it } from 'vitest';
import { parseRequest } from './contract';

describe('message contract', () => {
  it('accepts each well-formed request kind', () => {
    expect(parseRequest({ type: 'overview.get' })).toEqual({ type: 'overview.get' });
    expect(parseRequest({ type: 'link.start', connectionId: 'c1', mode: 'link' })).toEqual({
      type: 'link.start',
      connectionId: 'c1',
      mode: 'link',
    });
    expect(parseRequest({ type: 'link.remove', tenantId: 't' })).toBeDefined();
  });
  it.each([
    undefined,
    'overview.get',
    { type: 'nope' },
    { type: 'link.start' },
    { type: 'link.start', connectionId: 'c1', mode: 'steal' },
    { type: 'link.remove', tenantId: '' },
  ])('refuses %j', (message) => {
    expect(parseRequest(message)).toBeUndefined();
  });
});
