import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A PGlite instance takes 2-4 s to start on a 2-core machine; PostgreSQL suites create a database each.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel on at most two workers (the CI machine has two cores).
    maxWorkers: 2,
  },
});
