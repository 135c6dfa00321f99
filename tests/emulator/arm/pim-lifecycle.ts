import { stableGuid } from './ids';
import type { ArmState, AssignmentRec, ScheduleRequestRec } from './state';

/**
 * Moves requests whose provisioning time has come to `Provisioned` and materialises their active
 * assignment. Run on every request and control call, so time only moves with the emulator clock.
 */
export function advance(state: ArmState, now: number): void {
  for (const req of state.requests.values()) {
    if (req.status === 'PendingProvisioning' && req.provisionAt !== undefined && req.provisionAt <= now) {
      provision(state, req);
    }
  }
}

function provision(state: ArmState, req: ScheduleRequestRec): void {
  const start = req.provisionStart ?? req.createdOn;
  const rec: AssignmentRec = {
    tenantId: req.tenantId,
    principalOid: req.principalOid,
    scope: req.scope,
    roleGuid: req.roleGuid,
    memberType: req.eligibility?.memberType ?? 'Direct',
    ...(req.eligibility?.group ? { group: req.eligibility.group } : {}),
    assignmentType: 'Activated',
    start,
    startIso: new Date(start).toISOString(),
    end: start + req.durationMs,
    scheduleGuid: req.targetScheduleGuid,
    instanceGuid: stableGuid('activation', req.name.toLowerCase()),
    ...(req.eligibility ? { linked: req.eligibility } : {}),
    requestName: req.name,
  };
  state.assignments.push(rec);
  req.instance = rec;
  req.status = 'Provisioned';
}

/** Approval (or a request without approval) schedules provisioning `activationDelayMs` later. */
export function scheduleProvisioning(state: ArmState, req: ScheduleRequestRec, now: number): void {
  if (req.requestType === 'SelfExtend') {
    extendActivation(state, req, now);
    return;
  }
  req.status = 'PendingProvisioning';
  req.provisionStart = req.scheduleStart ?? now;
  req.provisionAt = now + state.activationDelayMs;
  advance(state, now);
}

/**
 * SelfExtend (no approval, or approved): the caller's activation of the role at the scope now ends
 * the new duration after the request's start (now unless it named one).
 */
export function extendActivation(state: ArmState, req: ScheduleRequestRec, now: number): void {
  const start = req.scheduleStart ?? now;
  for (const a of state.assignments) {
    if (
      a.assignmentType === 'Activated' &&
      a.tenantId.toLowerCase() === req.tenantId.toLowerCase() &&
      a.principalOid.toLowerCase() === req.principalOid.toLowerCase() &&
      a.roleGuid === req.roleGuid &&
      a.scope.toLowerCase() === req.scope.toLowerCase() &&
      a.start <= now &&
      (a.end === null || a.end > now)
    ) {
      a.end = start + req.durationMs;
      req.instance = a;
    }
  }
  req.status = 'Provisioned';
}
