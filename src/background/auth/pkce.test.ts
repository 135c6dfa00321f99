import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkcePair } from './pkce';

describe('createPkcePair', () => {
  it('makes a verifier of 43-128 unreserved characters', async () => {
    const { codeVerifier } = await createPkcePair();
    expect(codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(codeVerifier.length).toBeLessThanOrEqual(128);
    expect(codeVerifier).toMatch(/^[A-Za-z0-9\-._~]+$/);
  });

  it('derives the S256 challenge as base64url(SHA-256(verifier))', async () => {
    const { codeVerifier, codeChallenge, codeChallengeMethod } = await createPkcePair();
    const expected = createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
    expect(codeChallengeMethod).toBe('S256');
    expect(codeChallenge).toBe(expected);
    expect(codeChallenge).not.toContain('=');
  });

  it('never repeats a verifier', async () => {
    const verifiers = new Set<string>();
    for (let i = 0; i < 50; i++) verifiers.add((await createPkcePair()).codeVerifier);
    expect(verifiers.size).toBe(50);
  });
});
