// Types of postgres.mjs (plain JavaScript, so that scripts/run.mjs runs it with node alone).

/**
 * The path of one of PostgreSQL's binaries: on PATH, else in the newest /usr/lib/postgresql/<version>/bin.
 *
 * ### Examples
 * ```ts
 * const enabled = Boolean(findPostgresBinary('initdb') && findPostgresBinary('pg_ctl'));
 * ```
 */
export function findPostgresBinary(name: string): string | undefined;

/**
 * A TCP port free on 127.0.0.1 at the time of asking.
 *
 * ### Examples
 * ```ts
 * const port = await freePort();
 * ```
 */
export function freePort(): Promise<number>;

/** What creates a cluster's data folder instead of initdb (pg_basebackup for a standby, say). */
export interface ClusterCreate {
  readonly binary: string;
  /** Its arguments, given the data folder to create. */
  args(data: string): string[];
}

export interface ClusterOptions {
  /** Prefix of the temporary folder's name. */
  readonly prefix?: string;
  /** Server settings, `name=value` (`synchronous_commit=on`, `hot_standby=on`…). */
  readonly settings?: readonly string[];
  readonly create?: ClusterCreate;
}

/** A started throw-away cluster. */
export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** The temporary folder (its socket too), the data folder in it, and the server log. */
  readonly dir: string;
  readonly data: string;
  readonly log: string;
  /** Run a binary on the cluster's files (as the postgres user when root). */
  run(bin: string, args: string[]): Buffer;
  /** pg_ctl start, tried again for 5 s; the error ends with the server log. */
  start(): Promise<void>;
  /** pg_ctl restart with the same settings (`-m fast` by default). */
  restart(mode?: 'smart' | 'fast' | 'immediate'): Buffer;
  /** Stop the server (immediate) and remove the folder; a second call does nothing. */
  stop(): void;
}

/**
 * Create a cluster in a new temporary folder (initdb by default, or `create`), start it on a free loopback
 * port with `settings`. Undefined when the binaries are not installed.
 *
 * ### Examples
 * ```ts
 * const cluster = await startCluster({ prefix: 'sosms-fault-', settings: ['synchronous_commit=on'] });
 * cluster?.restart('fast');
 * cluster?.stop();
 * ```
 */
export function startCluster(options?: ClusterOptions): Promise<Cluster | undefined>;

/**
 * Start the test run's cluster, tuned for speed (no fsync). Undefined without PostgreSQL.
 *
 * ### Examples
 * ```ts
 * const pg = await startPostgres();
 * process.env.SOSMS_TEST_DATABASE_URL = pg?.url;
 * pg?.stop();
 * ```
 */
export function startPostgres(): Promise<{ url: string; stop(): void } | undefined>;
