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

/**
 * Open a fresh, migrated store on the given engine; for PostgreSQL, in a new database dropped on close.
 *
 * ### Examples
 * ```ts
 * for (const engine of ENGINES) describe(engine, () => { let store: Store; beforeAll(async () => { store = await openTestStore(engine); }); afterAll(() => store.close()); });
 * ```
 */
export async function openTestStore(engine: 'pglite' | 'postgres', options: { onQuery?: (sql: string) => void } = {}): Promise<Store> {
  if (engine === 'pglite') return createStore(options);
  const adminUrl = process.env.SOSMS_TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error(
      'SOSMS_TEST_DATABASE_URL manque : lancez les tests par `npm test` (qui démarre PostgreSQL) ou SOSMS_TEST_ENGINES=pglite. / SOSMS_TEST_DATABASE_URL is missing: run `npm test` (it starts PostgreSQL) or set SOSMS_TEST_ENGINES=pglite.',
    );
  }
  const name = `sosms_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await createStore({ location: url.toString(), ...options });
  return {
    ...store,
    async close() {
      await store.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
