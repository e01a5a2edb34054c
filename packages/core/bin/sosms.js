#!/usr/bin/env node
// The installed `sosms` command (npx sosms --help): the built CLI (dist/cli.js, plain ES modules) when the
// package is built or installed from the registry; inside the monorepo without a build, the TypeScript
// sources through tsx (a devDependency of the workspace).
import { existsSync } from 'node:fs';

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
