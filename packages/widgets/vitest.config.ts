import { defineConfig } from 'vitest/config';

/**
 * Browser tests run in Node: they start the real gateway and a static server in-process and drive Debian's
 * Chromium with playwright-core. globalSetup builds dist/ when it is missing or stale.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser and one gateway per file; files in sequence on this 2-core machine.
    fileParallelism: false,
  },
});
