import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, ENGINES, openTestStore } from '../testing/engines.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import pg from 'pg';
import { readDataVersion, watchPostgresDataVersion, type DataVersionWatch, type PgClientLike } from './data-version.ts';
import { createStore, type Store } from './store.ts';

for (const engine of ENGINES) {
  describe(`data version on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    it('puts its trigger on every data table', async () => {
      const untracked = await sql<{ table: string }>`
        select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r'
          and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'sosms_data_version')
        order by 1`.execute(store.db);
      expect(untracked.rows.map((r) => r.table)).toEqual(['api_token', 'audit_log', 'indicator_value_pending', 'kysely_migration', 'kysely_migration_lock', 'sosms_data_version']);
    });

    it('advances once per writing transaction (imports too), never on a read', async () => {
      const start = await readDataVersion(store.db);
      await sql`select count(*) from scheme`.execute(store.db);
      expect(await readDataVersion(store.db)).toBe(start);
      await loadDemoSchemes(store.db);
      const afterImport = await readDataVersion(store.db);
      expect(afterImport).toBeGreaterThan(start);
      await store.db.transaction().execute(async (trx) => {
        await sql`update scheme set title = title`.execute(trx);
        await sql`update orientation set title = title`.execute(trx);
      });
      expect(await readDataVersion(store.db)).toBe(afterImport + 1n);
      await sql`delete from measurement where false`.execute(store.db);
      expect(await readDataVersion(store.db)).toBe(afterImport + 2n);
    });

    it('is not advanced by a transaction that rolls back', async () => {
      const start = await readDataVersion(store.db);
      await expect(
        store.db.transaction().execute(async (trx) => {
          await sql`update scheme set title = title`.execute(trx);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await readDataVersion(store.db)).toBe(start);
    });

    it('gives this process\'s writes to its next read' + (engine === 'pglite' ? ', from memory' : ''), async () => {
      const watch = store.dataVersion!;
      expect(await watch.current()).toBe(await readDataVersion(store.db));
      if (engine === 'pglite') await until(() => watch.live());
      for (let n = 0; n < 3; n += 1) {
        await sql`update scheme set title = title`.execute(store.db);
        expect(await watch.current()).toBe(await readDataVersion(store.db));
      }
      await store.db.transaction().execute(async (trx) => {
        await sql`update orientation set title = title`.execute(trx);
        await sql`update action set title = title`.execute(trx);
      });
      expect(await watch.current()).toBe(await readDataVersion(store.db));
      expect(watch.live()).toBe(engine === 'pglite');
    });
  });
}

/** Wait for a condition, at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5_000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!ENGINES.includes('postgres'))('data version on PostgreSQL, written by others', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let writer: Store;
  /** Statements run on the data version's own connection. */
  let reads = 0;
  let watch: DataVersionWatch;
  beforeAll(async () => {
    database = await createTestDatabase('sosms_version');
    writer = await createStore({ location: database.url });
    await loadDemoSchemes(writer.db);
    watch = watchPostgresDataVersion(writer.db, () => {
      const client = new pg.Client({ connectionString: database.url, application_name: 'sosms data version test' });
      const query = client.query.bind(client) as (text: string) => Promise<unknown>;
      return Object.assign(client, { query: (text: string) => ((reads += 1), query(text)) }) as unknown as PgClientLike;
    });
  });
  afterAll(async () => {
    await watch?.close();
    await writer?.close();
    await database?.drop();
  });

  it('sees a write committed by another connection at once, and shares one read among the calls waiting', async () => {
    for (let n = 0; n < 3; n += 1) {
      await sql`update scheme set title = title`.execute(writer.db);
      expect(await watch.current()).toBe(await readDataVersion(writer.db));
    }
    const before = reads;
    const versions = await Promise.all(Array.from({ length: 50 }, () => watch.current()));
    expect(new Set(versions).size).toBe(1);
    expect(reads - before).toBeGreaterThanOrEqual(1);
    expect(reads - before).toBeLessThanOrEqual(2);
  });

  it('never answers a version read before the call, even while a read is in flight', async () => {
    const inFlight = watch.current();
    await sql`update scheme set title = title`.execute(writer.db);
    const written = await readDataVersion(writer.db);
    expect(await watch.current()).toBe(written);
    expect(await inFlight).toBeLessThanOrEqual(written);
  });

  it('reads through the pool when its connection is lost, then opens a new one', async () => {
    await watch.current();
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'sosms data version test' and datname = current_database()`.execute(writer.db);
    await sql`update scheme set title = title`.execute(writer.db);
    expect(await watch.current()).toBe(await readDataVersion(writer.db));
    const before = reads;
    await sql`update scheme set title = title`.execute(writer.db);
    expect(await watch.current()).toBe(await readDataVersion(writer.db));
    expect(reads).toBeGreaterThan(before);
  });
});
