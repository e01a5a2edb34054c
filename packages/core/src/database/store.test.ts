import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { ENGINES, createTestDatabase, openTestStore } from '../testing/engines.ts';
import { createStore, type Store } from './store.ts';

for (const engine of ENGINES) {
  describe(`store on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    it('migrates to the latest schema', async () => {
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(store.db);
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['scheme', 'orientation', 'action', 'indicator', 'measurement']));
      expect(store.engine).toBe(engine);
    });

    it('reads dates back as YYYY-MM-DD strings', async () => {
      const row = await sql<{ d: string }>`select date '2024-03-01' as d`.execute(store.db);
      expect(row.rows[0]!.d).toBe('2024-03-01');
    });

    it('stems French text for search', async () => {
      const row = await sql<{ hit: boolean }>`select to_tsvector('french', 'personnes âgées accompagnées') @@ plainto_tsquery('french', 'accompagnement') as hit`.execute(store.db);
      expect(row.rows[0]!.hit).toBe(true);
    });

    it.runIf(engine === 'postgres')('compiles no query with JIT, on every connection of the pool', async () => {
      const settings = await Promise.all([1, 2, 3].map(() => sql<{ jit: string }>`select current_setting('jit') as jit, pg_sleep(0.02)`.execute(store.db)));
      expect(settings.map((s) => s.rows[0]!.jit)).toEqual(['off', 'off', 'off']);
    });

    it.runIf(engine === 'postgres')('survives the server ending an idle connection, and says so', async () => {
      // Two connections in the pool: the first ends the second while it sits idle; the data version's own
      // connection is ended too.
      await Promise.all([sql`select pg_sleep(0.05)`.execute(store.db), sql`select pg_sleep(0.05)`.execute(store.db)]);
      const version = await store.dataVersion!.current();
      const report = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const ended = await sql<{ ended: number }>`
          select count(*)::int as ended from (
            select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
          ) as terminated`.execute(store.db);
        expect(ended.rows[0]!.ended).toBeGreaterThan(0);
        await vi.waitFor(() => expect(report).toHaveBeenCalledWith(expect.stringContaining('idle PostgreSQL connection lost')));
      } finally {
        report.mockRestore();
      }
      const again = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(again.rows[0]!.one).toBe(1);
      expect(await store.dataVersion!.current()).toBeGreaterThanOrEqual(version);
    });
  });
}

describe.runIf(ENGINES.includes('postgres'))('closing a PostgreSQL store', () => {
  it('returns once every connection of the store is closed, so a database dropped right after finds none', async () => {
    // pool.end() resolves when it has asked its connections to end, before their sockets close: a database
    // dropped `with (force)` then ended them mid-goodbye (57P01), and a pool without an 'error' listener
    // crashed the process. Three rounds: the race showed in two closes of three.
    const admin = new pg.Client({ connectionString: process.env.SOSMS_TEST_DATABASE_URL });
    await admin.connect();
    try {
      for (let round = 0; round < 3; round += 1) {
        const database = await createTestDatabase('sosms_store_close');
        try {
          const store = await createStore({ location: database.url });
          await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.02)`.execute(store.db)));
          await store.dataVersion!.current();
          const name = new URL(database.url).pathname.slice(1);
          const count = async () => (await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name])).rows[0]!.n;
          expect(await count()).toBeGreaterThanOrEqual(2);
          await store.close();
          expect(await count()).toBe(0);
        } finally {
          await database.drop();
        }
      }
    } finally {
      await admin.end();
    }
  });
});
