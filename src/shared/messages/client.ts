import { browser } from '../browser';
import type { RequestOf, RequestType, Response, ResponseMap, UiError } from './contract';
import { deadlineFor } from './deadlines';

export class RequestFailed extends Error {
  constructor(readonly error: UiError) {
    super(error.code);
  }
}

/**
 * What a page shows for a failed request: the worker's answer in words, or `unexpected` for anything
 * else (a bug in the page).
 */
export function failureOf(error: unknown): UiError {
  return error instanceof RequestFailed ? error.error : { code: 'unexpected' };
}

export type Transport = (message: unknown) => Promise<unknown>;

const runtimeTransport: Transport = (message) => browser.runtime.sendMessage(message);

/**
 * Sends one typed request to the service worker; rejects with RequestFailed on a worker-side
 * error, or with `fault_timeout` when the worker has not answered within the request's deadline.
 */
export async function send<T extends RequestType>(
  request: RequestOf<T>,
  transport: Transport = runtimeTransport,
  deadlineMs: number = deadlineFor(request.type),
): Promise<ResponseMap[T]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  let response: Response<T> | undefined;
  try {
    const answer = await Promise.race([transport(request), timeout]);
    if (answer === 'timeout') throw new RequestFailed({ code: 'fault_timeout' });
    response = answer as Response<T> | undefined;
  } catch (error) {
    if (error instanceof RequestFailed) throw error;
    throw new RequestFailed({ code: 'worker_unavailable' });
  } finally {
    clearTimeout(timer);
  }
  if (!response) throw new RequestFailed({ code: 'worker_unavailable' });
  if (!response.ok) throw new RequestFailed(response.error);
  return response.data;
}
