import { browser } from '../shared/browser';
import { BUILD } from '../shared/config/build';
import type { ConfigLayer } from '../shared/config/schema';
import { validateConfigLayer } from '../shared/config/validate';
import type { Overview, RedirectUris } from '../shared/messages/contract';
import { openStore } from '../shared/store/open';
import type { CloudAccessDB } from '../shared/store/schema';
import type { IDBPDatabase } from 'idb';
import { loadConfig, type LoadedConfig } from './config/load-config';
import type { LinkDeps } from './link/deps';
import { listLinks } from './store/links';
import { buildOverview } from './link/overview';
import {
  readLastGoodManaged,
  readManagedLayer,
  readOptionsLayer,
  writeLastGoodManaged,
  writeOptionsLayer,
} from './platform/config-storage';
import { managedLayerToRemember, storedLastGood } from './connections/managed';
import { clearFlow, readFlows, updateFlows, writeFlow } from './platform/flow-states';
import { browserIdentity } from './platform/identity';
import { notify } from './platform/notify';
import { firefoxRedirectUri } from './platform/redirect-uris';
import { offerStorage } from './platform/offers-storage';
import { useAccessTokenStore } from './link/access-tokens';
import { sessionAccessTokens } from './platform/session-values';
import type { CatalogDeps } from './catalog-deps';
import { webLocks } from './platform/locks';
import { clearActivation, readActivations, writeActivation, writeProgress } from './platform/session-values';
import { failInterruptedFlows } from './link/interrupted-flows';
import { resumeActivations } from './federate/resume-activations';

/** Everything a handler may use, wired once per worker start from the real browser adapters. */
export interface WorkerContext {
  extensionId: string;
  extensionOrigin: string;
  linkDeps: LinkDeps;
  loadConfig(): Promise<LoadedConfig>;
  readOptions(): Promise<ConfigLayer>;
  writeOptions(layer: ConfigLayer): Promise<void>;
  overview(): Promise<Overview>;
  clearFlow(connectionId: string): Promise<void>;
  catalogDeps: CatalogDeps;
  clearActivation(key: string): Promise<void>;
  redirectUris(): Promise<RedirectUris>;
  /** The publisher's multi-tenant client ID of this build ('' when it has none). */
  publisherClientId: string;
  randomState(): string;
}

export async function createWorkerContext(): Promise<WorkerContext> {
  let db: IDBPDatabase<CloudAccessDB> | undefined;
  const getDb = async () => (db ??= await openStore());

  const load = async () => {
    const [options, managed, stored] = await Promise.all([
      readOptionsLayer(),
      readManagedLayer(),
      readLastGoodManaged(),
    ]);
    const lastGoodManaged = storedLastGood(stored);
    const remember = managedLayerToRemember(managed, lastGoodManaged);
    if (remember) await writeLastGoodManaged(remember);
    return loadConfig({ defaults: BUILD.defaults, options, managed, lastGoodManaged });
  };
  const readOptions = async (): Promise<ConfigLayer> => {
    const result = validateConfigLayer(await readOptionsLayer());
    return result.ok ? result.value : {};
  };

  useAccessTokenStore(sessionAccessTokens);

  const linkDeps: LinkDeps = {
    db: await getDb(),
    fetch: (input, init) => fetch(input, init),
    identity: browserIdentity,
    now: () => Date.now(),
    loadConfig: load,
    publisherClientId: BUILD.publisherClientId,
    writeFlow,
    notify,
    locks: webLocks(),
  };

  const catalogDeps: CatalogDeps = {
    link: linkDeps,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      }),
    openTab: async (url) => {
      await browser.tabs.create({ url });
    },
    writeProgress,
    writeActivation,
    randomUUID: () => crypto.randomUUID(),
    notify: (message) => notify('', message),
  };

  await recoverFromStoppedWorker(catalogDeps);

  return {
    catalogDeps,
    clearActivation,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL(''),
    linkDeps,
    loadConfig: load,
    readOptions,
    writeOptions: writeOptionsLayer,
    clearFlow,
    async overview() {
      const [loaded, links, flows, offers] = await Promise.all([
        load(),
        listLinks(linkDeps.db),
        readFlows(),
        offerStorage.read(),
      ]);
      return buildOverview(loaded, links, flows, BUILD.publisherClientId, offers);
    },
    publisherClientId: BUILD.publisherClientId,
    randomState: () => crypto.randomUUID(),
    async redirectUris() {
      return { chromium: browserIdentity.redirectUri(), firefox: await firefoxRedirectUri() };
    },
  };
}

/**
 * This worker is new: whatever storage.session shows in progress was left by one that was stopped.
 * Runs before any request is handled, so no flow of this worker is mistaken for a stale one.
 */
async function recoverFromStoppedWorker(deps: CatalogDeps): Promise<void> {
  try {
    await updateFlows((all) => failInterruptedFlows(all, Date.now()));
    // Followers run on in the background: a page's request is not held up by a PIM poll.
    await resumeActivations(deps, await readActivations());
  } catch {
    // Storage unreadable: the next start tries again; nothing here may stop the worker starting.
  }
}
