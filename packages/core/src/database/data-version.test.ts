import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import { readDataVersion } from './data-version.ts';
import type { Store } from './store.ts';

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
      expect(untracked.rows.map((r) => r.table)).toEqual(['api_token', 'audit_log', 'kysely_migration', 'kysely_migration_lock', 'sosms_data_version']);
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
  });
}
