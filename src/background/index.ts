import { browser, type Runtime } from '../shared/browser';
import { createWorkerContext, type WorkerContext } from './context';
import { route } from './messages/router';

// Listeners are registered synchronously at the top level so a worker woken by a message hears it;
// the context (IndexedDB, adapters) is built once, lazily.
let context: Promise<WorkerContext> | undefined;
const getContext = () => (context ??= createWorkerContext());

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  getContext().then((ctx) => route(message, sender, ctx)),
);
