import { authorizationFailed, badRequest, notFound } from './errors';
import { resolveScope, roleInfo, scopeInfo } from './expanded';
import type { ArmResponse } from './http';
import { lastSegment, stableGuid } from './ids';
import { listBody, pageOf } from './paging';
import { hasActiveRoleCovering } from './rbac';
import type { ArmRequest } from './request';
import { isAtOrBelow, roleDefinitionIdFor, underScope } from './scope';
import { DEFAULT_POLICY, type PolicySettings } from './seed';
import type { ArmState } from './state';

/**
 * The policy that governs activating `roleGuid` at `scope`: a seed policy at that scope, else the
 * nearest one above it (so one subscription policy covers its resource groups), else the default.
 */
export function effectivePolicy(state: ArmState, scope: string, roleGuid: string): PolicySettings {
  let best: { settings: PolicySettings; depth: number } | undefined;
  for (const p of state.seed.policies) {
    if (p.roleDefinitionGuid.toLowerCase() !== roleGuid.toLowerCase()) continue;
    if (!isAtOrBelow(scope, p.scope)) continue;
    const depth = p.scope === '/' ? 0 : p.scope.split('/').length;
    if (!best || depth > best.depth) best = { settings: p, depth };
  }
  return best?.settings ?? state.seed.defaultPolicy ?? DEFAULT_POLICY;
}

function target(caller: 'Admin' | 'EndUser', level: 'Assignment' | 'Eligibility'): Record<string, unknown> {
  return {
    caller,
    operations: ['All'],
    level,
    targetObjects: null,
    inheritableSettings: null,
    enforcedSettings: null,
  };
}

function notification(
  recipientType: 'Admin' | 'Requestor' | 'Approver',
  caller: 'Admin' | 'EndUser',
  level: 'Assignment' | 'Eligibility',
): Record<string, unknown> {
  return {
    notificationType: 'Email',
    recipientType,
    isDefaultRecipientsEnabled: true,
    notificationLevel: 'All',
    notificationRecipients: null,
    id: `Notification_${recipientType}_${caller}_${level}`,
    ruleType: 'RoleManagementPolicyNotificationRule',
    target: target(caller, level),
  };
}

/** The full rule set, shaped like `GetRoleManagementPolicyAssignmentByScope.json`. */
export function effectiveRules(settings: PolicySettings, approverGroup: string): Record<string, unknown>[] {
  const enabled: string[] = [];
  if (settings.requireMfa) enabled.push('MultiFactorAuthentication');
  if (settings.requireJustification) enabled.push('Justification');
  if (settings.requireTicket) enabled.push('Ticketing');
  return [
    {
      enabledRules: [],
      id: 'Enablement_Admin_Eligibility',
      ruleType: 'RoleManagementPolicyEnablementRule',
      target: target('Admin', 'Eligibility'),
    },
    {
      isExpirationRequired: false,
      maximumDuration: 'P365D',
      id: 'Expiration_Admin_Eligibility',
      ruleType: 'RoleManagementPolicyExpirationRule',
      target: target('Admin', 'Eligibility'),
    },
    notification('Admin', 'Admin', 'Eligibility'),
    notification('Requestor', 'Admin', 'Eligibility'),
    notification('Approver', 'Admin', 'Eligibility'),
    {
      enabledRules: ['Justification'],
      id: 'Enablement_Admin_Assignment',
      ruleType: 'RoleManagementPolicyEnablementRule',
      target: target('Admin', 'Assignment'),
    },
    {
      isExpirationRequired: false,
      maximumDuration: 'P180D',
      id: 'Expiration_Admin_Assignment',
      ruleType: 'RoleManagementPolicyExpirationRule',
      target: target('Admin', 'Assignment'),
    },
    notification('Admin', 'Admin', 'Assignment'),
    notification('Requestor', 'Admin', 'Assignment'),
    notification('Approver', 'Admin', 'Assignment'),
    {
      setting: {
        isApprovalRequired: settings.requireApproval,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: settings.requireApproval ? 'SingleStage' : 'NoApproval',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            primaryApprovers: settings.requireApproval
              ? [{ id: approverGroup, description: 'PIM Approvers', isBackup: false, userType: 'Group' }]
              : [],
            isEscalationEnabled: false,
            escalationApprovers: null,
          },
        ],
      },
      id: 'Approval_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyApprovalRule',
      target: target('EndUser', 'Assignment'),
    },
    {
      isEnabled: settings.authContext !== undefined && settings.authContext !== '',
      claimValue: settings.authContext ?? '',
      id: 'AuthenticationContext_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyAuthenticationContextRule',
      target: target('EndUser', 'Assignment'),
    },
    {
      enabledRules: enabled,
      id: 'Enablement_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyEnablementRule',
      target: target('EndUser', 'Assignment'),
    },
    {
      isExpirationRequired: true,
      maximumDuration: settings.maximumDuration,
      id: 'Expiration_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyExpirationRule',
      target: target('EndUser', 'Assignment'),
    },
    notification('Admin', 'EndUser', 'Assignment'),
    notification('Requestor', 'EndUser', 'Assignment'),
    notification('Approver', 'EndUser', 'Assignment'),
  ];
}

function policyAssignmentJson(state: ArmState, scope: string, roleGuid: string): Record<string, unknown> {
  const policyGuid = stableGuid('policy', scope.toLowerCase(), roleGuid.toLowerCase());
  const policyId = underScope(
    scope,
    `/providers/Microsoft.Authorization/roleManagementPolicies/${policyGuid}`,
  );
  const name = `${policyGuid}_${roleGuid}`;
  const settings = effectivePolicy(state, scope, roleGuid);
  return {
    properties: {
      scope,
      roleDefinitionId: roleDefinitionIdFor(scope, roleGuid),
      policyId,
      effectiveRules: effectiveRules(settings, stableGuid('approvers', scope.toLowerCase())),
      policyAssignmentProperties: {
        scope: scopeInfo(state, scope),
        roleDefinition: roleInfo(state, scope, roleGuid),
        policy: {
          id: policyId,
          lastModifiedBy: { id: null, displayName: 'Admin', type: null, email: null },
          lastModifiedDateTime: null,
        },
      },
    },
    name,
    // The spec example spells this id segment in the singular; kept as-is.
    id: underScope(scope, `/providers/Microsoft.Authorization/roleManagementPolicyAssignment/${name}`),
    type: 'Microsoft.Authorization/RoleManagementPolicyAssignment',
  };
}

/**
 * `roleDefinitionId eq '…'` is what clients send in the wild (docs/wire.md: unconfirmed as a contract);
 * the role is matched on its trailing GUID so any id form works.
 */
function roleFilter(filter: string | null): string | undefined {
  if (filter === null || filter.trim() === '') return undefined;
  const m = /^\s*roleDefinitionId\s+eq\s+'([^']+)'\s*$/i.exec(filter);
  if (!m?.[1]) throw badRequest('InvalidFilter', `The filter '${filter}' is not supported.`);
  return lastSegment(m[1]).toLowerCase();
}

/**
 * Reading a policy needs `Microsoft.Authorization/roleManagementPolicies/read` covering the scope
 * (Reader and above); an eligible role grants nothing until activated, so an eligible-only
 * user is refused (issue #11; operation list:
 * https://learn.microsoft.com/azure/role-based-access-control/permissions/identity).
 */
function assertCanReadPolicy(r: ArmRequest, scope: string): void {
  if (!r.state.policyReadNeedsActiveRole) return;
  if (hasActiveRoleCovering(r.state, r.caller.tid, r.caller.oid, scope, r.now, r.caller.iat)) return;
  throw authorizationFailed(r.caller, 'Microsoft.Authorization/roleManagementPolicyAssignments/read', scope);
}

export function listPolicyAssignments(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  assertCanReadPolicy(r, scope);
  const role = roleFilter(r.url.searchParams.get('$filter'));
  const roles = r.state.seed.roleDefinitions.filter((d) => role === undefined || d.id.toLowerCase() === role);
  const items = roles.map((d) => policyAssignmentJson(r.state, scope, d.id));
  const fingerprint = `policies|${scope.toLowerCase()}|${role ?? ''}`;
  const page = pageOf(items, r.url, r.ctx.baseUrl, r.state.pageSizes.authorization, fingerprint);
  return { status: 200, body: listBody(page) };
}

export function getPolicyAssignment(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  assertCanReadPolicy(r, scope);
  const name = r.params.name ?? '';
  const roleGuid = name.split('_')[1] ?? '';
  const role = r.state.role(roleGuid);
  const item = role ? policyAssignmentJson(r.state, scope, role.id) : undefined;
  if (!item || String(item.name).toLowerCase() !== name.toLowerCase()) {
    throw notFound(
      'RoleManagementPolicyAssignmentNotFound',
      `The role management policy assignment '${name}' was not found.`,
    );
  }
  return { status: 200, body: item };
}
