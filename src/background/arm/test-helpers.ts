// Shared by the ARM and federate tests only; nothing in the extension imports it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FetchLike, Sleep } from './types';

const SPECS = path.resolve(process.cwd(), 'tests/fixtures/azure-rest-api-specs/specification');
export const AUTHZ_EXAMPLES =
  'authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/examples';

/** `responses[status].body` of an official example from azure-rest-api-specs. */
export function exampleBody(relativePath: string, status = '200'): unknown {
  const example = JSON.parse(readFileSync(path.join(SPECS, relativePath), 'utf8')) as {
    responses: Record<string, { body?: unknown }>;
  };
  const response = example.responses[status];
  if (!response) throw new Error(`no ${status} response in ${relativePath}`);
  return response.body;
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export const armErrorResponse = (status: number, code: string, message: string, headers = {}): Response =>
  jsonResponse({ error: { code, message } }, status, headers);

export interface RecordedCall {
  url: URL;
  method: string;
  body: unknown;
  headers: Headers;
}

/** A fetch that answers from `handler` and records every request. */
export function recordingFetch(handler: (call: RecordedCall) => Response | Promise<Response>) {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: RecordedCall = {
      url: new URL(url),
      method: init.method ?? 'GET',
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: new Headers(init.headers),
    };
    calls.push(call);
    return handler(call);
  };
  return { fetch, calls };
}

/**
 * Virtual time: `sleep` parks a promise until `run` advances the clock to it. Concurrent sleepers
 * share one timeline, as real timers do.
 */
export class FakeClock {
  t = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  readonly sleeps: number[] = [];

  now = (): number => this.t;

  sleep: Sleep = (ms) => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), resolve }));
  };

  /** Runs `work` to completion, jumping the clock from timer to timer whenever everything waits. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => undefined);
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return done;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) {
        await new Promise((r) => setImmediate(r));
        if (settled) return done;
        throw new Error('deadlock: nothing is scheduled and the work has not finished');
      }
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

/** The largest number of times within any window of `windowMs`. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
