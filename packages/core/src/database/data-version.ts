import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * The data version: a number every committed write advances (migration `2026-12-01T2100-data-version`),
 * one indexed read. Equal versions mean equal data, so an HTTP answer computed at a version can carry it
 * in its ETag.
 *
 * ### Examples
 * ```ts
 * const before = await readDataVersion(db);
 * await saveAction(db, caller, input);
 * (await readDataVersion(db)) > before; // true
 * ```
 */
export async function readDataVersion(db: Kysely<Database>): Promise<bigint> {
  const { rows } = await sql<{ version: string | number | bigint }>`select version from sosms_data_version where id = 1`.execute(db);
  return BigInt(rows[0]?.version ?? 0);
}

/** The channel on which every writing transaction notifies its new data version (migration `2026-12-02T0600`). */
export const DATA_VERSION_CHANNEL = 'sosms_data_version';

/** The current data version for HTTP answers, cheaper than {@link readDataVersion} per request. */
export interface DataVersionWatch {
  /** The version of every write committed before this call (never an older one). */
  current(): Promise<bigint>;
  /** Whether `current()` answers from memory now (PGlite, once listening). */
  live(): boolean;
  close(): Promise<void>;
}

/**
 * The data version of a PGlite store, kept in memory: this process is the only writer (the folder's lock),
 * and PGlite hands a commit's notification to the listener with the commit's own result, before the
 * writer's promise settles, so the memory is never behind. Until listening has started, the version is read.
 *
 * ### Examples
 * ```ts
 * const watch = watchPGliteDataVersion(db, (notified) => pglite.listen(DATA_VERSION_CHANNEL, (p) => notified(BigInt(p))));
 * await watch.current(); // read once, then from memory
 * ```
 */
export function watchPGliteDataVersion(db: Kysely<Database>, listen: (notified: (version: bigint) => void) => Promise<() => Promise<void>>): DataVersionWatch {
  let cached: bigint | undefined;
  let listening = false;
  let starting: Promise<void> | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let closed = false;
  const advance = (version: bigint) => {
    if (cached === undefined || version > cached) cached = version;
  };
  const start = async () => {
    unlisten = await listen((version) => advance(version));
    // Listening first, then the read: a write committed in between is notified, none is missed.
    const { rows } = await sql<{ version: string | number | bigint; notifies: boolean | null }>`
      select version, (select bool_or(position('pg_notify' in prosrc) > 0) from pg_proc where proname = 'sosms_bump_data_version') as notifies
      from sosms_data_version where id = 1`.execute(db);
    // A database whose writes do not notify yet (opened without its migrations): the version is read each time.
    if (!rows[0]?.notifies || closed) return;
    advance(BigInt(rows[0].version));
    listening = true;
  };
  return {
    async current() {
      if (listening && cached !== undefined) return cached;
      starting ??= start().catch(() => {});
      return readDataVersion(db);
    },
    live: () => listening && cached !== undefined,
    async close() {
      closed = true;
      listening = false;
      await starting;
      await unlisten?.().catch(() => {});
    },
  };
}

/**
 * The data version of a PostgreSQL store, which several processes write (gateways, the command line):
 * each `current()` waits for a read that started after it was called, and all the calls waiting meanwhile
 * share that read, so that a server answering many requests at once reads about once per round trip,
 * on a connection of its own (outside the pool, so a busy pool does not delay it). A write committed
 * before the call is always seen, whichever process made it. When that connection fails, the pool reads
 * instead and the next read opens a new one.
 * (Keeping the version in memory from `LISTEN` notifications was tried and left: a notification reaches
 * the listener a few milliseconds after the writer's commit returns on a loaded machine, long enough for
 * another process's write to be answered `304 Not Modified`.)
 *
 * ### Examples
 * ```ts
 * const watch = watchPostgresDataVersion(db, () => new pg.Client({ connectionString }));
 * await Promise.all([watch.current(), watch.current()]); // one read, or two
 * ```
 */
export function watchPostgresDataVersion(db: Kysely<Database>, connect: () => PgClientLike, onQuery?: (statement: string) => void): DataVersionWatch {
  let client: Promise<PgClientLike> | undefined;
  let running: Promise<bigint> | undefined;
  let queued: Promise<bigint> | undefined;
  let closed = false;
  const drop = (): Promise<void> => {
    const old = client;
    client = undefined;
    return old ? old.then((c) => c.end()).then(() => {}, () => {}) : Promise.resolve();
  };
  const open = (): Promise<PgClientLike> => {
    const c = connect();
    c.on('error', () => {
      if (client === opened) void drop();
    });
    const opened: Promise<PgClientLike> = c.connect().then(() => c);
    return opened;
  };
  const read = async (): Promise<bigint> => {
    if (closed) return readDataVersion(db);
    try {
      client ??= open();
      const statement = 'select version from sosms_data_version where id = 1';
      onQuery?.(statement);
      const { rows } = await (await client).query<{ version: string }>(statement);
      return BigInt(rows[0]?.version ?? 0);
    } catch {
      void drop();
      return readDataVersion(db);
    }
  };
  const current = (): Promise<bigint> => {
    if (!running) return (running = read().finally(() => (running = undefined)));
    // The read in flight may have started before this call: wait for the next one.
    queued ??= running.then(
      () => {},
      () => {},
    ).then(() => {
      queued = undefined;
      return current();
    });
    return queued;
  };
  return {
    current,
    live: () => false,
    async close() {
      closed = true;
      await running?.catch(() => {});
      await queued?.catch(() => {});
      // Until its socket is closed (`end()` resolves then), so a database dropped after close() finds it gone.
      await drop();
    },
  };
}

/** What {@link watchPostgresDataVersion} needs of a `pg.Client`. */
export interface PgClientLike {
  connect(): Promise<unknown>;
  query<R>(text: string): Promise<{ rows: R[] }>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(): Promise<unknown>;
}
