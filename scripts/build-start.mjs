// The start path as built JavaScript (issue 9 item 5): `npm start` runs packages/graphql/dist-start/main.js with
// node, never TypeScript compiled at each start. Built once with tsup (a few seconds), and again only when a source
// file, a package manifest or the lockfile is newer than the build. The gateway's build imports '@sosms/core' by
// name; node started with `--conditions=sosms-start` resolves it to the core's own build (packages/core/dist-start/,
// the "sosms-start" condition of its exports), so both run as plain ES modules. Tests, tsx and TypeScript keep
// reading the sources (the "default" condition).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const core = join(root, 'packages', 'core');
const graphql = join(root, 'packages', 'graphql');
/** The file `npm start` runs. */
export const START_MAIN = join(graphql, 'dist-start', 'main.js');
/** Node's option that makes '@sosms/core' resolve to its build. */
export const START_CONDITIONS = '--conditions=sosms-start';
const STAMP = join(graphql, 'dist-start', '.built');

function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(core, 'src'));
  visit(join(graphql, 'src'));
  for (const file of [join(core, 'package.json'), join(graphql, 'package.json'), join(root, 'pnpm-lock.yaml'), fileURLToPath(import.meta.url)]) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/** Whether the start build is there and newer than every file it is built from. */
export function startBuildIsFresh() {
  return existsSync(STAMP) && existsSync(START_MAIN) && existsSync(join(core, 'dist-start', 'index.js')) && statSync(STAMP).mtimeMs >= newestSource();
}

/** Build the start path when it is missing or older than its sources; returns whether it built. */
export async function ensureStartBuild({ log = (line) => console.log(line) } = {}) {
  if (startBuildIsFresh()) return false;
  log('Compilation du démarrage (une fois, puis à chaque changement des sources) / building the start path (once, then on each source change)…');
  const started = performance.now();
  const { build } = createRequire(join(graphql, 'package.json'))('tsup');
  // Every bare import (dependencies, node: built-ins, '@sosms/core') stays external: found at run time in the
  // package's node_modules, as when installed.
  const common = { external: [/^[^./]/], format: ['esm'], platform: 'node', target: 'node20', dts: false, clean: true, sourcemap: false, silent: true, removeNodeProtocol: false, config: false };
  // The core as one ES module (its dependencies stay external, found in packages/core/node_modules).
  await build({ ...common, entry: { index: join(core, 'src', 'index.ts') }, outDir: join(core, 'dist-start'), tsconfig: join(core, 'tsconfig.json') });
  // The gateway's entry point; '@sosms/core' and the other dependencies stay external.
  await build({ ...common, entry: { main: join(graphql, 'src', 'main.ts') }, outDir: join(graphql, 'dist-start'), tsconfig: join(graphql, 'tsconfig.json') });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  log(`… fait en ${((performance.now() - started) / 1000).toFixed(1)} s / done`);
  return true;
}

// `node scripts/build-start.mjs`: build now (CI, or after an install).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await ensureStartBuild();
