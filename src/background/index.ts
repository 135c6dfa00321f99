import { browser, type Runtime } from '../shared/browser';
import { t } from '../shared/i18n';
import { BUILD } from '../shared/config/build';
import { omniboxEnter, omniboxSuggestions } from './omnibox/omnibox';
import { createWorkerContext, type WorkerContext } from './context';
import { route } from './messages/router';

// Listeners are registered synchronously at the top level so a worker woken by an event hears it;
// the context (IndexedDB, adapters) is built once, lazily.
let context: Promise<WorkerContext> | undefined;
const getContext = () => (context ??= createWorkerContext());

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  getContext().then((ctx) => route(message, sender, ctx)),
);

// A policy change applies without reload: loading the configuration records a good managed layer
// as the last good one (the pages refresh themselves on the same event).
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed')
    void getContext()
      .then((ctx) => ctx.loadConfig())
      .catch(() => undefined);
});

// Puppeteer cannot type into the address bar: the test build exposes the same two functions the
// omnibox listeners call, so an end-to-end test drives them inside the real worker.
if (BUILD.flavor === 'test') {
  (globalThis as Record<string, unknown>).__omniboxForTests = {
    suggest: (text: string) => getContext().then((ctx) => omniboxSuggestions(ctx.catalogDeps, text)),
    enter: (text: string) =>
      getContext().then((ctx) =>
        omniboxEnter(ctx.catalogDeps, text, browser.runtime.getURL('src/popup/index.html')),
      ),
  };
}

browser.omnibox.setDefaultSuggestion({ description: t('omniboxDefault') });
browser.omnibox.onInputChanged.addListener((text, suggest) => {
  void getContext()
    .then((ctx) => omniboxSuggestions(ctx.catalogDeps, text))
    .then(suggest, () => suggest([]));
});
browser.omnibox.onInputEntered.addListener((text) => {
  void getContext().then((ctx) =>
    omniboxEnter(ctx.catalogDeps, text, browser.runtime.getURL('src/popup/index.html')),
  );
});
