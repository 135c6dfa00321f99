import { defineConfig } from 'vitest/config';

// End to end in Firefox (firefox-esr over WebDriver BiDi): the Firefox test build against the
// emulator. One file at a time, as for Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
