import type { ArmCaller } from './context';
import { parseDurationMs } from './duration';
import { ArmError, authorizationFailed, badRequest, notFound } from './errors';
import { principalInfo, resolveScope, roleInfo, scopeInfo } from './expanded';
import type { ArmResponse } from './http';
import { isGuid, lastSegment, stableGuid } from './ids';
import { listBody, pageOf } from './paging';
import { parsePimFilter, scopeMatches } from './pim-filter';
import { extendActivation, scheduleProvisioning } from './pim-lifecycle';
import { effectivePolicy } from './policies';
import { activeAssignmentsOf, eligibilitiesOf, hasActiveRoleCovering } from './rbac';
import { jsonBody, type ArmRequest } from './request';
import { normalizeScope, roleDefinitionIdFor, sameScope, underScope } from './scope';
import type { PolicySettings } from './seed';
import type {
  ActivationRecord,
  ArmState,
  AssignmentRec,
  EligibilityRec,
  RequestStatus,
  ScheduleRequestRec,
} from './state';

/** ARM reads request bodies case-insensitively (docs/wire.md §6.4: PascalCase bodies work too). */
function field(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

interface ParsedRequest {
  principalId: string;
  roleDefinitionId: string;
  requestType: string;
  linked: string | null;
  justification: string | null;
  ticketNumber: string | null;
  ticketSystem: string | null;
  startIso: string | null;
  expirationType: string | null;
  duration: string | null;
  endDateTime: string | null;
  condition: string | null;
  conditionVersion: string | null;
}

function parseRequest(body: unknown): ParsedRequest {
  const props = field(body, 'properties');
  if (!props || typeof props !== 'object') {
    throw badRequest('InvalidRequestContent', "The request content must contain a 'properties' object.");
  }
  const required = (name: string): string => {
    const v = str(field(props, name));
    if (!v)
      throw badRequest('InvalidRequestContent', `The request is missing the required property '${name}'.`);
    return v;
  };
  const ticket = field(props, 'ticketInfo');
  const schedule = field(props, 'scheduleInfo');
  const expiration = field(schedule, 'expiration');
  return {
    principalId: required('principalId'),
    roleDefinitionId: required('roleDefinitionId'),
    requestType: required('requestType'),
    linked: str(field(props, 'linkedRoleEligibilityScheduleId')),
    justification: str(field(props, 'justification')),
    ticketNumber: str(field(ticket, 'ticketNumber')),
    ticketSystem: str(field(ticket, 'ticketSystem')),
    startIso: str(field(schedule, 'startDateTime')),
    expirationType: str(field(expiration, 'type')),
    duration: str(field(expiration, 'duration')),
    endDateTime: str(field(expiration, 'endDateTime')),
    condition: str(field(props, 'condition')),
    conditionVersion: str(field(props, 'conditionVersion')),
  };
}

function policyFailure(rules: string[]): ArmError {
  return badRequest(
    'RoleAssignmentRequestPolicyValidationFailed',
    `The following policy rules failed: ${JSON.stringify(rules)}`,
  );
}

/** The message is the claims fragment itself, spaces and all, as observed (docs/wire.md §6.4). */
function acrsFailure(claimValue: string): ArmError {
  const claims = `{"access_token":{"acrs":{"essential":true, "value":"${claimValue}"}}}`;
  return badRequest('RoleAssignmentRequestAcrsValidationFailed', `&claims=${encodeURIComponent(claims)}`);
}

interface Validated {
  roleGuid: string;
  eligibility?: EligibilityRec;
  policy?: PolicySettings;
  durationMs: number;
  scheduleStart?: number;
}

function isPending(status: RequestStatus): boolean {
  return status === 'PendingApproval' || status === 'PendingProvisioning' || status === 'Accepted';
}

/**
 * SelfActivate checks in the order a client most needs to tell them apart: eligibility, already
 * active / pending, authentication context (re-auth needed), then the policy rules together.
 */
function validate(r: ArmRequest, scope: string, p: ParsedRequest): Validated {
  const tid = r.caller.tid;
  if (p.principalId.toLowerCase() !== r.caller.oid.toLowerCase()) {
    throw authorizationFailed(
      r.caller,
      'Microsoft.Authorization/roleAssignmentScheduleRequests/write',
      scope,
    );
  }
  const roleGuid = lastSegment(p.roleDefinitionId).toLowerCase();
  if (!r.state.role(roleGuid)) {
    throw badRequest(
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${roleGuid}' does not exist.`,
    );
  }
  const requestType = p.requestType.toLowerCase();
  const activeHere = activeAssignmentsOf(r.state, tid, r.caller.oid, r.now).filter(
    (a) => a.roleGuid === roleGuid && sameScope(a.scope, scope),
  );

  const activated = activeHere.filter((a) => a.assignmentType === 'Activated');
  if (requestType === 'selfdeactivate') {
    if (activated.length === 0) {
      throw badRequest('RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
    }
    if (activated.some((a) => r.now - a.start < MIN_ACTIVE_BEFORE_DEACTIVATION_MS)) {
      // Code and text as PIM clients have recorded them, typo included (docs/wire.md §6.4).
      throw badRequest(
        'ActiveDurationTooShort',
        'The Active duration is too short. Miniumum Required is 5 minutes.',
      );
    }
    return { roleGuid, durationMs: 0 };
  }
  if (requestType === 'selfextend') return validateExtension(r, scope, p, roleGuid, activated);
  if (requestType !== 'selfactivate') {
    throw badRequest(
      'InvalidRequestType',
      `The request type '${p.requestType}' is not supported here; use SelfActivate, SelfDeactivate or SelfExtend.`,
    );
  }

  const linked = p.linked ? lastSegment(p.linked).toLowerCase() : undefined;
  const eligibility = eligibilitiesOf(r.state, tid, r.caller.oid, r.now).find(
    (e) =>
      e.roleGuid === roleGuid &&
      sameScope(e.scope, scope) &&
      (linked === undefined || e.scheduleGuid === linked),
  );
  if (!eligibility) throw policyFailure(['EligibilityRule']);

  const requestedStart = p.startIso ? Date.parse(p.startIso) : Number.NaN;
  // A SelfActivate dated at or after the current activation's end is a follow-on, not a duplicate.
  const followsOn =
    !Number.isNaN(requestedStart) && activeHere.every((a) => a.end !== null && a.end <= requestedStart);
  if (activeHere.length > 0 && !followsOn)
    throw badRequest('RoleAssignmentExists', 'The Role assignment already exists.');
  const pending = [...r.state.requests.values()].some(
    (q) =>
      isPending(q.status) &&
      q.tenantId.toLowerCase() === tid.toLowerCase() &&
      q.principalOid.toLowerCase() === r.caller.oid.toLowerCase() &&
      q.roleGuid === roleGuid &&
      sameScope(q.scope, scope),
  );
  // The real code for a second request while one is pending; PIM clients treat it as "in flight"
  // (https://github.com/demoray/azure-pim-cli src/activate.rs, 400 RoleAssignmentRequestExists).
  if (pending) {
    throw badRequest(
      'RoleAssignmentRequestExists',
      'There is already an existing pending Role assignment request.',
    );
  }

  const policy = effectivePolicy(r.state, scope, roleGuid);
  if (policy.authContext && !(r.caller.acrs ?? []).includes(policy.authContext))
    throw acrsFailure(policy.authContext);

  const checked = checkPolicyRules(r, p, policy);
  return { roleGuid, eligibility, policy, ...checked };
}

/** The rules every self request with a schedule is held to: duration, justification, ticket, MFA. */
function checkPolicyRules(
  r: ArmRequest,
  p: ParsedRequest,
  policy: PolicySettings,
): { durationMs: number; scheduleStart?: number } {
  const failed: string[] = [];
  const scheduleStart = p.startIso ? Date.parse(p.startIso) : undefined;
  const start = scheduleStart !== undefined && !Number.isNaN(scheduleStart) ? scheduleStart : r.now;
  let durationMs: number | undefined;
  const type = (p.expirationType ?? '').toLowerCase();
  if (type === 'afterduration' || (type === '' && p.duration)) {
    durationMs = p.duration ? parseDurationMs(p.duration) : undefined;
  } else if (type === 'afterdatetime' && p.endDateTime) {
    const end = Date.parse(p.endDateTime);
    durationMs = Number.isNaN(end) ? undefined : end - start;
  }
  const max = parseDurationMs(policy.maximumDuration) ?? 8 * 3600_000;
  if (durationMs === undefined || durationMs <= 0 || durationMs > max) failed.push('ExpirationRule');
  if (policy.requireJustification && !p.justification?.trim()) failed.push('JustificationRule');
  if (policy.requireTicket && (!p.ticketNumber?.trim() || !p.ticketSystem?.trim()))
    failed.push('TicketingRule');
  if (policy.requireMfa && !(r.caller.amr ?? []).includes('mfa')) failed.push('MfaRule');
  if (failed.length > 0) throw policyFailure(failed);
  return {
    durationMs: durationMs ?? 0,
    ...(scheduleStart !== undefined && !Number.isNaN(scheduleStart) ? { scheduleStart } : {}),
  };
}

/**
 * SelfExtend of an activation: refused where the emulator is set to refuse it (whether ARM allows
 * it for activations is not documented, so clients must cope with both), else held to the same
 * policy rules as an activation, the new duration counted from now.
 */
function validateExtension(
  r: ArmRequest,
  scope: string,
  p: ParsedRequest,
  roleGuid: string,
  activated: AssignmentRec[],
): Validated {
  if (activated.length === 0) {
    throw badRequest('RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
  }
  if (!r.state.selfExtendAllowed) {
    throw badRequest(
      'InvalidRequestType',
      'SelfExtend is not allowed for an activated role assignment; activate the role again instead.',
    );
  }
  const policy = effectivePolicy(r.state, scope, roleGuid);
  if (policy.authContext && !(r.caller.acrs ?? []).includes(policy.authContext))
    throw acrsFailure(policy.authContext);
  const checked = checkPolicyRules(r, p, policy);
  const eligibility = activated[0]!.linked;
  return { roleGuid, policy, ...checked, ...(eligibility ? { eligibility } : {}) };
}

/** PIM refuses a deactivation in the first five minutes of an activation (docs/wire.md §6.4). */
export const MIN_ACTIVE_BEFORE_DEACTIVATION_MS = 5 * 60_000;

export function requestJson(
  state: ArmState,
  q: ScheduleRequestRec,
  caller: ArmCaller,
  status: RequestStatus = q.status,
): Record<string, unknown> {
  const start = q.provisionStart ?? q.scheduleStart ?? q.createdOn;
  return {
    properties: {
      targetRoleAssignmentScheduleId: q.targetScheduleGuid,
      targetRoleAssignmentScheduleInstanceId: q.instance?.instanceGuid ?? null,
      scope: q.scope,
      roleDefinitionId: roleDefinitionIdFor(q.scope, q.roleGuid),
      principalId: q.principalOid,
      principalType: 'User',
      requestType: q.requestType,
      status,
      approvalId: q.approvalGuid,
      scheduleInfo: {
        startDateTime: new Date(start).toISOString(),
        expiration: { ...q.expiration },
      },
      linkedRoleEligibilityScheduleId: q.linkedRoleEligibilityScheduleId,
      ticketInfo: { ...q.ticketInfo },
      justification: q.justification,
      requestorId: q.requestorOid,
      createdOn: new Date(q.createdOn).toISOString(),
      condition: q.condition,
      conditionVersion: q.conditionVersion,
      expandedProperties: {
        scope: scopeInfo(state, q.scope),
        roleDefinition: roleInfo(state, q.scope, q.roleGuid),
        principal: principalInfo(state, q.principalOid, caller),
      },
    },
    name: q.name,
    id: underScope(q.scope, `/providers/Microsoft.Authorization/RoleAssignmentScheduleRequests/${q.name}`),
    type: 'Microsoft.Authorization/RoleAssignmentScheduleRequests',
  };
}

const REQUEST_TYPES: Record<string, ScheduleRequestRec['requestType']> = {
  selfactivate: 'SelfActivate',
  selfdeactivate: 'SelfDeactivate',
  selfextend: 'SelfExtend',
};

function buildRecord(
  r: ArmRequest,
  scope: string,
  name: string,
  p: ParsedRequest,
  v: Validated,
): ScheduleRequestRec {
  return {
    name,
    tenantId: r.caller.tid,
    scope,
    roleGuid: v.roleGuid,
    principalOid: r.caller.oid,
    requestorOid: r.caller.oid,
    requestType: REQUEST_TYPES[p.requestType.toLowerCase()] ?? 'SelfActivate',
    status: 'Accepted',
    createdOn: r.now,
    durationMs: v.durationMs,
    ...(v.scheduleStart !== undefined ? { scheduleStart: v.scheduleStart } : {}),
    expiration: { type: p.expirationType, duration: p.duration, endDateTime: p.endDateTime },
    justification: p.justification,
    ticketInfo: { ticketNumber: p.ticketNumber, ticketSystem: p.ticketSystem },
    linkedRoleEligibilityScheduleId: p.linked,
    condition: p.condition,
    conditionVersion: p.conditionVersion,
    ...(v.eligibility ? { eligibility: v.eligibility } : {}),
    targetScheduleGuid: stableGuid('schedule-request', name.toLowerCase()),
    approvalGuid: v.policy?.requireApproval ? stableGuid('approval', name.toLowerCase()) : null,
  };
}

function requestName(r: ArmRequest): string {
  const name = r.params.name ?? '';
  if (!isGuid(name)) {
    throw badRequest(
      'InvalidRoleAssignmentScheduleRequestName',
      `The request name '${name}' must be a GUID.`,
    );
  }
  return name;
}

/** `PUT {scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/{guid}` → 201. */
export function putScheduleRequest(r: ArmRequest): ArmResponse {
  let body: unknown = r.rawBody;
  try {
    body = JSON.parse(r.rawBody) as unknown;
  } catch {
    // recorded as the raw text; jsonBody() below turns it into the 400
  }
  const record: ActivationRecord = {
    at: r.now,
    name: r.params.name ?? '',
    scope: normalizeScope(r.params.scope ?? ''),
    tenantId: r.caller.tid,
    callerOid: r.caller.oid,
    body,
    justification: null,
    ticketNumber: null,
    ticketSystem: null,
    duration: null,
    outcome: 'pending',
  };
  r.state.activationLog.push(record);
  try {
    const scope = resolveScope(r, r.params.scope ?? '');
    record.scope = scope;
    const name = requestName(r);
    const p = parseRequest(jsonBody(r));
    Object.assign(record, {
      justification: p.justification,
      ticketNumber: p.ticketNumber,
      ticketSystem: p.ticketSystem,
      duration: p.duration,
    });
    if (r.state.request(name)) {
      throw badRequest(
        'RoleAssignmentRequestExists',
        `The role assignment request '${name}' already exists.`,
      );
    }
    const v = validate(r, scope, p);
    const q = buildRecord(r, scope, name, p, v);
    r.state.requests.set(name.toLowerCase(), q);
    let shown: RequestStatus;
    if (q.requestType === 'SelfDeactivate') {
      for (const a of activeAssignmentsOf(r.state, r.caller.tid, r.caller.oid, r.now)) {
        if (a.assignmentType === 'Activated' && a.roleGuid === q.roleGuid && sameScope(a.scope, scope)) {
          a.end = r.now;
        }
      }
      q.status = 'Revoked';
      shown = 'Revoked';
    } else if (q.requestType === 'SelfExtend' && !v.policy?.requireApproval) {
      extendActivation(r.state, q, r.now);
      shown = 'Provisioned';
    } else if (v.policy?.requireApproval) {
      q.status = 'PendingApproval';
      shown = 'PendingApproval';
    } else {
      scheduleProvisioning(r.state, q, r.now);
      // Provisioning still to come: the immediate answer is Accepted, polls then say PendingProvisioning.
      shown = q.status === 'Provisioned' ? 'Provisioned' : 'Accepted';
    }
    record.outcome = `201 ${shown}`;
    return { status: 201, body: requestJson(r.state, q, r.caller, shown) };
  } catch (e) {
    record.outcome = e instanceof ArmError ? e.code : 'error';
    throw e;
  }
}

/** `POST …/{name}/validate`: the PUT's checks without creating anything. */
export function validateScheduleRequest(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  const name = requestName(r);
  const p = parseRequest(jsonBody(r));
  const v = validate(r, scope, p);
  const q = buildRecord(r, scope, name, p, v);
  const status: RequestStatus = v.policy?.requireApproval ? 'PendingApproval' : 'Provisioned';
  return { status: 200, body: requestJson(r.state, q, r.caller, status) };
}

function findRequest(r: ArmRequest, scope: string): ScheduleRequestRec {
  const name = r.params.name ?? '';
  const q = r.state.request(name);
  if (!q || q.tenantId.toLowerCase() !== r.caller.tid.toLowerCase() || !sameScope(q.scope, scope)) {
    throw notFound(
      'RoleAssignmentScheduleRequestNotFound',
      `The role assignment schedule request '${name}' was not found at scope '${scope}'.`,
    );
  }
  return q;
}

export function getScheduleRequest(r: ArmRequest): ArmResponse {
  const q = findRequest(r, resolveScope(r, r.params.scope ?? ''));
  return { status: 200, body: requestJson(r.state, q, r.caller) };
}

/** `POST …/{name}/cancel` → 200 without a body (CancelRoleAssignmentScheduleRequestByName.json). */
export function cancelScheduleRequest(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  const q = findRequest(r, scope);
  if (q.requestorOid.toLowerCase() !== r.caller.oid.toLowerCase()) {
    throw authorizationFailed(
      r.caller,
      'Microsoft.Authorization/roleAssignmentScheduleRequests/cancel/action',
      scope,
    );
  }
  if (!isPending(q.status)) {
    throw badRequest('InvalidRequestStatus', `The request is '${q.status}' and can no longer be cancelled.`);
  }
  q.status = 'Canceled';
  delete q.provisionAt;
  return { status: 200 };
}

export function listScheduleRequests(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  const filter = parsePimFilter(r.url.searchParams.get('$filter'), r.caller);
  const self = r.caller.oid.toLowerCase();
  const ownOnly = filter.principal?.toLowerCase() === self || filter.requestor?.toLowerCase() === self;
  if (
    !ownOnly &&
    !filter.approver &&
    !hasActiveRoleCovering(r.state, r.caller.tid, r.caller.oid, scope, r.now)
  ) {
    throw authorizationFailed(r.caller, 'Microsoft.Authorization/roleAssignmentScheduleRequests/read', scope);
  }
  const tid = r.caller.tid.toLowerCase();
  const items = filter.approver
    ? []
    : [...r.state.requests.values()]
        .filter(
          (q) =>
            q.tenantId.toLowerCase() === tid &&
            (filter.principal === undefined ||
              q.principalOid.toLowerCase() === filter.principal.toLowerCase()) &&
            (filter.requestor === undefined ||
              q.requestorOid.toLowerCase() === filter.requestor.toLowerCase()) &&
            scopeMatches(filter, scope, q.scope),
        )
        .map((q) => requestJson(r.state, q, r.caller));
  const fingerprint = `requests|${tid}|${self}|${scope.toLowerCase()}`;
  const page = pageOf(items, r.url, r.ctx.baseUrl, r.state.pageSizes.authorization, fingerprint);
  return { status: 200, body: listBody(page) };
}
