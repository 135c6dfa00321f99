import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import { inlinePageCss } from './scripts/build/inline-page-css.ts';
import { targetOf, manifestFor, outDirFor, buildConfigFor } from './scripts/build-flavor.ts';

// `vite build` is the production flavor (dist/chrome); `--mode test` (dist/chrome-test) and
// `--mode demo` (dist/chrome-demo) add loopback hosts and a fixed key; demo also bakes in the
// emulator's connections (DEFAULT_CONFIG_FILE). The same modes with a `firefox` suffix
// (`--mode firefox`, `test-firefox`, `demo-firefox`) build Firefox's twin into dist/firefox*.
const testKey = JSON.parse(
  readFileSync(new URL('./config/test-extension-key.json', import.meta.url), 'utf8'),
) as {
  key: string;
};

/** The modules of the popup's first frame: small, stateless, nothing run on import. */
const FIRST_FRAME =
  /src\/(popup\/first-frame\/(paint|read)|popup\/roles\/(role-label|remaining)|shared\/catalog\/active)\.ts$/;

export default defineConfig(({ mode }) => {
  const { flavor, browser } = targetOf(mode);
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(flavor, baseManifest, testKey.key, browser) as unknown as ManifestV3Export,
        browser,
      }),
      // The popup's first frame should not wait on stylesheet fetches.
      inlinePageCss(['src/popup/index.html']),
    ],
    define: { __BUILD_CONFIG__: JSON.stringify(buildConfigFor(flavor, process.env)) },
    build: {
      outDir: outDirFor(flavor, browser),
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox140' : 'chrome120',
      sourcemap: flavor !== 'production',
      chunkSizeWarningLimit: 200,
      // Both targets support <link rel="modulepreload">; the polyfill would be one more module, in
      // its own chunk, ahead of every page's first frame.
      modulePreload: { polyfill: false },
      rollupOptions: {
        output: {
          // What the popup's first frame runs, in one chunk: its entry then waits for one module only.
          manualChunks: (id: string) => (FIRST_FRAME.test(id) ? 'first-frame' : undefined),
        },
      },
    },
    server: { strictPort: false },
  };
});
