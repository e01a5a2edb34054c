import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['node/**/*.test.ts'], testTimeout: 60_000 } });
