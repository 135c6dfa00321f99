import type { IncomingMessage, ServerResponse } from 'node:http';

/** The identity ARM sees in a bearer token, as the Entra emulator's verifier reports it. */
export interface ArmCaller {
  tid: string;
  oid: string;
  name?: string;
  upn?: string;
  amr?: string[];
  /** Satisfied Conditional Access authentication contexts (`acrs` claim), e.g. `['c1']`. */
  acrs?: string[];
  /**
   * The person's home identity when the token belongs to a guest. Resource Graph quota is per
   * user across tenants, so a guest's tokens must share the home user's budget.
   */
  homeTid?: string;
  homeOid?: string;
  /** Token issue time in ms; see `ArmOptions.accessDelayMs`. */
  iat?: number;
}

export type VerifyResult =
  | ({ ok: true } & ArmCaller)
  | { ok: false; code: 'ExpiredAuthenticationToken' | 'InvalidAuthenticationToken'; message: string };

export interface ArmContext {
  /** Verifies the bearer token (ARM access tokens carry `iss https://sts.windows.net/{tid}/`). */
  verifyAccessToken(token: string): VerifyResult;
  clock: { now(): number };
  /** Origin of the ARM listener, e.g. `http://127.0.0.1:40123`; every nextLink is built on it. */
  baseUrl: string;
  /**
   * Authority named in 401 `WWW-Authenticate` challenges. Defaults to the real
   * `https://login.windows.net`; the Entra emulator can point it at itself.
   */
  authorityBaseUrl?: string;
}

export type ArmHandle = (req: IncomingMessage, res: ServerResponse, ctx: ArmContext) => Promise<void>;

export type ArmRouteKind =
  | 'preflight'
  | 'tenants'
  | 'subscriptions'
  | 'subscription'
  | 'resourceGroups'
  | 'resourceGraph'
  | 'eligibilityInstances'
  | 'assignmentInstances'
  | 'roleDefinitions'
  | 'roleDefinition'
  | 'policyAssignments'
  | 'policyAssignment'
  | 'activationPut'
  | 'activationGet'
  | 'activationList'
  | 'activationCancel'
  | 'activationValidate'
  | 'unknown';

export interface ArmRequestLog {
  /** Emulator-clock time the request arrived. */
  at: number;
  method: string;
  /** Path plus query, exactly as received. */
  path: string;
  kind: ArmRouteKind;
  /** Tenant of the bearer token, when it verified. */
  tenantId?: string;
  oid?: string;
  status: number;
}
