import { ArgQuota } from './arg-quota';
import type { ArmRequestLog } from './context';
import { TokenBuckets } from './headers';
import { stableGuid } from './ids';
import { normalizeScope } from './scope';
import type {
  ArmSeed,
  MemberType,
  SeedAssignment,
  SeedEligibility,
  SeedPrincipal,
  SeedResourceGroup,
  SeedRoleDefinition,
  SeedSubscription,
  SeedTenant,
} from './seed';

export type ArgVisibility = 'active' | 'activeOrEligible';

export interface PageSizes {
  tenants: number;
  subscriptions: number;
  resourceGroups: number;
  /** Schedule requests, role definitions and policy assignments. */
  authorization: number;
  /**
   * PIM schedule instance lists. Pageable by spec (`x-ms-pageable` with `nextLink` in
   * RoleEligibilityScheduleInstance.json, 2020-10-01) but no page size is documented, and working
   * clients that read only the first page's `value` get every role (netr0m/az-pim-cli
   * `pkg/pim/client.go`, kayasax/EasyPIM `Get-PIMAzureResourceEligibleAssignment.ps1`): one page by
   * default. Set a size to test `nextLink` following.
   */
  scheduleInstances: number;
}

export interface ArmOptions {
  /** Emulator-clock time between an accepted (or approved) activation and `Provisioned`. Default 0. */
  activationDelayMs?: number;
  pageSizes?: Partial<PageSizes>;
  /** Resource Graph per-user quota. Default 15 queries per 5 s (docs/wire.md §6.5). */
  argQuota?: { limit: number; windowMs: number };
  /**
   * Which roles make a container visible to Resource Graph. Default `active`: ARG returns only what
   * the caller may read (https://learn.microsoft.com/azure/governance/resource-graph/overview#permissions-in-azure-resource-graph),
   * and an eligible-only role grants no read until it is activated.
   */
  argVisibility?: ArgVisibility;
  /** ARM's per-principal token buckets (docs/wire.md §6.7). Default on. */
  tokenBuckets?: boolean;
  /**
   * Refuse `roleManagementPolicyAssignments` reads (403 AuthorizationFailed) to a caller with no
   * active role at or above the scope. Default on: the read needs
   * `Microsoft.Authorization/roleManagementPolicies/read` at the scope, which an eligible-only user
   * lacks until activation (see policies.ts).
   */
  policyReadNeedsActiveRole?: boolean;
  /**
   * After an activation, how long RBAC reads (listings, Resource Graph, policy reads) keep not
   * seeing the new role for a token issued before it; a token issued after sees it at once.
   * ARM caches role assignments for up to 30 minutes and signing in again forces a refresh
   * (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting,
   * https://learn.microsoft.com/en-us/answers/questions/524792/azure-rbac-replication-latency.html;
   * after PIM: https://github.com/microsoft/azurestorageexplorer/issues/8000). Default 0.
   */
  accessDelayMs?: number;
  /**
   * Accept SelfExtend of an activation. Default on. Whether ARM takes it for an activation (rather
   * than only for a time-bound assignment near its end) is not documented; off, it is refused with
   * 400 InvalidRequestType and a client must fall back to activating again.
   */
  selfExtendAllowed?: boolean;
}

export const DEFAULT_PAGE_SIZES: PageSizes = {
  tenants: 50,
  subscriptions: 100,
  resourceGroups: 100,
  authorization: 100,
  scheduleInstances: Number.POSITIVE_INFINITY,
};

export interface EligibilityRec {
  tenantId: string;
  principalOid: string;
  scope: string;
  roleGuid: string;
  memberType: MemberType;
  group?: { id: string; displayName: string };
  start: number;
  startIso: string;
  end: number | null;
  scheduleGuid: string;
  instanceGuid: string;
}

export interface AssignmentRec {
  tenantId: string;
  principalOid: string;
  scope: string;
  roleGuid: string;
  memberType: MemberType;
  group?: { id: string; displayName: string };
  assignmentType: 'Assigned' | 'Activated';
  start: number;
  startIso: string;
  end: number | null;
  scheduleGuid: string;
  /** Also the GUID of the underlying `roleAssignments/{guid}` (as in the spec example). */
  instanceGuid: string;
  linked?: EligibilityRec;
  requestName?: string;
}

export type RequestStatus =
  'Accepted' | 'PendingApproval' | 'PendingProvisioning' | 'Provisioned' | 'Denied' | 'Canceled' | 'Revoked';

export interface ScheduleRequestRec {
  name: string;
  tenantId: string;
  scope: string;
  roleGuid: string;
  principalOid: string;
  requestorOid: string;
  requestType: 'SelfActivate' | 'SelfDeactivate' | 'SelfExtend';
  status: RequestStatus;
  createdOn: number;
  /** When set, the request turns `Provisioned` at this emulator time. */
  provisionAt?: number;
  durationMs: number;
  /** The start the client asked for (`startDateTime`), when it gave one. */
  scheduleStart?: number;
  /** Start of the active assignment once provisioning is scheduled (creation or approval time). */
  provisionStart?: number;
  expiration: { type: string | null; duration: string | null; endDateTime: string | null };
  justification: string | null;
  ticketInfo: { ticketNumber: string | null; ticketSystem: string | null };
  linkedRoleEligibilityScheduleId: string | null;
  condition: string | null;
  conditionVersion: string | null;
  eligibility?: EligibilityRec;
  targetScheduleGuid: string;
  approvalGuid: string | null;
  instance?: AssignmentRec;
}

/** What a test can assert about each activation PUT the emulator received. */
export interface ActivationRecord {
  at: number;
  name: string;
  scope: string;
  tenantId: string;
  callerOid: string;
  body: unknown;
  /** Normalised view of the fields clients most often get wrong. */
  justification: string | null;
  ticketNumber: string | null;
  ticketSystem: string | null;
  duration: string | null;
  /** `201 <status>` or the error code returned. */
  outcome: string;
}

export type Fault =
  | { kind: 'throttle'; pathIncludes?: string; remaining: number; retryAfterSec: number }
  | {
      kind: 'fail';
      pathIncludes?: string;
      remaining: number;
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }
  | { kind: 'challenge'; pathIncludes?: string; remaining: number; claims: string };

/** Placeholder start time for seed records without one; they count as active from the beginning of time. */
const SEED_EPOCH_ISO = '2024-01-01T00:00:00.000Z';

function parseTime(iso: string | undefined, fallback: number): number {
  if (!iso) return fallback;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? fallback : t;
}

function lower(s: string): string {
  return s.toLowerCase();
}

export class ArmState {
  readonly tenants = new Map<string, SeedTenant>();
  readonly subscriptions = new Map<string, SeedSubscription>();
  readonly resourceGroups = new Map<string, SeedResourceGroup[]>();
  readonly roles = new Map<string, SeedRoleDefinition>();
  readonly principals = new Map<string, SeedPrincipal>();
  eligibilities: EligibilityRec[] = [];
  assignments: AssignmentRec[] = [];
  readonly requests = new Map<string, ScheduleRequestRec>();
  readonly activationLog: ActivationRecord[] = [];
  readonly requestLog: ArmRequestLog[] = [];
  readonly faults: Fault[] = [];
  readonly refusedArg = new Map<string, 'forbidden' | 'badRequest'>();
  readonly argUsage = new ArgQuota();
  readonly buckets = new TokenBuckets();
  private readonly personOf = new Map<string, string>();
  private readonly tenantsOfPerson = new Map<string, Set<string>>();

  activationDelayMs: number;
  latencyMs = 0;
  argVisibility: ArgVisibility;
  argQuota: { limit: number; windowMs: number };
  pageSizes: PageSizes;
  tokenBuckets: boolean;
  policyReadNeedsActiveRole: boolean;
  accessDelayMs: number;
  selfExtendAllowed: boolean;
  /** The emulator clock from the latest request; controls called between requests read it. */
  clock: { now(): number } | undefined;

  constructor(
    readonly seed: ArmSeed,
    options: ArmOptions = {},
  ) {
    this.activationDelayMs = options.activationDelayMs ?? 0;
    this.argVisibility = options.argVisibility ?? 'active';
    this.argQuota = options.argQuota ?? { limit: 15, windowMs: 5000 };
    this.pageSizes = { ...DEFAULT_PAGE_SIZES, ...options.pageSizes };
    this.tokenBuckets = options.tokenBuckets ?? true;
    this.policyReadNeedsActiveRole = options.policyReadNeedsActiveRole ?? true;
    this.accessDelayMs = options.accessDelayMs ?? 0;
    this.selfExtendAllowed = options.selfExtendAllowed ?? true;
    this.load();
  }

  /** Back to the seed: drops activations, requests and injected faults (settings stay). */
  reset(): void {
    this.requests.clear();
    this.activationLog.length = 0;
    this.faults.length = 0;
    this.argUsage.clear();
    this.buckets.clear();
    this.load();
  }

  private load(): void {
    const seed = this.seed;
    this.tenants.clear();
    this.subscriptions.clear();
    this.resourceGroups.clear();
    this.roles.clear();
    this.principals.clear();
    for (const t of seed.tenants) this.tenants.set(lower(t.tenantId), t);
    for (const s of seed.subscriptions) this.subscriptions.set(lower(s.subscriptionId), s);
    for (const rg of seed.resourceGroups) {
      const key = lower(rg.subscriptionId);
      const list = this.resourceGroups.get(key) ?? [];
      list.push(rg);
      this.resourceGroups.set(key, list);
    }
    for (const r of seed.roleDefinitions) this.roles.set(lower(r.id), r);
    for (const p of seed.principals ?? []) this.principals.set(lower(p.oid), p);

    this.eligibilities = seed.eligibilities.map((e) => grantOf('eligibility', e));
    this.assignments = seed.assignments.map((a) => ({
      ...grantOf('assignment', a),
      assignmentType: 'Assigned' as const,
    }));
    this.indexPeople();
  }

  private indexPeople(): void {
    this.personOf.clear();
    this.tenantsOfPerson.clear();
    const seed = this.seed;
    for (const p of seed.principals ?? []) {
      const person = p.homeTid && p.homeOid ? personKey(p.homeTid, p.homeOid) : personKey(p.tenantId, p.oid);
      this.personOf.set(lower(p.oid), person);
      this.addTenant(person, p.tenantId);
    }
    for (const r of [...seed.assignments, ...seed.eligibilities]) {
      this.addTenant(
        this.personOf.get(lower(r.principalOid)) ?? personKey(r.tenantId, r.principalOid),
        r.tenantId,
      );
    }
    for (const [oid, tids] of Object.entries(seed.tenantsOf ?? {})) {
      const person = this.personOf.get(lower(oid));
      for (const tid of tids) {
        if (person) this.addTenant(person, tid);
        // Without a principal record the oid is its own person, whatever tenant it came from.
        else this.addTenant(`oid:${lower(oid)}`, tid);
      }
    }
  }

  private addTenant(person: string, tid: string): void {
    const set = this.tenantsOfPerson.get(person) ?? new Set<string>();
    set.add(lower(tid));
    this.tenantsOfPerson.set(person, set);
  }

  /** The key shared by all of one person's objects; quota and the tenant list are per person. */
  personFor(caller: { tid: string; oid: string; homeTid?: string; homeOid?: string }): string {
    if (caller.homeTid && caller.homeOid) return personKey(caller.homeTid, caller.homeOid);
    return this.personOf.get(lower(caller.oid)) ?? personKey(caller.tid, caller.oid);
  }

  tenantIdsFor(caller: { tid: string; oid: string; homeTid?: string; homeOid?: string }): Set<string> {
    const out = new Set<string>([lower(caller.tid)]);
    for (const tid of this.tenantsOfPerson.get(this.personFor(caller)) ?? []) out.add(tid);
    for (const tid of this.tenantsOfPerson.get(`oid:${lower(caller.oid)}`) ?? []) out.add(tid);
    return out;
  }

  now(): number {
    return this.clock ? this.clock.now() : Date.now();
  }

  subscription(id: string): SeedSubscription | undefined {
    return this.subscriptions.get(lower(id));
  }

  resourceGroupsOf(subscriptionId: string): SeedResourceGroup[] {
    return this.resourceGroups.get(lower(subscriptionId)) ?? [];
  }

  role(guid: string): SeedRoleDefinition | undefined {
    return this.roles.get(lower(guid));
  }

  principal(oid: string): SeedPrincipal | undefined {
    return this.principals.get(lower(oid));
  }

  request(name: string): ScheduleRequestRec | undefined {
    return this.requests.get(lower(name));
  }
}

function personKey(tid: string, oid: string): string {
  return `${lower(tid)}/${lower(oid)}`;
}

/** The fields an eligibility and an active assignment share, with GUIDs stable for the same grant. */
function grantOf(kind: 'eligibility' | 'assignment', g: SeedAssignment | SeedEligibility): EligibilityRec {
  const scope = normalizeScope(g.scope);
  const key = [kind, g.tenantId, g.principalOid, scope.toLowerCase(), g.roleDefinitionGuid].join('|');
  return {
    tenantId: g.tenantId,
    principalOid: g.principalOid,
    scope,
    roleGuid: lower(g.roleDefinitionGuid),
    memberType: g.memberType ?? 'Direct',
    ...(g.group ? { group: g.group } : {}),
    start: parseTime(g.startDateTime, Number.NEGATIVE_INFINITY),
    startIso: g.startDateTime ?? SEED_EPOCH_ISO,
    end: g.endDateTime ? parseTime(g.endDateTime, Number.POSITIVE_INFINITY) : null,
    scheduleGuid: stableGuid(key, 'schedule'),
    instanceGuid: stableGuid(key, 'instance'),
  };
}
