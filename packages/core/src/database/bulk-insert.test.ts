import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { bulkInsert, encodeBinaryCopy, type BulkColumn } from './bulk-insert.ts';
import type { Store } from './store.ts';

interface Row {
  id: string;
  label: string | null;
  day: string | null;
  count: number | null;
  amount: number | null;
  flag: boolean | null;
}

const COLUMNS: BulkColumn<Row>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'label', type: 'text', value: (r) => r.label },
  { name: 'day', type: 'date', value: (r) => r.day },
  { name: 'count', type: 'int', value: (r) => r.count },
  { name: 'amount', type: 'float8', value: (r) => r.amount },
  { name: 'flag', type: 'bool', value: (r) => r.flag },
];

const ROWS: Row[] = [
  { id: '0b6e1c1e-8a52-4a7e-9d43-2f1f6f0e9a01', label: 'Établissement « Les Tilleuls »\tligne 1\nligne 2 \\ "guillemets"', day: '2024-02-29', count: -3, amount: 1234.5678, flag: true },
  { id: '0B6E1C1E-8A52-4A7E-9D43-2F1F6F0E9A02', label: '', day: '1999-12-31', count: 2_147_483_647, amount: -0.1, flag: false },
  { id: '0b6e1c1e-8a52-4a7e-9d43-2f1f6f0e9a03', label: null, day: null, count: null, amount: null, flag: null },
  { id: '0b6e1c1e-8a52-4a7e-9d43-2f1f6f0e9a04', label: '😀 émoji', day: '2000-01-01', count: 0, amount: 1e-9, flag: true },
];

for (const engine of ENGINES) {
  describe(`bulk insert on ${engine}`, () => {
    let store: Store;
    const statements: string[] = [];
    beforeAll(async () => {
      store = await openTestStore(engine, { onQuery: (statement) => void statements.push(statement) });
      await sql`create table bulk_probe (id uuid primary key, label text, day date, count int, amount float8, flag bool)`.execute(store.db);
    });
    afterAll(() => store?.close());

    it('writes every type, nulls and awkward text exactly, inside the caller’s transaction', async () => {
      const done: number[] = [];
      await store.db.transaction().execute((trx) => bulkInsert(trx, 'bulk_probe', COLUMNS, ROWS, (n) => done.push(n)));
      expect(done).toEqual([4]);
      // Binary COPY on PGlite, unnest arrays on PostgreSQL.
      expect(statements.some((s) => (engine === 'pglite' ? /^copy "bulk_probe"/ : /^insert into "bulk_probe".*unnest/s).test(s))).toBe(true);
      const back = await sql<Row>`select id::text, label, day, count, amount, flag from bulk_probe order by id`.execute(store.db);
      expect(back.rows).toEqual(ROWS.map((r) => ({ ...r, id: r.id.toLowerCase() })));
    });

    it('writes nothing when the transaction rolls back', async () => {
      const before = await sql<{ n: number }>`select count(*)::int as n from bulk_probe`.execute(store.db);
      const more = Array.from({ length: 3 }, (_, i) => ({ ...ROWS[0]!, id: `1b6e1c1e-8a52-4a7e-9d43-2f1f6f0e9a0${i}` }));
      await expect(
        store.db.transaction().execute(async (trx) => {
          await bulkInsert(trx, 'bulk_probe', COLUMNS, more);
          await bulkInsert(trx, 'bulk_probe', COLUMNS, [ROWS[0]!]); // duplicate key
        }),
      ).rejects.toThrow();
      const after = await sql<{ n: number }>`select count(*)::int as n from bulk_probe`.execute(store.db);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    });
  });
}

describe('encodeBinaryCopy', () => {
  it('refuses a malformed UUID or date rather than writing garbage', () => {
    expect(() => encodeBinaryCopy(COLUMNS, [{ ...ROWS[0]!, id: 'not-a-uuid' }])).toThrow(/UUID/);
    expect(() => encodeBinaryCopy(COLUMNS, [{ ...ROWS[0]!, day: '2024-13-45' }])).toThrow(/date/);
  });
});
