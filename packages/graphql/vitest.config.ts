import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Each file starts PGlite (2–4 s) and loads the five real schemes; PostgreSQL files create a database each.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CI machine has two cores.
    maxWorkers: 2,
  },
});
