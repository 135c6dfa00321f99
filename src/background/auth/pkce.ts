import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
  /** `plain` is accepted by Entra but gives no protection against an intercepted code. */
  codeChallengeMethod: 'S256';
}

/** A fresh pair per authorization request; reusing a verifier defeats PKCE. */
export async function createPkcePair(): Promise<PkcePair> {
  const codeVerifier = generateRandomCodeVerifier();
  const codeChallenge = await calculatePKCECodeChallenge(codeVerifier);
  return { codeVerifier, codeChallenge, codeChallengeMethod: 'S256' };
}
