// A streaming replica of the benchmark's PostgreSQL, on loopback, from the installed binaries: a base backup
// of the primary (`pg_basebackup -R` writes the standby settings), started on a free port as a hot standby.
// As root, the binaries run as the postgres user (PostgreSQL refuses root), as scripts/postgres.mjs does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBinary(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
    return undefined;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A started replica: the URL of `database` on it, and how to stop and remove it. */
export interface Replica {
  readonly url: string;
  stop(): void;
}

/**
 * Start a streaming replica of the cluster behind `primaryUrl` (a loopback PostgreSQL that accepts
 * replication connections, as the clusters of scripts/postgres.mjs do). Returns undefined without the binaries.
 */
export async function startReplica(primaryUrl: string, database: string): Promise<Replica | undefined> {
  const basebackup = findBinary('pg_basebackup');
  const pgCtl = findBinary('pg_ctl');
  if (!basebackup || !pgCtl) return undefined;
  const primary = new URL(primaryUrl);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'sosms-replica-'));
  const data = join(dir, 'data');
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (bin: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' }) : execFileSync(bin, args, { stdio: 'pipe' });
  run(basebackup, ['-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username || 'postgres'), '-D', data, '-R', '-X', 'stream', '-c', 'fast']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off -c max_connections=200`;
  run(pgCtl, ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const url = new URL(primaryUrl);
  url.port = String(port);
  url.pathname = `/${database}`;
  let stopped = false;
  return {
    url: url.toString(),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
