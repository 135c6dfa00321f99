// Values fixed when the extension is built (vite.config.ts `define`): the flavor, the publisher's
// multi-tenant client ID, and the build's default configuration layer (demo connections, say).
export interface BuildConfig {
  flavor: 'production' | 'test' | 'demo';
  /** Empty when this build has no publisher app registration: only customer-managed apps work. */
  publisherClientId: string;
  defaults: unknown;
}

declare const __BUILD_CONFIG__: BuildConfig | undefined;

export const BUILD: BuildConfig =
  typeof __BUILD_CONFIG__ === 'undefined'
    ? { flavor: 'test', publisherClientId: '', defaults: {} }
    : __BUILD_CONFIG__;
