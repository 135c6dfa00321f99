import type { Browser, CDPSession } from 'puppeteer-core';

/** What the end-to-end tests do with the extension's service worker. */
export interface WorkerHandle {
  url(): string;
  /** Runs a function (serialized, so it may use only its arguments) or an expression in the worker. */
  evaluate<T, A extends unknown[]>(fn: string | ((...args: A) => T | Promise<T>), ...args: A): Promise<T>;
  on(event: 'console', listener: (message: { text(): string }) => void): void;
}

interface RemoteObject {
  value?: unknown;
  description?: string;
  unserializableValue?: string;
}

interface EvaluateResult {
  result: RemoteObject;
  exceptionDetails?: { text: string; exception?: RemoteObject };
}

/**
 * Attaches to the worker over the browser's own CDP connection instead of puppeteer's target list:
 * Chromium reuses a worker's target id when it restarts it, and puppeteer then and now never hears
 * of the restarted worker, so a test waiting for it would wait forever.
 */
export async function attachToWorker(
  browser: Browser,
  isWorkerUrl: (url: string) => boolean,
): Promise<WorkerHandle | undefined> {
  // Attached through a session of our own rather than the browser connection: puppeteer detaches
  // at once from any worker attached on its connection that it did not attach itself.
  const root = await browser.target().createCDPSession();
  try {
    const { targetInfos } = await root.send('Target.getTargets');
    const info = targetInfos.find((t) => t.type === 'service_worker' && isWorkerUrl(t.url));
    if (!info) throw new Error('no worker running');
    const { sessionId } = await root.send('Target.attachToTarget', {
      targetId: info.targetId,
      flatten: true,
    });
    const session = root.connection()?.session(sessionId);
    if (!session) throw new Error('no session');
    await session.send('Runtime.enable');
    return handleFor(session, info.url);
  } catch {
    // Not running, or stopped between listing and attaching: the caller wakes it and asks again.
    await root.detach().catch(() => undefined);
    return undefined;
  }
}

function handleFor(session: CDPSession, url: string): WorkerHandle {
  return {
    url: () => url,
    async evaluate(fn, ...args) {
      const expression = typeof fn === 'string' ? fn : `(${fn.toString()})(...${JSON.stringify(args)})`;
      const { result, exceptionDetails } = (await session.send('Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
      })) as EvaluateResult;
      if (exceptionDetails) {
        throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      }
      return result.value as never;
    },
    on(_event, listener) {
      session.on('Runtime.consoleAPICalled', (event: { args: RemoteObject[] }) => {
        const text = event.args
          .map((a) =>
            a.value !== undefined ? String(a.value) : (a.description ?? a.unserializableValue ?? ''),
          )
          .join(' ');
        listener({ text: () => text });
      });
    },
  };
}
