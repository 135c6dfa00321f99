import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they test (src/**) or under tests/ (emulator, scripts).
// End-to-end tests (tests/e2e) need a built extension and Chromium: they have their own config.
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'tests/emulator/**/*.test.ts',
      'tests/unit/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
