import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import type { Store } from '../database/store.ts';
import { readByIds } from './batch-read.ts';

for (const engine of ENGINES) {
  describe(`readByIds on ${engine}`, () => {
    let store: Store;
    let schemeIds: string[];
    beforeAll(async () => {
      store = await openTestStore(engine);
      await loadDemoSchemes(store.db);
      schemeIds = (await store.db.selectFrom('scheme').select('id').orderBy('code').execute()).map((r) => r.id);
    });
    afterAll(() => store?.close());

    it('reads the rows of every id given, once each, in the order asked', async () => {
      const [first, second] = schemeIds as [string, string];
      const phases = await readByIds(store.db, {
        table: 'phase', column: 'scheme_id', ids: [first, second, first], orderBy: ['scheme_id', 'position'], toRecord: (row) => `${row.scheme_id}/${row.position}`,
      });
      const expected = await store.db.selectFrom('phase').select(['scheme_id', 'position']).where('scheme_id', 'in', [first, second])
        .orderBy('scheme_id').orderBy('position').execute();
      expect(expected.length).toBeGreaterThan(0);
      expect(phases).toEqual(expected.map((row) => `${row.scheme_id}/${row.position}`));
    });

    it('leaves out ids that are not uuids instead of failing the statement, and reads nothing for none', async () => {
      const read = (ids: string[]) => readByIds(store.db, { table: 'scheme', column: 'id', ids, toRecord: (row) => row.code });
      expect(await read(['not-an-id', "'; drop table scheme; --"])).toEqual([]);
      expect(await read([])).toEqual([]);
      expect(await read(['00000000-0000-0000-0000-000000000000'])).toEqual([]);
      expect((await read([schemeIds[0]!, 'x'])).length).toBe(1);
    });
  });
}
