import { browser } from '../../shared/browser';
import type { FlowState } from '../../shared/messages/contract';

// Flow outcomes live in storage.session: in memory only, gone when the browser closes, and visible to
// the popup when it opens again after the auth window took its focus away.
const KEY = 'flows';

export async function readFlows(): Promise<Record<string, FlowState>> {
  const stored = await browser.storage.session.get(KEY);
  return (stored[KEY] as Record<string, FlowState> | undefined) ?? {};
}

export async function writeFlow(flow: FlowState): Promise<void> {
  const flows = await readFlows();
  flows[flow.connectionId] = flow;
  await browser.storage.session.set({ [KEY]: flows });
}

export async function clearFlow(connectionId: string): Promise<void> {
  const flows = await readFlows();
  delete flows[connectionId];
  await browser.storage.session.set({ [KEY]: flows });
}

export const FLOWS_STORAGE_KEY = KEY;
