// The one module that touches the WebExtension namespace: Firefox's own `browser`, or Chromium's
// `chrome`, whose Manifest V3 APIs return promises as well. webextension-polyfill wrapped `chrome` to
// the same end; every call this extension makes is promise-based natively on both (Chromium 120+,
// Firefox 140+), so the wrapper (3 KB of the popup's gzip budget of 25) is gone and only its types
// stay. The one behaviour that differs, a message listener that answers with a promise, lives in
// `onMessageAnswer` below.
import type { Browser, Runtime } from 'webextension-polyfill';

export type { Runtime, Storage, Tabs } from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const browser: Browser = scope.browser?.runtime?.id ? scope.browser : scope.chrome!;

/**
 * Answers each runtime message with what `listener` resolves to. Chromium ignores a promise returned
 * from an onMessage listener; `sendResponse` and a `true` return work in both browsers.
 */
export function onMessageAnswer(
  listener: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown>,
): void {
  const events = browser.runtime.onMessage as unknown as {
    addListener(
      fn: (message: unknown, sender: Runtime.MessageSender, sendResponse: (answer: unknown) => void) => true,
    ): void;
  };
  events.addListener((message, sender, sendResponse) => {
    // The router answers its own failures; this is for a worker that could not even start one.
    listener(message, sender).then(sendResponse, () =>
      sendResponse({ ok: false, error: { code: 'unexpected' } }),
    );
    return true;
  });
}
