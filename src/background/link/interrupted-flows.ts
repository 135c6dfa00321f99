import type { FlowState } from '../../shared/messages/contract';

/**
 * At a worker's start, a sign-in still `running` belonged to a worker that was stopped (Chromium
 * stops idle workers, even between the auth window's redirect and the token answer): nothing of it
 * was stored, since a link and its refresh token are written together at the very end, so it is
 * closed as interrupted and Link is offered again. Changes `flows` in place.
 */
export function failInterruptedFlows(flows: Record<string, FlowState>, now: number): void {
  for (const [id, flow] of Object.entries(flows)) {
    if (flow.status !== 'running') continue;
    flows[id] = {
      connectionId: flow.connectionId,
      status: 'failed',
      startedAt: flow.startedAt,
      finishedAt: now,
      error: { code: 'interrupted' },
    };
  }
}
