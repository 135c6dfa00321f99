import type { RequestOf, RequestType, ResponseMap } from '../shared/messages/contract';
import type { WorkerContext } from './context';

/** What a feature registers for one request kind of the message contract. */
export type Handler<T extends RequestType> = (
  request: RequestOf<T>,
  ctx: WorkerContext,
) => Promise<ResponseMap[T]>;

/** A feature's handlers, one per request kind it answers; messages/ joins them into the table. */
export type HandlerMap<K extends RequestType> = { [T in K]: Handler<T> };
