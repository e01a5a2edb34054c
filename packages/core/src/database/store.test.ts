import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import type { Store } from './store.ts';

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
  });
}
