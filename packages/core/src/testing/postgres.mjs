// Throw-away PostgreSQL clusters on 127.0.0.1 and a free port, from the installed binaries, for the test run
// (scripts/run.mjs), the fault test and the benchmark's replica. initdb, pg_ctl and pg_basebackup refuse to run
// as root: as root, the cluster's folder belongs to the `postgres` user and the binaries run as that user.
// Plain JavaScript (typed by postgres.d.mts): scripts/run.mjs imports it with node alone, before any install.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The path of one of PostgreSQL's binaries: on PATH, else in the newest /usr/lib/postgresql/<version>/bin. */
export function findPostgresBinary(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
    return undefined;
  }
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** How many times, and how far apart, `start` tries pg_ctl start: a server killed a moment ago may still hold its port. */
const START_ATTEMPTS = 10;
const START_RETRY_MS = 500;

/**
 * Create a cluster in a new temporary folder (initdb by default, or the command `create` gives, such as
 * pg_basebackup for a standby), start it on a free loopback port with `settings` (`name=value`), and return
 * what a test needs to drive it. Undefined when the binaries are not installed.
 */
export async function startCluster({ prefix = 'sosms-pg-', settings = [], create } = {}) {
  const pgCtl = findPostgresBinary('pg_ctl');
  const maker = findPostgresBinary(create?.binary ?? 'initdb');
  if (!pgCtl || !maker) return undefined;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const run = (bin, args) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' }) : execFileSync(bin, args, { stdio: 'pipe' });
  let port;
  try {
    if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    run(maker, create ? create.args(data) : ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    port = await freePort();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const opts = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...settings.map((s) => `-c ${s}`)].join(' ');
  const start = async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        run(pgCtl, ['-D', data, '-o', opts, '-l', log, '-w', 'start']);
        return;
      } catch (error) {
        if (attempt >= START_ATTEMPTS) throw new Error(`${error.message}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : ''}`);
        await new Promise((r) => setTimeout(r, START_RETRY_MS));
      }
    }
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    data,
    log,
    run,
    start,
    restart: (mode = 'fast') => run(pgCtl, ['-D', data, '-o', opts, '-l', log, '-m', mode, '-w', 'restart']),
    stop,
  };
}

/** Start the test run's cluster, tuned for speed (no fsync): { url, stop }, or undefined without PostgreSQL. */
export async function startPostgres() {
  const cluster = await startCluster({ settings: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'] });
  return cluster && { url: cluster.url, stop: cluster.stop };
}
