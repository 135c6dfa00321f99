import type { AdminRequestType } from '../../shared/messages/contract';
import type { HandlerMap } from './handlers';

export const adminHandlers: HandlerMap<AdminRequestType> = {
  'config.export': async (_request, ctx) => ({ json: JSON.stringify(await ctx.readOptions(), null, 2) }),
};
