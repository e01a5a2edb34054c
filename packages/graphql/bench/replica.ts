// A streaming replica of the benchmark's PostgreSQL, on loopback, from the installed binaries: a base backup
// of the primary (`pg_basebackup -R` writes the standby settings), started on a free port as a hot standby.
// The cluster's folder, its port and the binaries run as the postgres user when root: `startCluster`.
import { startCluster } from '@sosms/core/testing';

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
    settings: ['hot_standby=on', 'fsync=off', 'max_connections=200'],
  });
  if (!cluster) return undefined;
  const url = new URL(primaryUrl);
  url.port = String(cluster.port);
  url.pathname = `/${database}`;
  return { url: url.toString(), stop: cluster.stop };
}
