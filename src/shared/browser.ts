// The one module that touches the WebExtension namespace. Chrome's native promise APIs could replace
// the polyfill here without changing a caller.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
