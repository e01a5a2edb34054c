import { defineConfig } from 'tsup';

// The packed build of @sosms/graphql (prepack): ES modules for Node 22+, one bundled declaration file.
// Dependencies (@sosms/core, Apollo, Pothos, graphql) stay external, installed beside the package.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  dts: true,
  clean: true,
  outDir: 'dist',
  sourcemap: false,
  removeNodeProtocol: false,
});
