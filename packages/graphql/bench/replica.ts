// A streaming replica of the benchmark's PostgreSQL, on loopback, from the installed binaries: a base backup
// of the primary (`pg_basebackup -R` writes the standby settings), started on a free port as a hot standby.
// The cluster's folder, its port and the binaries run as the postgres user when root: `startCluster`.
import { sql } from 'kysely';
import { createStore } from '@sosms/core';
import { startCluster } from '@sosms/core/testing';

/** Settings a hot standby must hold at no less than its primary's values, or it refuses to start. */
const AT_LEAST_PRIMARY = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'];

/** A started replica: the URL of `database` on it, and how to stop and remove it. */
export interface Replica {
  readonly url: string;
  stop(): void;
}

/**
 * Start a streaming replica of the cluster behind `primaryUrl` (a loopback PostgreSQL that accepts
 * replication connections, as the clusters of `startCluster` do). Returns undefined without the binaries.
 */
export async function startReplica(primaryUrl: string, database: string): Promise<Replica | undefined> {
  const primary = new URL(primaryUrl);
  const user = decodeURIComponent(primary.username || 'postgres');
  const cluster = await startCluster({
    prefix: 'sosms-replica-',
    create: { binary: 'pg_basebackup', args: (data) => ['-h', primary.hostname, '-p', primary.port || '5432', '-U', user, '-D', data, '-R', '-X', 'stream', '-c', 'fast'] },
    settings: ['hot_standby=on', 'fsync=off', ...(await primarySettings(primaryUrl))],
  });
  if (!cluster) return undefined;
  const url = new URL(primaryUrl);
  url.port = String(cluster.port);
  url.pathname = `/${database}`;
  return { url: url.toString(), stop: cluster.stop };
}

/** The primary's values of {@link AT_LEAST_PRIMARY}, as `name=value` settings. */
async function primarySettings(primaryUrl: string): Promise<string[]> {
  const primary = await createStore({ location: primaryUrl, migrate: false });
  try {
    const { rows } = await sql<{ name: string; setting: string }>`select name, setting from pg_settings where name = any(${AT_LEAST_PRIMARY})`.execute(primary.db);
    return rows.map((r) => `${r.name}=${r.setting}`);
  } finally {
    await primary.close();
  }
}
