import { defineConfig } from 'vite';
import { ENTRIES } from './scripts/entries.mjs';
import { queryHashes } from './scripts/query-hashes.mjs';

/**
 * The build of one library entry (`SOSMS_ENTRY`, default the full bundle `sosms-widgets`). Lit is bundled in,
 * so a host page needs a single `<script type="module">`. `scripts/build.mjs` builds each entry on its own:
 * Rollup would otherwise split the shared code into chunks and one widget would cost several requests.
 */
export default defineConfig(() => {
  const name = process.env.SOSMS_ENTRY ?? 'sosms-widgets';
  const entry = ENTRIES[name];
  if (!entry) throw new Error(`Entrée inconnue / unknown entry: ${name}`);
  return {
    build: {
      outDir: 'dist',
      // scripts/build.mjs empties dist/ once, then every entry adds its own file.
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      lib: { entry: { [name]: entry }, formats: ['es'], fileName: () => `${name}.js` },
      // Lib mode keeps whitespace in ES output for tree-shaking by bundlers; these files go to browsers as is.
      rolldownOptions: { output: { minify: true } },
    },
    // Each query's SHA-256 is written into the build: the widgets send persisted queries by hash.
    plugins: [queryHashes()],
    // Lit's dev-mode code and warnings are left out of the build.
    resolve: { conditions: ['production'] },
    logLevel: 'warn',
  };
});
