import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { ENGINES, createTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { createStore } from './store.ts';
import { MIGRATIONS } from './migrator.ts';
import { trackDataVersion } from './migrations/2026-12-01T2100-data-version.ts';
import { getSchemesByCodes } from '../scheme/scheme.repository.ts';
import { getBodyMembersByBodyIds, getGoverningBodiesBySchemeIds } from '../governance/governance.repository.ts';
import { getConsultationEventsBySchemeIds, getPhasesBySchemeIds } from '../consultation/consultation.repository.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import { importSchemeFile } from '../scheme-file/import.ts';

/** The migrations main shipped before `2026-12-01T2330-real-schemes`: a store as main's code left it. */
const BEFORE = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '2026-12-01T2330'));

/** Rows written the way main's code wrote them (one predecessor code, partners as members, day dates). */
async function writeOldStore(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => BEFORE }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  await trackDataVersion(db);
  const statements = [
    `insert into partner (id, code, name, kind) values ('00000000-0000-4000-8000-000000000001', 'cd-48', 'Département de la Lozère', 'departement')`,
    `insert into scheme (id, code, title, departments, period_start, period_end, status, predecessor_code)
      values ('00000000-0000-4000-8000-000000000010', '48-2013-2017', 'Schéma 2013-2017', '{48}', 2013, 2017, 'closed', null),
             ('00000000-0000-4000-8000-000000000011', '48-2018-2022', 'Schéma 2018-2022', '{48}', 2018, 2022, 'in_force', '48-2013-2017'),
             ('00000000-0000-4000-8000-000000000012', '48-2023-2027', 'Schéma 2023-2027', '{48}', 2023, 2027, 'draft', '48-2008-2012')`,
    `insert into governing_body (id, scheme_id, code, kind, name, position) values ('00000000-0000-4000-8000-000000000020', '00000000-0000-4000-8000-000000000011', 'copil', 'copil', 'Comité de pilotage', 0)`,
    `insert into body_member (body_id, partner_id, role, position) values ('00000000-0000-4000-8000-000000000020', '00000000-0000-4000-8000-000000000001', 'président', 0)`,
    `insert into phase (id, scheme_id, code, kind, title, start_date, end_date, position) values
      ('00000000-0000-4000-8000-000000000030', '00000000-0000-4000-8000-000000000011', 'p1', 'elaboration', 'Groupes de travail', '2018-01-30', '2018-02-14', 0),
      ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-000000000011', 'p2', 'implementation', 'Mise en œuvre', '2019-01-01', null, 1),
      ('00000000-0000-4000-8000-000000000032', '00000000-0000-4000-8000-000000000011', 'p3', 'evaluation', 'Évaluation', null, null, 2)`,
    `insert into consultation_event (id, scheme_id, code, kind, title, date, end_date, participants, position) values
      ('00000000-0000-4000-8000-000000000040', '00000000-0000-4000-8000-000000000011', 'e1', 'launch', 'Lancement', '2018-01-30', null, 107, 0),
      ('00000000-0000-4000-8000-000000000041', '00000000-0000-4000-8000-000000000011', 'e2', 'working_group', 'Groupes', '2018-01-30', '2018-02-14', null, 1)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

for (const engine of ENGINES) {
  describe(`a store written by main's code opens on ${engine}`, () => {
    let folder: string | undefined;
    let database: TestDatabase | undefined;
    afterAll(async () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
      await database?.drop();
    });

    it('keeps its predecessors, members, phases and events, in the new model', { timeout: 180_000 }, async () => {
      let location: string;
      if (engine === 'pglite') {
        folder = mkdtempSync(join(tmpdir(), 'sosms-upgrade-'));
        location = join(folder, 'data');
      } else {
        database = await createTestDatabase('sosms_upgrade');
        location = database.url;
      }
      const old = await createStore({ location, migrate: false });
      try {
        await writeOldStore(old.db);
      } finally {
        await old.close();
      }

      const store = await createStore({ location });
      try {
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
        expect(applied.rows.map((r) => r.name)).toContain('2026-12-01T2330-real-schemes');
        const schemes = await getSchemesByCodes(store.db, ['48-2013-2017', '48-2018-2022', '48-2023-2027']);
        const byCode = new Map(schemes.map((s) => [s.code, s]));
        expect(byCode.get('48-2018-2022')).toMatchObject({ predecessors: ['48-2013-2017'], predecessorCode: '48-2013-2017', publics: [], themes: [] });
        expect(byCode.get('48-2013-2017')!.predecessors).toEqual([]);
        // A predecessor that was never stored is kept as written: the migration loses nothing.
        expect(byCode.get('48-2023-2027')!.predecessors).toEqual(['48-2008-2012']);

        const [body] = await getGoverningBodiesBySchemeIds(store.db, [byCode.get('48-2018-2022')!.id]);
        const members = await getBodyMembersByBodyIds(store.db, [body!.id]);
        expect(members).toEqual([expect.objectContaining({ partnerId: '00000000-0000-4000-8000-000000000001', person: null, role: 'président', position: 0 })]);
        expect(members[0]!.id).toMatch(/^[0-9a-f-]{36}$/);

        const phases = await getPhasesBySchemeIds(store.db, [byCode.get('48-2018-2022')!.id]);
        expect(phases.map((p) => [p.code, p.when.text, p.when.precision, p.startDate, p.endDate])).toEqual([
          ['p1', '2018-01-30/2018-02-14', 'span', '2018-01-30', '2018-02-14'],
          ['p2', '2019-01-01/..', 'span', '2019-01-01', null],
          ['p3', null, 'undated', null, null],
        ]);
        const events = await getConsultationEventsBySchemeIds(store.db, [byCode.get('48-2018-2022')!.id]);
        expect(events.map((e) => [e.code, e.when.text, e.date, e.endDate])).toEqual([
          ['e1', '2018-01-30', '2018-01-30', '2018-01-30'],
          ['e2', '2018-01-30/2018-02-14', '2018-01-30', '2018-02-14'],
        ]);

        // The upgraded scheme exports, and its file imports back without a change.
        const file = await exportSchemeFile(store.db, '48-2018-2022');
        expect(file.scheme.predecessors).toEqual(['48-2013-2017']);
        expect(file.phases?.map((p) => p.date)).toEqual(['2018-01-30/2018-02-14', '2019-01-01/..', undefined]);
        const again = await importSchemeFile(store.db, file);
        expect(again.counts.created + again.counts.updated).toBe(0);
        expect(await exportSchemeFile(store.db, '48-2018-2022')).toEqual(file);
      } finally {
        await store.close();
      }
    });
  });
}
