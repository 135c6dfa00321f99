import { describe, expect, it, vi } from 'vitest';
import { fieldOf, looksLikeSecret } from './ConnectionForm';

// The form module reaches the WebExtension namespace only through this module.
vi.mock('../../shared/browser', () => ({ browser: {} }));

describe('a client secret pasted where the client ID goes', () => {
  it('is recognised: Entra secrets are long, with characters a GUID never has', () => {
    expect(looksLikeSecret('Qx58Q~Zk3.m9vT_r2W~pLd0sJ4aYb6uNc8eHf1gI')).toBe(true);
    expect(looksLikeSecret('  3w[a7D:Pq=Zx-1bH/9kLmN+oP2rS4tU6vW  ')).toBe(true);
  });

  it('a client ID, whole or being typed, is not a secret', () => {
    expect(looksLikeSecret('30000000-0000-4000-8000-000000000001')).toBe(false);
    expect(looksLikeSecret('30000000-0000-4000-8000-0000')).toBe(false);
    expect(looksLikeSecret('short~secret')).toBe(false);
    expect(looksLikeSecret('not a secret but a long sentence')).toBe(false);
  });
});

describe('a config problem goes next to its field', () => {
  it.each([
    ['tenant', 'tenant'],
    ['app', 'clientId'],
    ['app.clientId', 'clientId'],
    ['cloud.login', 'login'],
    ['endpoints.jwks', 'jwks'],
    ['connections.3.cloud.arm', 'arm'],
    ['connections.0.displayName', 'displayName'],
  ])('%s → %s', (key, field) => expect(fieldOf(key)).toBe(field));
});
