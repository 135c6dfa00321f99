import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from './http';
import { writeFault } from './faults';
import type { EmulatorState, ListenerName, RequestRecord } from './state';
import { errorJson, Errors } from './entra/errors';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const isControl = (name: ListenerName, path: string) => name === 'login' && path.startsWith('/__emulator/');

/**
 * Answers with an injected fault if one matches. Returns `'done'` when the fault answered, a
 * delay in ms for a `slow` fault (the real route answers after it), or undefined for no fault.
 */
function injectFault(
  state: EmulatorState,
  name: ListenerName,
  url: string,
  req: IncomingMessage,
  res: ServerResponse,
): 'done' | number | undefined {
  const i = state.faults.findIndex((f) => f.listener === name && url.includes(f.path));
  const fault = state.faults[i];
  if (!fault) return undefined;
  fault.count -= 1;
  if (fault.count <= 0) state.faults.splice(i, 1);
  const defaultBody = () =>
    name === 'login'
      ? errorJson(Errors.temporarilyUnavailable(), {
          now: state.clock.now(),
          loginUrl: state.urls.loginUrl,
        })
      : {
          error: {
            code: fault.status === 429 ? 'TooManyRequests' : 'InjectedFault',
            message: `Fault injected by the emulator (HTTP ${fault.status}).`,
          },
        };
  const action = { kind: fault.kind ?? 'status', status: fault.status } as const;
  const outcome = writeFault(
    {
      ...action,
      ...(fault.headers ? { headers: fault.headers } : {}),
      ...(fault.body !== undefined ? { body: fault.body } : {}),
    },
    req,
    res,
    defaultBody,
  );
  return outcome === 'pass' ? (fault.delayMs ?? 0) : 'done';
}

/** One HTTP listener ("host"): request log, latency, fault injection, then the host's routes. */
export function createListener(
  state: EmulatorState,
  name: ListenerName,
  handler: Handler,
  log: boolean,
): Server {
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const started = Date.now();
    const control = isControl(name, path);
    // Control calls are not traffic of the system under test: they stay out of the request log.
    if (!control) {
      const record: RequestRecord = {
        listener: name,
        method: req.method ?? 'GET',
        path,
        url,
        time: state.clock.now(),
        ...(req.headers.origin !== undefined ? { origin: req.headers.origin } : {}),
      };
      state.requests.push(record);
      res.on('finish', () => {
        record.status = res.statusCode;
        if (log)
          console.error(`[${name}] ${record.method} ${url} ${res.statusCode} ${Date.now() - started}ms`);
      });
    }
    const run = async () => {
      const delay = control ? 0 : state.latency[name];
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const fault = control ? undefined : injectFault(state, name, url, req, res);
      if (fault === 'done') return;
      if (typeof fault === 'number' && fault > 0) await new Promise((r) => setTimeout(r, fault));
      await handler(req, res);
    };
    run().catch((err: unknown) => {
      console.error(`[${name}] ${req.method} ${url} failed:`, err);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(err) });
      else res.destroy();
    });
  });
}

export function listen(server: Server, port = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const { port: actual } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${actual}`);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive sockets from browsers would otherwise hold close() open.
    server.closeAllConnections();
  });
}
