import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, type Principal } from '../src/access/access.ts';
import { listAuditEntries } from '../src/access/audit.repository.ts';
import { fixtureScheme, fixtureSchemeYaml } from '../src/cli/test-fixture.ts';
import type { Store } from '../src/database/store.ts';
import { importSchemeFileCommand } from '../src/scheme-file/import-command.ts';
import { importSpreadsheetCommand } from '../src/spreadsheet/import-command.ts';
import { ENGINES, openTestStore } from '../src/testing/engines.ts';
import { DomainError } from '../src/validation/issues.ts';
import { snapshot } from './read/fixture.ts';
import YAML from 'yaml';

const cli = { principal: operator('sosms import (test)'), lang: 'fr' as const };
const editor: Principal = { tokenId: null, label: 'équipe 92+78', role: 'editor', departments: ['92', '78'], indicatorIds: [] };

async function auditCount(store: Store): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(store.db);
  return row.rows[0]!.n;
}

for (const engine of ENGINES) {
  describe(`file and spreadsheet imports as commands on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store.close());

    it('records a new scheme with before null and the stored scheme after', async () => {
      const result = await importSchemeFileCommand(store.db, cli, YAML.parse(fixtureSchemeYaml()));
      const [entry] = await listAuditEntries(store.db, { entityType: 'Scheme', entityId: result.schemeId });
      expect(entry).toMatchObject({ operation: 'scheme-file:import', outcome: 'done', tokenLabel: 'sosms import (test)', tokenId: null, before: null });
      const after = entry!.after as { scheme: { code: string; title: string }; orientations: unknown[] };
      expect(after.scheme).toMatchObject({ code: 'test-92-78', title: 'Schéma interdépartemental de test' });
      expect(after.orientations).toHaveLength(2);
    });

    it('records a change with the stored scheme before and after', async () => {
      const changed = fixtureScheme() as { scheme: { title: string } };
      changed.scheme.title = 'Schéma interdépartemental révisé';
      const result = await importSchemeFileCommand(store.db, cli, changed);
      const [entry] = await listAuditEntries(store.db, { entityType: 'Scheme', entityId: result.schemeId, limit: 1 });
      expect((entry!.before as { scheme: { title: string } }).scheme.title).toBe('Schéma interdépartemental de test');
      expect((entry!.after as { scheme: { title: string } }).scheme.title).toBe('Schéma interdépartemental révisé');
    });

    it('refuses an invalid file and an editor: nothing written, one refusal row each', async () => {
      const before = await snapshot(store.db);
      const rows = await auditCount(store);
      const bad = fixtureScheme() as { orientations: { actions: { pilot?: string }[] }[] };
      bad.orientations[0]!.actions[0]!.pilot = 'caf-99';
      const invalid = await importSchemeFileCommand(store.db, cli, bad).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(DomainError);
      expect((invalid as DomainError).code).toBe('VALIDATION');
      const forbidden = await importSchemeFileCommand(store.db, { principal: editor }, fixtureScheme()).catch((e: unknown) => e);
      expect((forbidden as DomainError).code).toBe('FORBIDDEN');
      expect(await snapshot(store.db)).toEqual(before);
      expect(await auditCount(store)).toBe(rows + 2);
      const refused = await listAuditEntries(store.db, { outcome: 'refused', limit: 2 });
      expect(refused.map((r) => [r.operation, r.code, r.before, r.after]).sort()).toEqual([
        ['scheme-file:import', 'FORBIDDEN', null, null],
        ['scheme-file:import', 'VALIDATION', null, null],
      ]);
    });

    it('inside a transaction of the caller, a refusal rolls back the earlier files and their audit rows', async () => {
      const rows = await auditCount(store);
      const bad = fixtureScheme('test-other') as { scheme: { period: { start: unknown } } };
      bad.scheme.period.start = 'deux mille';
      await expect(
        store.db.transaction().execute(async (trx) => {
          await importSchemeFileCommand(trx, cli, fixtureScheme('test-first'));
          await importSchemeFileCommand(trx, cli, bad);
        }),
      ).rejects.toThrow(DomainError);
      expect(await auditCount(store)).toBe(rows);
      expect((await sql<{ n: number }>`select count(*)::int as n from scheme where code = 'test-first'`.execute(store.db)).rows[0]!.n).toBe(0);
    });

    it('records a spreadsheet import with the scheme before and after', async () => {
      const csv = new TextEncoder().encode('indicateur;période;territoire;valeur\nrsa-emploi-12m;2025;dep:92;47\n');
      await importSpreadsheetCommand(store.db, { principal: operator('sosms import-sheet (test)') }, csv, { schemeCode: 'test-92-78', name: 'mesures.csv' });
      const [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'spreadsheet:import', outcome: 'done', tokenLabel: 'sosms import-sheet (test)' });
      const values = (file: unknown) =>
        (file as { orientations: { indicators?: { measurements?: unknown[] }[] }[] }).orientations.flatMap((o) => o.indicators ?? []).flatMap((i) => i.measurements ?? []).length;
      expect(values(entry!.after)).toBe(values(entry!.before) + 1);
      const unknown = await importSpreadsheetCommand(store.db, { principal: operator() }, csv, { schemeCode: 'nope' }).catch((e: unknown) => e);
      expect((unknown as DomainError).code).toBe('NOT_FOUND');
    });
  });
}
