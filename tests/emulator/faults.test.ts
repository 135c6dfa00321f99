import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, TENANTS, type Emulator } from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

const DISCOVERY = '/v2.0/.well-known/openid-configuration';
const discoveryUrl = () => `${emu.loginUrl}/${TENANTS.contoso}${DISCOVERY}`;

const control = (name: string, body: unknown) =>
  fetch(`${emu.loginUrl}/__emulator/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Reads a response to its end, saying how it ended rather than throwing. */
async function outcome(url: string, timeoutMs = 2_000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return { status: res.status, text, contentType: res.headers.get('content-type') ?? '', res };
  } catch (e) {
    return { error: e instanceof Error ? e.name : String(e) };
  }
}

describe('emulator faults, in process', () => {
  it.each([500, 502, 503])('answers %i with and without Retry-After, then recovers', async (status) => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, status, headers: { 'Retry-After': '3' } });
    emu.control.failNext({ listener: 'login', path: DISCOVERY, status });
    const first = await outcome(discoveryUrl());
    expect(first).toMatchObject({ status });
    expect(first.res?.headers.get('retry-after')).toBe('3');
    const second = await outcome(discoveryUrl());
    expect(second).toMatchObject({ status });
    expect(second.res?.headers.get('retry-after')).toBeNull();
    expect(await outcome(discoveryUrl())).toMatchObject({ status: 200 });
  });

  it('drops the connection mid-response: the body read fails', async () => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'drop' });
    const r = await outcome(discoveryUrl());
    expect(r.error).toBe('TypeError');
    expect(await outcome(discoveryUrl())).toMatchObject({ status: 200 });
  });

  it('never ends a response: only the client deadline stops it', async () => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'hang' });
    const r = await outcome(discoveryUrl(), 300);
    expect(r.error).toBe('TimeoutError');
    expect(await outcome(discoveryUrl())).toMatchObject({ status: 200 });
  });

  it('answers malformed JSON with a 200', async () => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'malformed' });
    const r = await outcome(discoveryUrl());
    expect(r).toMatchObject({ status: 200 });
    expect(r.contentType).toContain('application/json');
    expect(() => JSON.parse(r.text ?? '') as unknown).toThrow(SyntaxError);
  });

  it('answers an HTML error page where JSON is expected', async () => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'html', status: 502 });
    const r = await outcome(discoveryUrl());
    expect(r).toMatchObject({ status: 502 });
    expect(r.contentType).toContain('text/html');
    expect(r.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses the connection before any byte, as when offline', async () => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'refuse', count: 2 });
    expect((await outcome(discoveryUrl())).error).toBe('TypeError');
    expect((await outcome(discoveryUrl())).error).toBe('TypeError');
    expect(await outcome(discoveryUrl())).toMatchObject({ status: 200 });
  });

  it('answers slowly but correctly', async () => {
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'slow', delayMs: 400 });
    // A deadline shorter than the delay fails; the answer itself is the real one.
    expect((await outcome(discoveryUrl(), 100)).error).toBe('TimeoutError');
    emu.control.failNext({ listener: 'login', path: DISCOVERY, kind: 'slow', delayMs: 50 });
    const r = await outcome(discoveryUrl());
    expect(r).toMatchObject({ status: 200 });
    expect(JSON.parse(r.text ?? '{}')).toHaveProperty('token_endpoint');
  });

  it('only catches its own route and listener', async () => {
    emu.control.failNext({ listener: 'arm', path: DISCOVERY, kind: 'refuse' });
    expect(await outcome(discoveryUrl())).toMatchObject({ status: 200 });
    emu.control.clearFaults();
  });
});

describe('emulator faults over HTTP control', () => {
  it.each(['drop', 'hang', 'malformed', 'html', 'refuse', 'slow'])('arms %s', async (kind) => {
    const res = await control('failNext', { listener: 'arm', path: '/subscriptions', kind, delayMs: 1 });
    expect(res.status).toBe(200);
    expect(emu.control.state().pendingFaults).toEqual([
      expect.objectContaining({ kind, listener: 'arm', path: '/subscriptions' }),
    ]);
    emu.control.clearFaults();
  });

  it('refuses an unknown kind and a status fault without a status', async () => {
    expect((await control('failNext', { listener: 'arm', kind: 'explode' })).status).toBe(400);
    expect((await control('failNext', { listener: 'arm' })).status).toBe(400);
  });

  it('serves an armed fault on ARM routes too', async () => {
    await control('failNext', { listener: 'arm', path: '/subscriptions', kind: 'html', status: 503 });
    const r = await outcome(`${emu.armUrl}/subscriptions?api-version=2022-12-01`);
    expect(r).toMatchObject({ status: 503 });
    expect(r.contentType).toContain('text/html');
  });
});
