import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { importSchemeFile } from './import.ts';
import { exportSchemeFile } from './export.ts';
import { schemeFileSchema } from './scheme-file.ts';
import { DomainError } from '../validation/issues.ts';
import { sampleSchemeFile } from '../../test/fixtures.ts';
import { allTables, snapshot as checksum } from '../testing/checksum.ts';

const TABLES = ['scheme', 'partner', 'district', 'orientation', 'action', 'action_partner', 'action_update', 'indicator', 'measurement', 'governing_body', 'body_member', 'meeting', 'phase', 'consultation_event', 'proposal'] as const;

async function snapshot(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(store.db);
    counts[t] = r.rows[0]!.n;
  }
  return counts;
}

for (const engine of ENGINES) {
  describe(`scheme file import/export on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    it('imports every section, then the same file again changes nothing', async () => {
      const first = await importSchemeFile(store.db, sampleSchemeFile());
      expect(first.counts.created).toBeGreaterThan(10);
      const before = await snapshot(store);
      expect(before).toMatchObject({ scheme: 1, orientation: 3, action: 2, indicator: 2, measurement: 3, action_partner: 2, meeting: 1 });
      // Child rows replaced as a whole (meetings with their decisions, updates) keep their ids when unchanged.
      const childIds = async () => [
        ...(await store.db.selectFrom('meeting').select('id').orderBy('id').execute()),
        ...(await store.db.selectFrom('action_update').select('id').orderBy('id').execute()),
      ];
      const idsBefore = await childIds();
      const again = await importSchemeFile(store.db, sampleSchemeFile());
      expect(again.counts.created).toBe(0);
      expect(again.counts.updated).toBe(0);
      expect(await snapshot(store)).toEqual(before);
      expect(await childIds()).toEqual(idsBefore);
    });

    it('moves updated_at of the rows an import changes, and only of those', async () => {
      const stamps = async () =>
        Object.fromEntries(
          [
            ...(await store.db.selectFrom('action').select(['code', 'updated_at']).execute()).map((r) => [`action ${r.code}`, new Date(r.updated_at).getTime()]),
            ...(await store.db.selectFrom('scheme').select(['code', 'updated_at']).execute()).map((r) => [`scheme ${r.code}`, new Date(r.updated_at).getTime()]),
          ],
        ) as Record<string, number>;
      await importSchemeFile(store.db, sampleSchemeFile());
      const before = await stamps();
      await importSchemeFile(store.db, sampleSchemeFile());
      expect(await stamps()).toEqual(before);
      const changed = sampleSchemeFile();
      changed.orientations![1]!.actions![0]!.title = 'Prévenir la perte d’autonomie à domicile';
      await importSchemeFile(store.db, changed);
      const after = await stamps();
      expect(after['action 2.1']).toBeGreaterThan(before['action 2.1']!);
      expect(after['action 1.1.1']).toBe(before['action 1.1.1']);
      expect(after['scheme test-00-2024-2028']).toBe(before['scheme test-00-2024-2028']);
      await importSchemeFile(store.db, sampleSchemeFile()); // back to the shared fixture for the next tests
    });

    it('exports a file that re-imports to an identical scheme', async () => {
      const exported = await exportSchemeFile(store.db, 'test-00-2024-2028');
      expect(exported).toEqual(JSON.parse(JSON.stringify(schemeFileSchema.parse(sampleSchemeFile()))));
      const before = await snapshot(store);
      const again = await importSchemeFile(store.db, exported);
      expect(again.counts).toMatchObject({ created: 0, updated: 0 });
      expect(await snapshot(store)).toEqual(before);
      expect(await exportSchemeFile(store.db, 'test-00-2024-2028')).toEqual(exported);
    });

    it('keeps earlier revisions when a measurement is corrected', async () => {
      const file = sampleSchemeFile();
      const indicator = file.orientations![0]!.orientations![0]!.actions![0]!.indicators![0]!;
      indicator.measurements![2] = { ...indicator.measurements![2]!, value: 185 };
      const result = await importSchemeFile(store.db, file);
      expect(result.measurements).toBe(1);
      const rows = await store.db.selectFrom('measurement').select(['revision', 'value']).where('period', '=', '2025').where('territory', '=', 'dep:48').orderBy('revision').execute();
      expect(rows).toEqual([{ revision: 1, value: 180 }, { revision: 2, value: 185 }]);
      const exported = await exportSchemeFile(store.db, 'test-00-2024-2028');
      expect(exported.orientations![0]!.orientations![0]!.actions![0]!.indicators![0]!.measurements![2]!.value).toBe(185);
    });

    it('refuses a bad file with French paths and writes nothing', async () => {
      const before = await snapshot(store);
      const file = sampleSchemeFile('test-bad-2024');
      const action = file.orientations![0]!.orientations![0]!.actions![0]!;
      action.endDate = '2023-01-01';
      action.pilot = 'inconnu';
      file.orientations![1]!.actions!.push({ code: '1.1.1', title: 'Doublon' });
      const error = await importSchemeFile(store.db, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      const issues = (error as DomainError).issues;
      expect(issues.map((i) => i.path)).toContain('orientations[0].orientations[0].actions[0].endDate');
      expect(issues.find((i) => i.path.endsWith('endDate'))!.message).toBe('la date de fin précède la date de début');
      expect(await snapshot(store)).toEqual(before);
      const second = sampleSchemeFile('test-bad-2024');
      second.orientations![0]!.orientations![0]!.actions![0]!.pilot = 'inconnu';
      second.orientations![1]!.actions!.push({ code: '1.1.1', title: 'Doublon' });
      const refs = (await importSchemeFile(store.db, second).catch((e: unknown) => e)) as DomainError;
      expect(refs.issues.map((i) => i.code).sort()).toEqual(['duplicate_code', 'unknown_partner']);
      expect(refs.issues.find((i) => i.code === 'unknown_partner')!.path).toBe('orientations[0].orientations[0].actions[0].pilot');
      expect(await snapshot(store)).toEqual(before);
    });

    it('moves a stored scheme forward along its lifecycle, never back, and writes nothing when refused', async () => {
      const file = sampleSchemeFile('test-lifecycle-2024');
      file.scheme.status = 'consultation';
      await importSchemeFile(store.db, file);
      file.scheme.status = 'in_force'; // forward, skipping « adopted »: allowed
      await importSchemeFile(store.db, file);
      const before = await snapshot(store);
      for (const [status, lang, message] of [
        ['draft', 'fr', 'En vigueur → Brouillon'],
        ['consultation', 'en', 'In force → In consultation'],
      ] as const) {
        file.scheme.status = status;
        const error = (await importSchemeFile(store.db, file, { lang }).catch((e: unknown) => e)) as DomainError;
        expect(error).toBeInstanceOf(DomainError);
        expect(error.issues).toEqual([expect.objectContaining({ path: 'scheme.status', code: 'status_transition', message: expect.stringContaining(message) })]);
      }
      expect(await snapshot(store)).toEqual(before);
      const stored = await store.db.selectFrom('scheme').select('status').where('code', '=', 'test-lifecycle-2024').executeTakeFirstOrThrow();
      expect(stored.status).toBe('in_force');
      file.scheme.status = 'closed';
      await importSchemeFile(store.db, file);
    });

    it('removes the measurements of a deleted scheme (no foreign key, a trigger)', async () => {
      await importSchemeFile(store.db, sampleSchemeFile('test-deleted-2024', ['72']));
      const scheme = await store.db.selectFrom('scheme').select('id').where('code', '=', 'test-deleted-2024').executeTakeFirstOrThrow();
      const ids = (await store.db.selectFrom('indicator').select('id').where('scheme_id', '=', scheme.id).execute()).map((r) => r.id);
      const count = async () => (await store.db.selectFrom('measurement').select((eb) => eb.fn.countAll<number>().as('n')).where('indicator_id', 'in', ids).executeTakeFirstOrThrow()).n;
      expect(Number(await count())).toBe(3);
      await store.db.deleteFrom('scheme').where('id', '=', scheme.id).execute();
      expect(Number(await count())).toBe(0);
    });

    it('stopped at any of its steps, an update leaves the old state; run to the end, the new one', async () => {
      const code = 'test-stopped-2024';
      await importSchemeFile(store.db, sampleSchemeFile(code, ['72']));
      const tables = await allTables(store.db);
      const old = await checksum(store.db, tables);
      // The same scheme with every title changed: each step of the import rewrites rows that exist.
      const retitle = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(retitle)
          : value && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'title' && typeof v === 'string' ? `${v} (révisé)` : retitle(v)]))
            : value;
      const revised = retitle(sampleSchemeFile(code, ['72']));
      let stops = 0;
      for (let step = 1; ; step += 1) {
        let seen = 0;
        const stopped = await importSchemeFile(store.db, revised, {
          onProgress: () => {
            seen += 1;
            if (seen === step) throw new Error(`stopped at step ${step}`);
          },
        }).then(
          () => false,
          (error: unknown) => {
            expect(String(error)).toContain(`stopped at step ${step}`);
            return true;
          },
        );
        if (!stopped) break;
        stops += 1;
        expect(await checksum(store.db, tables), `stopped at step ${step}`).toEqual(old);
      }
      expect(stops).toBeGreaterThan(3);
      const updated = await checksum(store.db, tables);
      expect(updated).not.toEqual(old);
      const stored = await store.db.selectFrom('scheme').select('title').where('code', '=', code).executeTakeFirstOrThrow();
      expect(stored.title).toMatch(/\(révisé\)$/);
    });

    it('rolls back everything when the database refuses a row midway', async () => {
      const before = await snapshot(store);
      // The last statement of an import writes proposals: make PostgreSQL refuse that one only.
      await sql`alter table proposal add constraint proposal_refused check (code <> 'prop-1') not valid`.execute(store.db);
      try {
        await expect(importSchemeFile(store.db, sampleSchemeFile('test-rollback-2024'))).rejects.toThrow();
      } finally {
        await sql`alter table proposal drop constraint proposal_refused`.execute(store.db);
      }
      expect(await snapshot(store)).toEqual(before);
    });
  });
}
