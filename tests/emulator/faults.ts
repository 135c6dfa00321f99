import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendHtml, sendJson } from './http';

/**
 * What an injected fault does to the one request it catches. `status` answers an error body;
 * the others are the ways real networks and services fail without a clean error:
 * - `drop`: headers and half a body, then the connection is reset (a train going into a tunnel);
 * - `hang`: headers and half a body, then nothing, ever (a stalled proxy); only a client deadline ends it;
 * - `malformed`: a 200 whose JSON is cut short;
 * - `html`: an HTML error page where JSON was expected (a gateway or captive portal);
 * - `refuse`: the connection is reset before any byte (what a client sees when offline or refused);
 * - `slow`: the real answer, after `delayMs`.
 */
export type FaultKind = 'status' | 'drop' | 'hang' | 'malformed' | 'html' | 'refuse' | 'slow';

export const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'drop',
  'hang',
  'malformed',
  'html',
  'refuse',
  'slow',
];

const CORS = { 'Access-Control-Allow-Origin': '*' };

/** Half of a plausible JSON body: enough bytes that the client has started reading. */
const HALF_JSON = '{"value":[{"id":"/subscriptions/';

const GATEWAY_PAGE = (status: number) =>
  `<!DOCTYPE html><html><head><title>${status} Bad Gateway</title></head>` +
  `<body><h1>${status} Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>`;

export interface FaultAction {
  kind: FaultKind;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Writes the fault to the response. Returns `'pass'` for `slow` (the caller waits, then serves
 * the real route), `'done'` otherwise.
 */
export function writeFault(
  action: FaultAction,
  req: IncomingMessage,
  res: ServerResponse,
  defaultBody: () => unknown,
): 'done' | 'pass' {
  const headers = { ...CORS, ...action.headers };
  switch (action.kind) {
    case 'slow':
      return 'pass';
    case 'refuse':
      req.socket.destroy();
      return 'done';
    case 'drop':
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.write(HALF_JSON);
      // Let the first bytes leave before the reset, so the client fails mid-body, not before it.
      setTimeout(() => res.destroy(), 20);
      return 'done';
    case 'hang':
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.write(HALF_JSON);
      return 'done';
    case 'malformed': {
      const text = HALF_JSON;
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
      return 'done';
    }
    case 'html':
      sendHtml(res, action.status, GATEWAY_PAGE(action.status), headers);
      return 'done';
    case 'status': {
      const body = action.body ?? defaultBody();
      if (typeof body === 'string') {
        res.writeHead(action.status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
        res.end(body);
      } else {
        sendJson(res, action.status, body, headers);
      }
      return 'done';
    }
  }
}
