import { browser, onMessageAnswer, type Runtime } from '../shared/browser';
import { t } from '../shared/i18n';
import { BUILD } from '../shared/config/build';
import { omniboxEnter, omniboxSuggestions } from './omnibox/omnibox';
import { createWorkerContext, type WorkerContext } from './context';
import { route } from './messages/router';
import { SESSION_KEYS } from '../shared/messages/session-keys';
import {
  extendFromWarning,
  keyOfWarningNotification,
  onLifecycleAlarm,
  syncActiveNow,
} from './lifecycle/sync';
import { browserLifecycle } from './platform/lifecycle';

// Listeners are registered synchronously at the top level so a worker woken by an event hears it;
// the context (IndexedDB, adapters) is built once, lazily.
let context: Promise<WorkerContext> | undefined;
const getContext = () => (context ??= createWorkerContext());

// Badge and expiry alarms follow the stored activations; a failure here must not fail a request.
const syncLifecycle = () =>
  void getContext()
    .then((ctx) => syncActiveNow(ctx.catalogDeps, browserLifecycle))
    .catch(() => undefined);

onMessageAnswer((message: unknown, sender: Runtime.MessageSender) =>
  getContext().then(async (ctx) => {
    const answer = await route(message, sender, ctx);
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && /^(activation|catalog|link|config)\./.test(type)) syncLifecycle();
    return answer;
  }),
);

browser.alarms.onAlarm.addListener((alarm) => {
  void getContext()
    .then((ctx) => onLifecycleAlarm(ctx.catalogDeps, browserLifecycle, alarm.name))
    .catch(() => undefined);
});
// Firefox has no notification buttons (the warning opens the popup there instead).
browser.notifications.onButtonClicked?.addListener((id) => {
  void getContext()
    .then((ctx) => extendFromWarning(ctx.catalogDeps, browserLifecycle, id))
    .catch(() => undefined);
});
browser.notifications.onClicked.addListener((id) => {
  if (keyOfWarningNotification(id))
    void browser.tabs.create({ url: browser.runtime.getURL('src/popup/index.html') });
});
browser.runtime.onStartup.addListener(syncLifecycle);
browser.runtime.onInstalled.addListener(syncLifecycle);

// A policy change applies without reload: loading the configuration records a good managed layer
// as the last good one (the pages refresh themselves on the same event).
browser.storage.onChanged.addListener((changes, area) => {
  const progress = changes[SESSION_KEYS.catalogProgress]?.newValue as { running?: boolean } | undefined;
  if (area === 'session' && progress && !progress.running) syncLifecycle();
  if (area === 'managed')
    void getContext()
      .then((ctx) => ctx.loadConfig())
      .catch(() => undefined);
});

// Puppeteer cannot type into the address bar: the test build exposes the same two functions the
// omnibox listeners call, so an end-to-end test drives them inside the real worker.
if (BUILD.flavor === 'test') {
  (globalThis as Record<string, unknown>).__lifecycleForTests = {
    clickWarningButton: (id: string) =>
      getContext().then((ctx) => extendFromWarning(ctx.catalogDeps, browserLifecycle, id)),
    sync: () => getContext().then((ctx) => syncActiveNow(ctx.catalogDeps, browserLifecycle)),
  };
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
