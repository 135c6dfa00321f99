import type { FaultKind } from './faults';
import type { Clock } from './clock';
import type { RedirectType, Seed } from './seed';
import type { SigningKey } from './keys';

export type ListenerName = 'login' | 'arm' | 'portal';

/** One signed-in account in a browser session (the ESTSAUTH cookie). */
export interface SessionAccount {
  username: string;
  signedInAt: number;
  mfa: boolean;
}

export interface Session {
  id: string;
  accounts: SessionAccount[];
}

/** What the interactive pages carry between requests (Entra's "flow token"). */
export interface Flow {
  id: string;
  kind: 'authorize' | 'adminconsent';
  createdAt: number;
  /** Tenant GUID, or null for organizations/common (resolved to the user's home tenant). */
  tenantId: string | null;
  authority: string; // the path segment as requested, for form actions and error URLs
  clientId: string;
  redirectUri: string;
  redirectType: RedirectType;
  responseMode: 'query' | 'fragment' | 'form_post';
  state: string | undefined;
  nonce: string | undefined;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  clientInfo: boolean;
  loginHint: string | undefined;
  /** A claims request asked for MFA (amr "mfa" or an auth context). */
  claimsNeedMfa: boolean;
  acrs: string[];
  /** Password checked, second factor pending. */
  pendingUser?: string;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  redirectType: RedirectType;
  tenantId: string;
  username: string;
  scope: string;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  issuedAt: number;
  authTime: number;
  mfa: boolean;
  acrs: string[];
  redeemed: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  username: string;
  /** Issued through a 'spa' redirect: fixed lifetime, cross-origin redemption only. */
  spa: boolean;
  scope: string;
  /** Time of the interactive sign-in the grant descends from (revocation compares against it). */
  authTime: number;
  issuedAt: number;
  expiresAt: number;
  mfa: boolean;
  acrs: string[];
  /** The first refresh token of the sign-in this one descends from: rotation revokes by family. */
  family: string;
  /** Exchanged for a new one already (only reuse detection reads it). */
  redeemed: boolean;
}

export interface Fault {
  listener: ListenerName;
  path: string;
  /** Default `status`: see tests/emulator/faults.ts for what each kind does. */
  kind?: FaultKind;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  count: number;
  /** For `slow`: how long the answer waits. */
  delayMs?: number;
}

export interface RequestRecord {
  listener: ListenerName;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path with the query string. */
  url: string;
  /** Emulator clock (ms) when the request arrived. */
  time: number;
  /** Filled in when the response has been sent. */
  status?: number;
  /** The Origin header as the client sent it, when it sent one (Entra's SPA rule reads it). */
  origin?: string;
}

export interface Urls {
  loginUrl: string;
  armUrl: string;
  portalUrl: string;
}

/** Everything that changes while the emulator runs. Handlers receive it; tests may read it. */
export class EmulatorState {
  readonly sessions = new Map<string, Session>();
  readonly flows = new Map<string, Flow>();
  readonly codes = new Map<string, AuthCode>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Per user (lower-case username): grants from sign-ins before this time are revoked (AADSTS50173). */
  readonly tokensValidFrom = new Map<string, number>();
  readonly counters = {
    codesIssued: 0,
    refreshTokensIssued: 0,
    accessTokensIssued: 0,
    idTokensIssued: 0,
    /** Refresh tokens presented a second time while reuse detection was on (each revoked its family). */
    refreshTokenReuses: 0,
  };
  /**
   * Refresh-token reuse detection, as providers with rotation do (OAuth 2.0 Security BCP, RFC 9700
   * §4.14.2): presenting an already redeemed refresh token revokes every token of its grant. Entra
   * itself keeps old refresh tokens valid (docs/wire.md §1.6), so it is off unless a test asks.
   */
  refreshTokenReuseDetection = false;
  /** Grant families revoked by a detected reuse. */
  readonly revokedFamilies = new Set<string>();
  readonly faults: Fault[] = [];
  /**
   * Every secret the emulator handed out or was sent (codes, code verifiers, access, refresh and ID
   * tokens), so a test can prove none of them shows up where it must not.
   */
  readonly secretsSeen = new Set<string>();
  /** Claims changes for the next ID tokens issued (see Control.forgeIdTokens). */
  readonly idTokenForgeries: { claims: Record<string, unknown>; iatOffsetSec: number }[] = [];
  readonly latency: Record<ListenerName, number> = { login: 0, arm: 0, portal: 0 };
  readonly requests: RequestRecord[] = [];
  activeKey = 0;
  urls: Urls = { loginUrl: '', armUrl: '', portalUrl: '' };

  constructor(
    /** Live directory: controls (disable, delete, consent, MFA) change it in place. */
    readonly seed: Seed,
    readonly clock: Clock,
    readonly keys: SigningKey[],
  ) {}

  get signingKey(): SigningKey {
    const key = this.keys[this.activeKey];
    if (!key) throw new Error('no signing key');
    return key;
  }
}
