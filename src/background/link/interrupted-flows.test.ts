import { describe, expect, it } from 'vitest';
import type { FlowState } from '../../shared/messages/contract';
import { failInterruptedFlows } from './interrupted-flows';

describe('sign-in flows a stopped worker left running', () => {
  it('are closed as interrupted; finished ones are kept as they were', () => {
    const flows: Record<string, FlowState> = {
      contoso: { connectionId: 'contoso', status: 'running', startedAt: 10 },
      fabrikam: { connectionId: 'fabrikam', status: 'succeeded', startedAt: 5, finishedAt: 6, username: 'a' },
      northwind: { connectionId: 'northwind', status: 'failed', startedAt: 5, error: { code: 'cancelled' } },
    };
    const before = structuredClone(flows);
    failInterruptedFlows(flows, 99);
    expect(flows.contoso).toEqual({
      connectionId: 'contoso',
      status: 'failed',
      startedAt: 10,
      finishedAt: 99,
      error: { code: 'interrupted' },
    });
    expect(flows.fabrikam).toEqual(before.fabrikam);
    expect(flows.northwind).toEqual(before.northwind);
  });
});
