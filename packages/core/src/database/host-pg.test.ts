// A host application that uses `pg` itself keeps `pg`'s own behaviour after importing @sosms/core: the core sets
// its date parser on its own pool only (issue 10, item 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import * as core from '../index.ts';
import { ENGINES, createTestDatabase, type TestDatabase } from '../testing/engines.ts';

const DATE_OID = 1082;

describe("the host's own pg", () => {
  it('keeps its default DATE parser once the whole core is imported', () => {
    expect(typeof core.createStore).toBe('function');
    const parse = pg.types.getTypeParser(DATE_OID, 'text') as (value: string) => unknown;
    expect(parse('2024-03-01')).toBeInstanceOf(Date);
  });

  describe.runIf(ENGINES.includes('postgres'))('beside a store on the same PostgreSQL database', () => {
    let database: TestDatabase;
    let store: core.Store;
    let host: pg.Client;
    beforeAll(async () => {
      database = await createTestDatabase('sosms_host_pg');
      store = await core.createStore({ location: database.url });
      host = new pg.Client({ connectionString: database.url });
      await host.connect();
    });
    afterAll(async () => {
      await host?.end();
      await store?.close();
      await database?.drop();
    });

    it('reads DATE as a JavaScript Date through the host client, as a string through the store', async () => {
      const ours = await sql<{ d: unknown }>`select date '2024-03-01' as d`.execute(store.db);
      expect(ours.rows[0]!.d).toBe('2024-03-01');
      const theirs = await host.query<{ d: unknown }>(`select date '2024-03-01' as d`);
      expect(theirs.rows[0]!.d).toBeInstanceOf(Date);
      // A pool the host opens after the store keeps the defaults too.
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      try {
        const pooled = await pool.query<{ d: unknown }>(`select date '2024-03-01' as d`);
        expect(pooled.rows[0]!.d).toBeInstanceOf(Date);
      } finally {
        // pool.end() resolves before its connection's socket closes: wait for it, or the database dropped
        // after this file could end it mid-goodbye, and this pool (no 'error' listener, as a host's may
        // have none) would crash the run with 57P01.
        const closed = new Promise((resolve) => pool.once('remove', resolve));
        await pool.end();
        await closed;
      }
    });
  });
});
