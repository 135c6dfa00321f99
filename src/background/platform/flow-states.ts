import type { FlowState } from '../../shared/messages/contract';
import { SESSION_KEYS } from '../../shared/messages/session-keys';
import { sessionMap } from './session-map';

// The outcome of the last sign-in flow per connection (see sessionMap for why storage.session).
const flows = sessionMap<FlowState>(SESSION_KEYS.flows);

export const readFlows = flows.read;
export const writeFlow = (flow: FlowState) => flows.put(flow.connectionId, flow);
export const clearFlow = flows.remove;
/** Changes every flow in one write (at start-up: what a stopped worker left running). */
export const updateFlows = flows.updateAll;
