import type { RequestType } from '../../shared/messages/contract';
import { connectionsHandlers } from '../connections/handlers';
import { federateHandlers } from '../federate/handlers';
import { lifecycleHandlers } from '../federate/lifecycle-handlers';
import type { HandlerMap } from '../handler';
import { linkHandlers } from '../link/handlers';
import { refreshHandlers } from '../refresh/handlers';

/** The handler table: every request kind of the contract, each answered by its feature. */
export const handlers: HandlerMap<RequestType> = {
  ...linkHandlers,
  ...connectionsHandlers,
  ...refreshHandlers,
  ...federateHandlers,
  ...lifecycleHandlers,
};
