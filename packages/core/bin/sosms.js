#!/usr/bin/env node
// The installed `sosms` command (npx sosms --help): the built CLI (dist/cli.js, plain ES modules) when the
// package is built or installed from the registry; inside the monorepo without a build, the TypeScript
// sources through tsx (a devDependency of the workspace).
import { existsSync } from 'node:fs';

// Node 22 and 24 only (engines: node >=22): on an older Node, say so before anything else runs. The same rule and
// text as src/database/node-version.ts (which createStore applies), and the same flag, so a process warns once;
// on stderr, never in a --json output.
const major = Number(process.versions.node.split('.')[0]);
const warned = Symbol.for('sosms.unsupportedNodeWarned');
if (major < 22 && !globalThis[warned]) {
  globalThis[warned] = true;
  const v = process.versions.node;
  // Written at once, before the command's own output (process.emitWarning would print after it).
  console.error(
    `sosms : Node ${v} n'est pas pris en charge ; installez Node 22 ou 24 (versions LTS, engines: node >=22). ` +
      `Il peut fonctionner en partie, sans garantie ni test. / ` +
      `sosms: Node ${v} is not supported; install Node 22 or 24 (LTS lines). It may partly work, untested.`,
  );
}

const built = new URL('../dist/cli.js', import.meta.url);
let cli;
if (existsSync(built)) {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
await cli.main(process.argv.slice(2));
