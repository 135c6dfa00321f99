import { parseRequest, type Response, type RequestType } from '../../shared/messages/contract';
import type { Runtime } from '../../shared/browser';
import type { WorkerContext } from '../context';
import { toUiError } from '../errors/to-ui-error';
import { handlers } from './handlers';
import { isOwnPage } from './sender';

/**
 * The worker's single entry for page requests: refuses foreign senders and malformed messages, then
 * dispatches to the handler of that request kind. Always answers with `{ok, data | error}`.
 */
export async function route(
  message: unknown,
  sender: Runtime.MessageSender,
  ctx: WorkerContext,
): Promise<Response<RequestType>> {
  if (!isOwnPage(sender, ctx.extensionId, ctx.extensionOrigin))
    return { ok: false, error: { code: 'forbidden' } };
  const request = parseRequest(message);
  if (!request) return { ok: false, error: { code: 'bad_request' } };
  try {
    const handler = handlers[request.type] as (r: typeof request, c: WorkerContext) => Promise<unknown>;
    return { ok: true, data: (await handler(request, ctx)) as never };
  } catch (error) {
    return { ok: false, error: toUiError(error, request.type) };
  }
}
