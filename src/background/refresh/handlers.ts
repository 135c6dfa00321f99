import type { HandlerMap } from '../handler';
import { refreshCatalog } from './refresh-catalog';

export const refreshHandlers: HandlerMap<'catalog.refresh'> = {
  'catalog.refresh': async (_request, ctx) => refreshCatalog(ctx.catalogDeps),
};
