import type { ArmCaller, ArmContext } from './context';
import { badRequest } from './errors';
import type { ArmState } from './state';

/** Everything a route handler needs about one authenticated ARM call. */
export interface ArmRequest {
  method: string;
  url: URL;
  caller: ArmCaller;
  now: number;
  ctx: ArmContext;
  state: ArmState;
  authorityBase: string;
  rawBody: string;
  /** The `x-ms-correlation-request-id` this response carries (ARG quotes it in error messages). */
  correlationId: string;
  params: Record<string, string>;
}

/** Parses the JSON body; ARM answers malformed JSON with 400 `InvalidRequestContent`. */
export function jsonBody(r: ArmRequest): unknown {
  if (r.rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(r.rawBody) as unknown;
  } catch {
    throw badRequest(
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.',
    );
  }
}
