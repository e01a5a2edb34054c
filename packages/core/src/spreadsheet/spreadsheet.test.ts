import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { Store } from '../database/store.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import { importSchemeFile } from '../scheme-file/import.ts';
import { walkActions, walkIndicators } from '../scheme-file/validate.ts';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { DomainError } from '../validation/issues.ts';
import { fixtureScheme } from '../cli/test-fixture.ts';
import { parseDate, parseNumber, parsePeriod, parseStatus } from './columns.ts';
import { importSpreadsheet } from './import-sheet.ts';
import { operator } from '../access/access.ts';
import { addActionUpdate, saveAction } from '../action/action.service.ts';
import { recordMeasurement } from '../measurement/measurement.service.ts';
import { detectSeparator, readSpreadsheet } from './read-table.ts';
import { spreadsheetTemplate } from './template.ts';

type XlsxCell = string | number | Date | boolean | null;

/** The parsed fixture with one indicator's periodicity changed, wherever the indicator stands. */
function withPeriodicity(file: Record<string, unknown>, code: string, periodicity: string): Record<string, unknown> {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.code === code && 'measurements' in record) record.periodicity = periodicity;
      Object.values(record).forEach(visit);
    }
  };
  visit(file);
  return file;
}

/** An XLSX workbook made of named sheets of plain values (first row = headers). */
async function workbook(sheets: Record<string, XlsxCell[][]>): Promise<Buffer> {
  const data = Object.entries(sheets).map(([sheet, rows]) => ({
    sheet,
    data: rows.map((row) => row.map((value) => (value === null ? null : value instanceof Date ? { value, type: Date, format: 'dd/mm/yyyy' } : { value }))),
  }));
  return writeXlsxFile(data as unknown as Parameters<typeof writeXlsxFile>[0] & object[]).toBuffer();
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('cell parsers', () => {
  it('read French dates, numbers, periods and labels', () => {
    expect(parseDate('31/12/2025')).toEqual({ ok: true, value: '2025-12-31' });
    expect(parseDate(date('2024-02-29'))).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate(45292)).toEqual({ ok: true, value: '2024-01-01' });
    expect(parseDate('31/02/2025').ok).toBe(false);
    expect(parseNumber('41,5')).toEqual({ ok: true, value: 41.5 });
    expect(parseNumber('1 234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('45 %')).toEqual({ ok: true, value: 45 });
    expect(parseNumber('beaucoup').ok).toBe(false);
    expect(parsePeriod('2024-T2')).toEqual({ ok: true, value: '2024-Q2' });
    expect(parsePeriod(2024)).toEqual({ ok: true, value: '2024' });
    expect(parsePeriod('03/2024')).toEqual({ ok: true, value: '2024-03' });
    expect(parsePeriod('2024-13').ok).toBe(false);
    expect(parseStatus('Réalisée')).toEqual({ ok: true, value: 'done' });
    expect(parseStatus('EN COURS')).toEqual({ ok: true, value: 'in_progress' });
    expect(parseStatus('bientôt').ok).toBe(false);
  });

  it('detects the CSV separator', () => {
    expect(detectSeparator('code;titre;"a,b"\n')).toBe(';');
    expect(detectSeparator('code,titre,statut\n')).toBe(',');
  });

  it('reads back the template: both sheets, headers recognised, one example row each', async () => {
    const result = await readSpreadsheet(await spreadsheetTemplate(), 'fr', 'modele.xlsx');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tables.map((t) => [t.kind, t.rows.length])).toEqual([['actions', 1], ['measurements', 1]]);
    expect(result.tables[0]!.rows[0]!.cells).toMatchObject({ code: '1.1.1', status: 'en cours', startDate: date('2024-01-01') });
  });

  it('refuses unknown and missing columns', async () => {
    const result = await readSpreadsheet(Buffer.from('code;titre;date de fn\n1;a;b\n'), 'fr', 'a.csv');
    expect(!result.ok && result.issues.map((i) => `${i.path} : ${i.message}`)).toEqual([expect.stringMatching(/^Feuille Actions, ligne 1, colonne « date de fn » : colonne inconnue/)]);
    const missing = await readSpreadsheet(Buffer.from('indicateur,valeur\nx,1\n'), 'en', 'm.csv');
    expect(!missing.ok && missing.issues.map((i) => i.path)).toEqual(['Sheet Mesures, row 1, column "période"', 'Sheet Mesures, row 1, column "territoire"']);
  });
});

for (const engine of ENGINES) {
  describe(`spreadsheet import on ${engine}`, () => {
    let store: Store;
    const scheme = 'sheet-test';

    beforeAll(async () => {
      store = await openTestStore(engine);
      // Quarterly, so that the sheet may give a quarter (`2025-T1`) as well as a year: periodicity is enforced on write.
      await importSchemeFile(store.db, withPeriodicity(fixtureScheme(scheme), 'rsa-emploi-12m', 'quarter'));
    });
    afterAll(() => store.close());

    /** The whole scheme as exported plus the number of measurement revisions: any write changes it. */
    async function snapshot() {
      const file = await exportSchemeFile(store.db, scheme);
      const revisions = await sql<{ n: string }>`select count(*) as n from measurement`.execute(store.db);
      return { file, revisions: Number(revisions.rows[0]!.n) };
    }

    async function refused(promise: Promise<unknown>): Promise<string[]> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).issues.map((i) => `${i.path} : ${i.message}`);
    }

    it('refuses a workbook with wrong rows, lists every one, and writes nothing', async () => {
      const before = await snapshot();
      const bytes = await workbook({
        Actions: [
          ['code', 'titre', 'orientation', 'pilote', 'date de début', 'date de fin', 'statut', 'avancement'],
          ['1.1', null, null, null, null, null, 'réalisée', null], // valid on its own
          ['2.9', 'Nouvelle action', '2', null, date('2025-06-01'), date('2025-01-01'), null, null],
          ['2.8', 'Autre action', '9', null, null, null, null, null],
          ['2.7', 'Pilotée par un inconnu', '2', 'caf-99', null, null, 'bientôt', 150],
          ['2.6', null, '2', null, null, null, null, null],
        ],
        Mesures: [
          ['indicateur', 'période', 'territoire', 'valeur'],
          ['inconnu', '2025', 'dep:92', 3],
          ['rsa-emploi-12m', '2025', 'dep:92', null],
        ],
      });
      const issues = await refused(importSpreadsheet(store.db, bytes, { schemeCode: scheme, name: 'suivi.xlsx' }));
      expect(issues).toEqual([
        'Feuille Actions, ligne 5, colonne « statut » : valeur inconnue « bientôt » (valeurs possibles : Prévue, En cours, Réalisée, Suspendue, Abandonnée, Bloquée, En retard)',
        'Feuille Actions, ligne 3, colonne « date de fin » : la date de fin précède la date de début',
        'Feuille Actions, ligne 4, colonne « orientation » : orientation inconnue : 9',
        'Feuille Actions, ligne 6, colonne « titre » : obligatoire pour créer l\'action 2.6, absente du schéma',
        'Feuille Mesures, ligne 2, colonne « indicateur » : indicateur inconnu : inconnu',
        "Feuille Mesures, ligne 3, colonne « valeur » : une valeur ou la raison de son absence (missingReason) est obligatoire",
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a period finer than the indicator\'s periodicity, at its row and column, and writes nothing', async () => {
      const before = await snapshot();
      const csv = 'indicateur;période;territoire;valeur\nrsa-emploi-12m;2025-T1;dep:92;47\nrsa-emploi-12m;03/2025;dep:92;47\n';
      const issues = await refused(importSpreadsheet(store.db, Buffer.from(csv), { schemeCode: scheme, name: 'mesures.csv' }));
      expect(issues).toEqual(['Feuille Mesures, ligne 3, colonne « période » : indicateur trimestriel : période attendue AAAA-Q1…Q4 ou AAAA : 2025-03']);
      expect(await snapshot()).toEqual(before);
    });

    it('maps the core\'s cross-reference errors back to the row and column', async () => {
      const before = await snapshot();
      const csv = 'code;titre;orientation;pilote;territoires\n2.7;Pilotée par un inconnu;2;caf-99;dep:92\n';
      const issues = await refused(importSpreadsheet(store.db, Buffer.from(csv), { schemeCode: scheme, name: 'a.csv', lang: 'en' }));
      expect(issues).toEqual(['Sheet Actions, row 2, column "pilote" : unknown partner: caf-99']);
      expect(await snapshot()).toEqual(before);
    });

    it('updates actions by code, creates the others, and records measurements, in one import', async () => {
      const bytes = await workbook({
        Actions: [
          ['Code', 'Titre', 'Orientation', 'Date de début', 'Date de fin', 'Statut', 'Avancement', 'Priorité', 'Publics', 'Thématiques', 'Partenaires'],
          ['1.1', null, null, null, null, 'Réalisée', null, null, null, null, null],
          ['2.5', 'Créer un guichet unique', '2', date('2025-01-01'), '31/12/2026', 'en cours', '25 %', 'haute', 'Personnes âgées; Aidants', 'Soutien aux aidants', 'caf-92'],
        ],
        Mesures: [
          ['indicateur', 'période', 'territoire', 'valeur', 'provisoire', 'source', 'illustratif'],
          ['rsa-emploi-12m', '2025-T1', 'dep:92', 46.5, 'oui', 'CAF', 'oui'],
          ['rsa-emploi-12m', 2024, 'dep:92', 45, null, null, 'oui'],
        ],
      });
      const result = await importSpreadsheet(store.db, bytes, { schemeCode: scheme, name: 'suivi.xlsx' });
      expect(result).toEqual({ schemeCode: scheme, actions: { created: 1, updated: 1, unchanged: 0 }, measurements: { rows: 2, written: 1 } });
      const file = await exportSchemeFile(store.db, scheme);
      const actions = new Map([...walkActions(file)].map(({ action, orientationCode }) => [action.code, { ...action, orientationCode }]));
      // Updated: the new status brings its default progress; the other fields are kept.
      expect(actions.get('1.1')).toMatchObject({ status: 'done', progress: 100, pilot: 'cd-92', startDate: '2024-01-01', title: 'Créer un 14e Service des Solidarités Territoriales' });
      expect(actions.get('2.5')).toMatchObject({
        orientationCode: '2',
        title: 'Créer un guichet unique',
        startDate: '2025-01-01',
        endDate: '2026-12-31',
        status: 'in_progress',
        progress: 25,
        priority: 'high',
        publics: ['elderly', 'carers'],
        themes: ['carer_support'],
        partners: [{ partner: 'caf-92', role: 'partner' }],
      });
      const indicator = [...walkIndicators(file)][0]!.indicator;
      expect(indicator.measurements).toContainEqual(expect.objectContaining({ period: '2025-Q1', territory: 'dep:92', value: 46.5, provisional: true, source: 'CAF' }));
    });

    it('keeps the recorded progress when the new status has no default, as saveAction does', async () => {
      // 2.5 is in progress at 25 % (previous test); « en pause » has no default progress.
      const paused = await importSpreadsheet(store.db, Buffer.from('code;statut\n2.5;en pause\n'), { schemeCode: scheme, name: 'a.csv' });
      expect(paused.actions).toEqual({ created: 0, updated: 1, unchanged: 0 });
      const created = await importSpreadsheet(store.db, Buffer.from('code;titre;orientation;statut\n2.6;Créer un accueil;2;réalisée\n'), { schemeCode: scheme, name: 'b.csv' });
      expect(created.actions).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const actions = new Map([...walkActions(await exportSchemeFile(store.db, scheme))].map(({ action }) => [action.code, action]));
      expect(actions.get('2.5')).toMatchObject({ status: 'paused', progress: 25 });
      // A new action takes its status's default progress, as a new action written by saveAction does.
      expect(actions.get('2.6')).toMatchObject({ status: 'done', progress: 100 });
    });

    it('a corrected value is a new revision; the same value again writes nothing', async () => {
      const before = await snapshot();
      const csv = (value: string) => Buffer.from(`\ufeffindicateur,période,territoire,valeur\r\nrsa-emploi-12m,2024,dep:78,"${value}"\r\n`);
      const first = await importSpreadsheet(store.db, csv('51,5'), { schemeCode: scheme, name: 'm.csv' });
      expect(first.measurements).toEqual({ rows: 1, written: 1 });
      const again = await importSpreadsheet(store.db, csv('51,5'), { schemeCode: scheme, name: 'm.csv' });
      expect(again.measurements).toEqual({ rows: 1, written: 0 });
      const after = await snapshot();
      expect(after.revisions).toBe(before.revisions + 1);
      const revisions = await store.db.selectFrom('measurement').select(['revision', 'value']).where('territory', '=', 'dep:78').where('period', '=', '2024').orderBy('revision').execute();
      expect(revisions).toEqual([{ revision: 1, value: 50 }, { revision: 2, value: 51.5 }]);
    });

    // Only PostgreSQL has two connections at once; PGlite runs one statement after the other.
    it.runIf(engine === 'postgres')('does not lose a change committed by another writer while it runs', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // Another writer: locks the scheme row, changes 2.5's title, and commits only when told.
      const other = store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('scheme').select('id').where('code', '=', scheme).forUpdate().execute();
        await trx.updateTable('action').set({ title: 'Titre changé ailleurs' }).where('code', '=', '2.5').execute();
        locked();
        await held;
      });
      await isLocked;
      let settled = false;
      const importing = importSpreadsheet(store.db, Buffer.from('code;statut\n2.5;en cours\n'), { schemeCode: scheme, name: 'a.csv' }).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false); // it waits for the other writer instead of reading the old state
      release();
      await other;
      await importing;
      const actions = new Map([...walkActions(await exportSchemeFile(store.db, scheme))].map(({ action }) => [action.code, action]));
      expect(actions.get('2.5')).toMatchObject({ title: 'Titre changé ailleurs', status: 'in_progress' });
    });

    it.runIf(engine === 'postgres')('makes granular writes wait for a spreadsheet import of the same scheme', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // Holds the lock the spreadsheet import takes.
      const importLike = store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('scheme').select('id').where('code', '=', scheme).forUpdate().execute();
        locked();
        await held;
      });
      await isLocked;
      const [action] = await store.db.selectFrom('action').select('id').where('code', '=', '2.5').execute();
      const [indicator] = await store.db.selectFrom('indicator').select('id').where('code', '=', 'rsa-emploi-12m').execute();
      const settled: string[] = [];
      const writes = [
        saveAction(store.db, { principal: operator() }, scheme, '2', { code: '2.1', title: 'Réécrite pendant un import' }).then(() => settled.push('saveAction')),
        addActionUpdate(store.db, { principal: operator() }, action!.id, { date: '2025-02-01', kind: 'next_step', text: 'Suite' }).then(() => settled.push('addActionUpdate')),
        recordMeasurement(store.db, { principal: operator() }, indicator!.id, { period: '2026', territory: 'dep:92', value: 48 }).then(() => settled.push('recordMeasurement')),
      ];
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toEqual([]);
      release();
      await importLike;
      await Promise.all(writes);
      expect(settled.sort()).toEqual(['addActionUpdate', 'recordMeasurement', 'saveAction']);
    });

    it('refuses a CSV that is not UTF-8 and an unknown scheme', async () => {
      const latin1 = Buffer.from('code;titre\n1.1;Accès\n', 'latin1');
      expect(await refused(importSpreadsheet(store.db, latin1, { schemeCode: scheme, name: 'a.csv' }))).toEqual([expect.stringContaining("ligne 2 : le fichier CSV n'est pas encodé en UTF-8")]);
      await expect(importSpreadsheet(store.db, Buffer.from('code\n1\n'), { schemeCode: 'nope', name: 'a.csv' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
