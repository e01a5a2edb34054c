// Entry point of the README's commands: `npm start`, `npm test`, `npm run bench`.
// Works on a machine with only Node and npm: the pinned pnpm comes through npx when it is not installed.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function pnpmCommand() {
  try {
    const v = execSync('pnpm --version', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (v.split('.')[0] === pnpmVersion.split('.')[0]) return ['pnpm'];
  } catch {}
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}
const pnpm = pnpmCommand();

function run(args, env = process.env) {
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
  process.exit(run(['--filter', '@sosms/graphql', 'start']));
} else if (command === 'test') {
  const status = await withPostgres((env) => run(['-r', '--workspace-concurrency=1', '--if-present', 'test'], env));
  process.exit(status);
} else if (command === 'bench') {
  const status = await withPostgres((env) => run(['-r', '--workspace-concurrency=1', '--if-present', 'bench'], env));
  process.exit(status);
} else {
  console.error('usage: node scripts/run.mjs start|test|bench');
  process.exit(2);
}
