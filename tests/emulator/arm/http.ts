import type { IncomingMessage, ServerResponse } from 'node:http';

/** Cap on request bodies: every ARM body this emulator accepts is a few kilobytes. */
const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, headers: Record<string, string>, out: ArmResponse): void {
  const all = { ...headers, ...out.headers };
  if (out.body === undefined) {
    res.writeHead(out.status, { ...all, 'Content-Length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(out.body);
  res.writeHead(out.status, {
    ...all,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
