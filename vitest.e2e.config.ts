import { defineConfig } from 'vitest/config';

// End to end: the built test flavor in real Chromium against the emulator. One file at a time: each
// starts its own Chromium and emulator, and two cores are all CI has.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
