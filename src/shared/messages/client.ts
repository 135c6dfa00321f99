import { browser } from '../browser';
import type { RequestOf, RequestType, Response, ResponseMap, UiError } from './contract';

export class RequestFailed extends Error {
  constructor(readonly error: UiError) {
    super(error.code);
  }
}

/** Sends one typed request to the service worker; rejects with RequestFailed on a worker-side error. */
export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseMap[T]> {
  let response: Response<T> | undefined;
  try {
    response = (await browser.runtime.sendMessage(request)) as Response<T> | undefined;
  } catch {
    throw new RequestFailed({ code: 'worker_unavailable' });
  }
  if (!response) throw new RequestFailed({ code: 'worker_unavailable' });
  if (!response.ok) throw new RequestFailed(response.error);
  return response.data;
}
