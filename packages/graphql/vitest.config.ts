import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql realm: Node loads graphql's CommonJS build for Apollo and Pothos (graphql 16 has no
    // "exports" map), while Vite would pick index.mjs for our sources; two copies break `instanceof`.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Each file starts PGlite (2–4 s) and loads the five real schemes; PostgreSQL files create a database each.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CI machine has two cores.
    maxWorkers: 2,
  },
});
