import type { ArmCaller } from './context';
import { ArmError } from './errors';
import { principalInfo, resolveScope, roleInfo, scopeInfo } from './expanded';
import type { ArmResponse } from './http';
import { listBody, pageOf } from './paging';
import { parsePimFilter, scopeMatches } from './pim-filter';
import { hasActiveRoleCovering, isLive } from './rbac';
import type { ArmRequest } from './request';
import { roleDefinitionIdFor, underScope } from './scope';
import type { ArmState, AssignmentRec, EligibilityRec } from './state';

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

function principalFields(
  state: ArmState,
  rec: { principalOid: string; group?: { id: string; displayName: string } },
  caller: ArmCaller,
) {
  const principal = principalInfo(state, rec.principalOid, caller, rec.group);
  return { principalId: principal.id, principalType: principal.type, principal };
}

export function eligibilityInstanceJson(
  state: ArmState,
  e: EligibilityRec,
  caller: ArmCaller,
): Record<string, unknown> {
  const p = principalFields(state, e, caller);
  return {
    properties: {
      scope: e.scope,
      roleDefinitionId: roleDefinitionIdFor(e.scope, e.roleGuid),
      principalId: p.principalId,
      principalType: p.principalType,
      status: 'Provisioned',
      roleEligibilityScheduleId: underScope(
        e.scope,
        `/providers/Microsoft.Authorization/RoleEligibilitySchedules/${e.scheduleGuid}`,
      ),
      startDateTime: e.startIso,
      endDateTime: iso(e.end),
      memberType: e.memberType,
      createdOn: e.startIso,
      condition: null,
      conditionVersion: null,
      expandedProperties: {
        scope: scopeInfo(state, e.scope),
        roleDefinition: roleInfo(state, e.scope, e.roleGuid),
        principal: p.principal,
      },
    },
    name: e.instanceGuid,
    id: underScope(
      e.scope,
      `/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/${e.instanceGuid}`,
    ),
    type: 'Microsoft.Authorization/RoleEligibilityScheduleInstances',
  };
}

export function assignmentInstanceJson(
  state: ArmState,
  a: AssignmentRec,
  caller: ArmCaller,
): Record<string, unknown> {
  const p = principalFields(state, a, caller);
  return {
    properties: {
      originRoleAssignmentId: underScope(
        a.scope,
        `/providers/Microsoft.Authorization/roleAssignments/${a.instanceGuid}`,
      ),
      // Bare GUIDs, as in GetRoleAssignmentScheduleInstancesByScope.json; compare on the trailing GUID.
      linkedRoleEligibilityScheduleId: a.linked?.scheduleGuid ?? null,
      linkedRoleEligibilityScheduleInstanceId: a.linked?.instanceGuid ?? null,
      assignmentType: a.assignmentType,
      scope: a.scope,
      roleDefinitionId: roleDefinitionIdFor(a.scope, a.roleGuid),
      principalId: p.principalId,
      principalType: p.principalType,
      status: 'Provisioned',
      roleAssignmentScheduleId: underScope(
        a.scope,
        `/providers/Microsoft.Authorization/RoleAssignmentSchedules/${a.scheduleGuid}`,
      ),
      startDateTime: a.startIso,
      endDateTime: iso(a.end),
      memberType: a.memberType,
      createdOn: a.startIso,
      condition: null,
      conditionVersion: null,
      expandedProperties: {
        scope: scopeInfo(state, a.scope),
        roleDefinition: roleInfo(state, a.scope, a.roleGuid),
        principal: p.principal,
      },
    },
    name: a.instanceGuid,
    id: underScope(
      a.scope,
      `/providers/Microsoft.Authorization/RoleAssignmentScheduleInstances/${a.instanceGuid}`,
    ),
    type: 'Microsoft.Authorization/RoleAssignmentScheduleInstances',
  };
}

function listInstances<T extends EligibilityRec | AssignmentRec>(
  r: ArmRequest,
  records: T[],
  kind: string,
  toJson: (state: ArmState, rec: T, caller: ArmCaller) => Record<string, unknown>,
): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  const filter = parsePimFilter(r.url.searchParams.get('$filter'), r.caller);
  // Reading other principals' schedules needs read access to the scope itself.
  if (filter.principal?.toLowerCase() !== r.caller.oid.toLowerCase()) {
    // Not AuthorizationFailed: PIM's lists answer InsufficientPermissions (issue #11 review; no
    // published example of this body was found, so the message is ours).
    if (!hasActiveRoleCovering(r.state, r.caller.tid, r.caller.oid, scope, r.now, r.caller.iat)) {
      throw new ArmError(
        403,
        'InsufficientPermissions',
        `The user does not have permission to read ${kind} at scope '${scope}'. Filter the list with asTarget() to read your own.`,
      );
    }
  }
  const tid = r.caller.tid.toLowerCase();
  const items = records
    .filter(
      (x) =>
        x.tenantId.toLowerCase() === tid &&
        isLive(x, r.now) &&
        (filter.principal === undefined || x.principalOid.toLowerCase() === filter.principal.toLowerCase()) &&
        scopeMatches(filter, scope, x.scope),
    )
    .map((x) => toJson(r.state, x, r.caller));
  const fingerprint = `${kind}|${tid}|${r.caller.oid.toLowerCase()}|${scope.toLowerCase()}`;
  const page = pageOf(items, r.url, r.ctx.baseUrl, r.state.pageSizes.scheduleInstances, fingerprint);
  return { status: 200, body: listBody(page) };
}

export function listEligibilityInstances(r: ArmRequest): ArmResponse {
  return listInstances(r, r.state.eligibilities, 'roleEligibilityScheduleInstances', eligibilityInstanceJson);
}

export function listAssignmentInstances(r: ArmRequest): ArmResponse {
  return listInstances(r, r.state.assignments, 'roleAssignmentScheduleInstances', assignmentInstanceJson);
}
