import { makeDirectory } from '../shared/directory.ts';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { withBlobParameter } from './bulk-insert.ts';
import { migrateToLatest } from './migrator.ts';
import { isStoreSetUp } from './store-setup.ts';
import { DATA_VERSION_CHANNEL, watchPGliteDataVersion, watchPostgresDataVersion, type DataVersionWatch } from './data-version.ts';
import { acquireLock, checkDataFolder, StoreError, type Bilingual, type FolderLock } from './lock.ts';
import { isPostgresUrl } from './location.ts';
import { warnIfUnsupportedNode } from './node-version.ts';

/** Options of {@link createStore}. */
export interface StoreOptions {
  /**
   * Where the data lives: a `postgres://` URL for PostgreSQL, a directory path for a persistent
   * embedded PGlite database (relative to the current directory), or nothing (or `memory://`) for an
   * in-memory PGlite database. A folder is locked for this process while the store is open (see `holder`).
   */
  readonly location?: string;
  /** Who holds a PGlite folder, as the lock file and other processes' refusals name it (default `sosms`). */
  readonly holder?: string;
  /**
   * Told when a stale lock (left by a process that ended) is taken over, and of the progress of a long fill
   * after a migration (stored indicator values) (default: stderr, both languages).
   */
  readonly onNotice?: (text: Bilingual) => void;
  /** Run the migrations on open (default true). */
  readonly migrate?: boolean;
  /** Called with every SQL statement executed (for statement counting in tests and benchmarks). */
  readonly onQuery?: (sql: string) => void;
  /**
   * Longest time one SQL statement may run, in milliseconds (PostgreSQL's `statement_timeout`, SQLSTATE
   * 57014 beyond). Unset: no limit (the CLI's imports); the gateway sets one.
   */
  readonly statementTimeoutMs?: number;
}

/** An open store: the kysely instance and how to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: 'pglite' | 'postgres';
  /** The PGlite folder, when the store is one. */
  readonly folder?: string;
  /** The folder's lock, held while the store is open. */
  readonly lock?: FolderLock;
  /**
   * Whether the store is new: created by this open (a new folder, a PostgreSQL database without tables), or
   * by an earlier one that ended before its first setup was recorded (`loadDemoSchemes`, or
   * `markStoreSetUp` for a store left empty). The caller loads the real schemes, or records that it will not.
   */
  readonly created: boolean;
  /**
   * The data version for HTTP ETags: in memory on PGlite (the only writer), shared reads on a connection
   * of its own on PostgreSQL (several writers); see data-version.ts.
   */
  readonly dataVersion?: DataVersionWatch;
  /** Connections of the PostgreSQL pool (for metrics); undefined on PGlite, which has one in-process engine. */
  poolStats?(): { total: number; idle: number; waiting: number } | undefined;
  close(): Promise<void>;
}

// Dates come back as 'YYYY-MM-DD' strings rather than JavaScript Dates at local midnight. Set on the store's own
// pool (every connection it opens) and PGlite instance only: the host application's `pg` keeps its own parsers.
const DATE_OID = 1082;
const ownTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => (oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)),
};

/**
 * Open the store: embedded PGlite by default, PostgreSQL through `pg` for a `postgres://` URL.
 * Only this folder knows which engine runs.
 *
 * ### Examples
 * ```ts
 * const memory = await createStore();                               // PGlite in memory
 * const disk = await createStore({ location: '.data/sosms' });      // PGlite on disk
 * const server = await createStore({ location: process.env.DATABASE_URL });
 * ```
 */
export async function createStore(options: StoreOptions = {}): Promise<Store> {
  warnIfUnsupportedNode();
  const { location, migrate = true, onQuery } = options;
  const log = onQuery ? (event: { query: { sql: string } }) => onQuery(event.query.sql) : undefined;
  const isPostgres = location !== undefined && isPostgresUrl(location);
  const folder = !isPostgres && location && location !== 'memory://' ? resolve(location) : undefined;
  let db: Kysely<Database>;
  let closing = false;
  let lock: FolderLock | undefined;
  let created = false;
  let poolStats: NonNullable<Store['poolStats']> = () => undefined;
  let dataVersion: DataVersionWatch;
  let closeConnections = async () => {};
  if (isPostgres) {
    // No JIT compilation (`-c jit=off`, sent when each connection starts): it pays off for long analytical
    // queries, and ours are short. The per-indicator lateral join of the latest measurements passes the cost
    // at which PostgreSQL compiles (100,000) for a few thousand indicators or on a table without statistics,
    // and compiling then cost 15 to 180 ms on top of a 60 to 450 ms read.
    const timeout = options.statementTimeoutMs ? ` -c statement_timeout=${Math.max(1, Math.round(options.statementTimeoutMs))}` : '';
    // The connections not closed yet: `pool.end()` resolves as soon as it has asked each to end, before
    // their sockets close, so close() waits for these too. A caller that drops the database right after
    // close() (the tests do, `with (force)`) then finds none of ours; before, the server ended them in
    // the middle of their goodbye (57P01), under load after close() had returned.
    const open = new Set<Promise<void>>();
    closeConnections = () => Promise.all(open).then(() => {});
    const pool = new pg.Pool({ connectionString: location, max: Number(process.env.PG_POOL_SIZE ?? 10), options: `-c jit=off${timeout}`, types: ownTypes });
    // A connection in use that the server ends (restart, `pg_terminate_backend`) fails its query, which the
    // caller sees, and also emits 'error' on the client, which the pool only listens to while the client is
    // idle: without this listener that second report would crash the process. The pool then discards it.
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        if (!closing) console.error(`[sosms] connexion PostgreSQL perdue / PostgreSQL connection lost: ${error.message}`);
      });
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      open.add(ended);
      void ended.then(() => open.delete(ended));
    });
    // An idle connection that the server ends (restart, `pg_terminate_backend`, a dropped database) makes the
    // pool emit 'error'; without a listener Node would crash the process. The pool drops that connection and
    // opens a new one on the next query, so the loss is reported, not fatal; after close() it is expected.
    pool.on('error', (error) => {
      if (!closing) console.error(`[sosms] connexion PostgreSQL inactive perdue / idle PostgreSQL connection lost: ${error.message}`);
    });
    poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    // The data version's own connection: the pool's options and types, a name to tell it in pg_stat_activity.
    dataVersion = watchPostgresDataVersion(db, () => new pg.Client({ connectionString: location, options: '-c jit=off', types: ownTypes, application_name: 'sosms data version', keepAlive: true, connectionTimeoutMillis: 5_000 }), onQuery);
    try {
      const found = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_name = 'kysely_migration' and table_schema = current_schema()`.execute(db);
      created = Number(found.rows[0]?.n ?? 0) === 0;
    } catch (error) {
      closing = true;
      await db.destroy();
      const url = new URL(location);
      url.password = url.password ? '***' : '';
      throw new StoreError('unreachable', {
        fr: `Base PostgreSQL injoignable (${url.toString()}) : ${(error as Error).message}`,
        en: `PostgreSQL database unreachable (${url.toString()}): ${(error as Error).message}`,
      });
    }
  } else if (folder) {
    created = checkDataFolder(folder).created;
    try {
      makeDirectory(folder);
    } catch (error) {
      throw new StoreError('foreign', {
        fr: `Le dossier de données ${folder} ne peut pas être créé (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}) : donnez un dossier où vous pouvez écrire, ou une URL postgres://.`,
        en: `The data folder ${folder} cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a folder you can write to, or a postgres:// URL.`,
      });
    }
    lock = acquireLock(folder, options.holder ?? 'sosms', options.onNotice ?? ((text) => console.error(`${text.fr}\n${text.en}`)));
    try {
      const pglite = await PGlite.create(folder, { parsers: { [DATE_OID]: (value: string) => value } });
      if (options.statementTimeoutMs) await pglite.exec(`set statement_timeout = ${Math.max(1, Math.round(options.statementTimeoutMs))}`);
      db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: withBlobParameter(pglite) }), log });
      dataVersion = watchPGliteDataVersion(db, (notified) => pglite.listen(DATA_VERSION_CHANNEL, (payload) => notified(BigInt(payload))));
    } catch (error) {
      lock.release();
      throw new StoreError('corrupted', {
        fr: `La base PGlite du dossier ${folder} ne s’ouvre pas (dossier abîmé, ou créé par une autre version) : ${(error as Error).message ?? error}. Restaurez une sauvegarde ou donnez un autre dossier.`,
        en: `The PGlite database in ${folder} does not open (damaged folder, or made by another version): ${(error as Error).message ?? error}. Restore a backup or give another folder.`,
      });
    }
  } else {
    created = true;
    const pglite = await PGlite.create('memory://', { parsers: { [DATE_OID]: (value: string) => value } });
    if (options.statementTimeoutMs) await pglite.exec(`set statement_timeout = ${Math.max(1, Math.round(options.statementTimeoutMs))}`);
    db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: withBlobParameter(pglite) }), log });
    dataVersion = watchPGliteDataVersion(db, (notified) => pglite.listen(DATA_VERSION_CHANNEL, (payload) => notified(BigInt(payload))));
  }
  try {
    if (migrate) {
      await migrateToLatest(db, { onNotice: options.onNotice ?? ((text) => console.error(`${text.fr}\n${text.en}`)) });
      // A first open stopped before its setup (a Ctrl-C while the real schemes loaded) leaves a store still new.
      created = !(await isStoreSetUp(db));
    }
  } catch (error) {
    await db.destroy();
    lock?.release();
    throw error;
  }
  return {
    db,
    engine: isPostgres ? 'postgres' : 'pglite',
    dataVersion: dataVersion!,
    ...(folder ? { folder } : {}),
    ...(lock ? { lock } : {}),
    created,
    poolStats,
    close: async () => {
      if (closing) return;
      closing = true;
      try {
        await dataVersion!.close();
        await db.destroy();
        await closeConnections();
      } finally {
        lock?.release();
      }
    },
  };
}
