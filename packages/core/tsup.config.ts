import { defineConfig } from 'tsup';

// The packed build of @sosms/core (prepack): ES modules for Node 22+, one bundled declaration file per entry.
// `labels`, `order`, `period` and `search-words` are the dependency-free modules the widgets bundle. Dependencies stay external (installed beside the package); data/ is read at run time from the package folder.
export default defineConfig({
  entry: { index: 'src/index.ts', labels: 'src/shared/labels.ts', order: 'src/shared/order.ts', period: 'src/rules/period.ts', 'search-words': 'src/search/search-words.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  dts: { entry: { index: 'src/index.ts', labels: 'src/shared/labels.ts', order: 'src/shared/order.ts', period: 'src/rules/period.ts', 'search-words': 'src/search/search-words.ts' } },
  clean: true,
  outDir: 'dist',
  sourcemap: false,
  removeNodeProtocol: false,
});
