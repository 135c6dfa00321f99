import { afterEach, describe, expect, it, vi } from 'vitest';

type Listener = (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => unknown;

function fakeNamespace() {
  const listeners: Listener[] = [];
  return {
    listeners,
    runtime: { id: 'ext', onMessage: { addListener: (fn: Listener) => listeners.push(fn) } },
  };
}

const scope = globalThis as { browser?: unknown; chrome?: unknown };

async function load(globals: { browser?: unknown; chrome?: unknown }) {
  vi.resetModules();
  Object.assign(scope, globals);
  return import('./browser');
}

afterEach(() => {
  delete scope.browser;
  delete scope.chrome;
});

describe('the one WebExtension namespace', () => {
  it("is Firefox's browser where there is one, and Chromium's chrome otherwise", async () => {
    const firefox = fakeNamespace();
    const chromium = fakeNamespace();
    expect((await load({ browser: firefox, chrome: chromium })).browser).toBe(firefox);
    delete scope.browser;
    expect((await load({ chrome: chromium })).browser).toBe(chromium);
    // A page of Chromium with a `browser` global that is not an extension's (no runtime ID).
    expect((await load({ browser: {}, chrome: chromium })).browser).toBe(chromium);
  });

  it('answers a message with what the listener resolves to, keeping the channel open meanwhile', async () => {
    const chromium = fakeNamespace();
    const { onMessageAnswer } = await load({ chrome: chromium });
    onMessageAnswer(async (message) => ({ ok: true, value: message }));
    const answered = new Promise((resolve) => {
      expect(chromium.listeners[0]!({ type: 'x' }, {}, resolve)).toBe(true);
    });
    expect(await answered).toEqual({ ok: true, value: { type: 'x' } });
  });

  it('a listener that fails still answers, with no detail of the failure', async () => {
    const chromium = fakeNamespace();
    const { onMessageAnswer } = await load({ chrome: chromium });
    onMessageAnswer(() => Promise.reject(new Error('token=secret')));
    const answer = await new Promise((resolve) => chromium.listeners[0]!({}, {}, resolve));
    expect(answer).toEqual({ ok: false, error: { code: 'unexpected' } });
  });
});
