import pg from 'pg';
import { createStore, type Store } from '../database/store.ts';

/**
 * The engines every storage suite runs on, as kysely's own tests do. `SOSMS_TEST_ENGINES=pglite` keeps one.
 * PostgreSQL needs `SOSMS_TEST_DATABASE_URL` (an admin URL): each test file gets a fresh database of its own.
 */
export const ENGINES = (process.env.SOSMS_TEST_ENGINES ?? 'pglite,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter((e): e is 'pglite' | 'postgres' => e === 'pglite' || e === 'postgres');

/** A fresh, empty PostgreSQL database made for one test file: its URL, and how to drop it. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Create an empty PostgreSQL database on the server of `SOSMS_TEST_DATABASE_URL` (an admin URL), for tests that
 * need a URL rather than a store (the command line opens its own). Drop it when the file is done.
 *
 * ### Examples
 * ```ts
 * const database = await createTestDatabase('sosms_cli');
 * await runCli(['list', '--database', database.url], io);
 * await database.drop();
 * ```
 */
export async function createTestDatabase(prefix = 'sosms_test'): Promise<TestDatabase> {
  const adminUrl = process.env.SOSMS_TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error(
      'SOSMS_TEST_DATABASE_URL manque : lancez les tests par `npm test` (qui démarre PostgreSQL) ou SOSMS_TEST_ENGINES=pglite. / SOSMS_TEST_DATABASE_URL is missing: run `npm test` (it starts PostgreSQL) or set SOSMS_TEST_ENGINES=pglite.',
    );
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`Invalid database name prefix: ${prefix}`);
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Open a fresh, migrated store on the given engine; for PostgreSQL, in a new database dropped on close.
 *
 * ### Examples
 * ```ts
 * for (const engine of ENGINES) describe(engine, () => { let store: Store; beforeAll(async () => { store = await openTestStore(engine); }); afterAll(() => store.close()); });
 * ```
 */
export async function openTestStore(engine: 'pglite' | 'postgres', options: { onQuery?: (sql: string) => void; statementTimeoutMs?: number } = {}): Promise<Store> {
  if (engine === 'pglite') return createStore(options);
  const database = await createTestDatabase();
  const store = await createStore({ location: database.url, ...options });
  return {
    ...store,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

export { snapshot, TABLES } from './checksum.ts';
export { readCsv } from './csv.ts';
export { findPostgresBinary, freePort, startCluster, startPostgres, type Cluster } from './postgres.mjs';
export { seededRandom } from './random.ts';
