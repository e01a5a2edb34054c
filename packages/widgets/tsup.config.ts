import { defineConfig } from 'tsup';

// What `pnpm pack` adds to the browser build of scripts/build.mjs (vite): the declarations of the package's root
// (`dist/index.d.ts`, for bundlers and editors) and `@sosms/widgets/export`, the Node function that writes a
// scheme's static widget file (`dist/export.js`, with @sosms/core and @sosms/graphql as dependencies).
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: { only: true },
    outDir: 'dist',
    clean: false,
  },
  {
    entry: { export: 'scripts/export-widget-json.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    dts: true,
    outDir: 'dist',
    clean: false,
    sourcemap: false,
    removeNodeProtocol: false,
  },
]);
