import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createArmHandler, type ArmContext, type ArmEmulator, type ArmOptions, type ArmSeed } from './index';

/**
 * Test harness: the ARM handler on a real loopback server with a fake token verifier and a
 * hand-driven clock. Bearer format: `test:{tid}:{oid}:{amr,amr}[:{acrs,acrs}]`; a `expired:`
 * prefix yields ExpiredAuthenticationToken.
 */

/** Response bodies in assertions: read field by field, so a precise type would only restate the test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const T0 = Date.parse('2025-06-02T09:00:00.000Z');

export class FakeClock {
  constructor(public t = T0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export function token(tid: string, oid: string, amr = 'pwd', acrs?: string): string {
  return `test:${tid}:${oid}:${amr}${acrs ? `:${acrs}` : ''}`;
}

/** A token issued at `iatMs` (emulator clock), for the access-delay checks. */
export function tokenIssuedAt(tid: string, oid: string, iatMs: number): string {
  return `test:${tid}:${oid}:pwd::${iatMs}`;
}

export function fakeVerify(raw: string): ReturnType<ArmContext['verifyAccessToken']> {
  if (raw.startsWith('expired:')) {
    return {
      ok: false,
      code: 'ExpiredAuthenticationToken',
      message:
        "The access token expiry UTC time '6/2/2025 8:00:00 AM' is earlier than current UTC time '6/2/2025 9:00:00 AM'.",
    };
  }
  const [scheme, tid, oid, amr, acrs, iat] = raw.split(':');
  if (scheme !== 'test' || !tid || !oid) {
    return { ok: false, code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' };
  }
  return {
    ok: true,
    tid,
    oid,
    amr: amr ? amr.split(',') : [],
    ...(acrs ? { acrs: acrs.split(',') } : {}),
    ...(iat ? { iat: Number(iat) } : {}),
  };
}

export interface Harness {
  base: string;
  clock: FakeClock;
  emu: ArmEmulator;
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function startArm(seed: ArmSeed, options?: ArmOptions): Promise<Harness> {
  const emu = createArmHandler(seed, options);
  const clock = new FakeClock();
  let base = '';
  const server: Server = createServer((req, res) => {
    void emu.handle(req, res, { verifyAccessToken: fakeVerify, clock, baseUrl: base });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    clock,
    emu,
    call: (method, path, opts = {}) =>
      fetch(path.startsWith('http') ? path : `${base}${path}`, {
        method,
        headers: {
          ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...opts.headers,
        },
        ...(opts.body !== undefined
          ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }
          : {}),
      }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const SPECS = resolve(process.cwd(), 'tests/fixtures/azure-rest-api-specs/specification');

/** An official example's response body, read from the reference copy of azure-rest-api-specs. */
export function exampleBody(relPath: string, status: '200' | '201' = '200'): unknown {
  const json = JSON.parse(readFileSync(resolve(SPECS, relPath), 'utf8')) as {
    responses: Record<string, { body?: unknown }>;
  };
  return json.responses[status]?.body;
}

/** Maps whose keys are data (tag names), not schema. */
const OPAQUE = new Set(['tags']);

/** Every key path in a JSON value; array elements are merged under `[]`. */
export function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const el of value) keyPaths(el, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      if (!OPAQUE.has(k)) keyPaths(v, path, out);
    }
  }
  return out;
}

/** Key paths of `expected` missing from `actual`. */
export function missingKeyPaths(actual: unknown, expected: unknown): string[] {
  const have = keyPaths(actual);
  return [...keyPaths(expected)].filter((p) => !have.has(p));
}

export const EX = {
  tenants:
    'resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/examples/GetTenants.json',
  subscriptions:
    'resources/resource-manager/Microsoft.Resources/stable/2022-12-01/examples/GetSubscriptions.json',
  subscription:
    'resources/resource-manager/Microsoft.Resources/stable/2022-12-01/examples/GetSubscription.json',
  resourceGroup:
    'resources/resource-manager/Microsoft.Resources/resources/stable/2024-11-01/examples/CreateResourceGroup.json',
  eligibility:
    'authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/examples/GetRoleEligibilityScheduleInstancesByScope.json',
  assignment:
    'authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/examples/GetRoleAssignmentScheduleInstancesByScope.json',
  putRequest:
    'authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/examples/PutRoleAssignmentScheduleRequest.json',
  getRequest:
    'authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/examples/GetRoleAssignmentScheduleRequestByName.json',
  policyAssignments:
    'authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/examples/GetRoleManagementPolicyAssignmentByScope.json',
  roleDefinition:
    'authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/examples/GetRoleDefinitionByName.json',
  roleDefinitions:
    'authorization/resource-manager/Microsoft.Authorization/preview/2018-01-01-preview/examples/GetRoleDefinitionAtScope.json',
};

/** Fixed identities for tests; any GUIDs work as long as they are stable. */
export const P = {
  contoso: 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a01',
  fabrikam: 'fa0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c02',
  alice: 'a11ce000-0000-4000-8000-000000000001',
  aliceGuest: 'a11ce000-0000-4000-8000-0000000000f1',
  bob: 'b0b00000-0000-4000-8000-000000000002',
};

export const principals = {
  user: { tenantId: P.contoso, oid: P.alice, displayName: 'Alice Example', email: 'alice@contoso.example' },
  userAsGuest: { tenantId: P.fabrikam, oid: P.aliceGuest },
  colleague: { tenantId: P.contoso, oid: P.bob },
};

export const ALICE = token(P.contoso, P.alice);
export const ALICE_MFA = token(P.contoso, P.alice, 'pwd,mfa');
export const ALICE_GUEST = token(P.fabrikam, P.aliceGuest);
export const BOB = token(P.contoso, P.bob);
