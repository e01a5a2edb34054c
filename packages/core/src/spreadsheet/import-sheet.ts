import { inTransaction } from '../shared/transaction.ts';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { actionSchema, type ActionDocument } from '../action/action.ts';
import type { Database } from '../database/database.ts';
import { measurementSchema, type MeasurementDocument } from '../measurement/measurement.ts';
import type { OrientationDocument } from '../orientation/orientation.ts';
import { progressAfterWrite } from '../rules/progress.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import { importSchemeFileInTransaction, type ImportOptions } from '../scheme-file/import.ts';
import type { SchemeFile } from '../scheme-file/scheme-file.ts';
import { walkActions, walkIndicators, walkOrientations } from '../scheme-file/validate.ts';
import { canonical } from '../database/upsert.ts';
import { DomainError, messageWithDetail, validate, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { cellLocation, headerForKey, type SheetKind } from './columns.ts';
import { readSpreadsheet, type SheetRow, type SheetTable } from './read-table.ts';

/** What a spreadsheet import did. */
export interface SpreadsheetImportResult {
  readonly schemeCode: string;
  readonly actions: { created: number; updated: number; unchanged: number };
  /** Rows of the « Mesures » sheet, and the new revisions written (a row equal to the latest value writes none). */
  readonly measurements: { rows: number; written: number };
}

/** Options of {@link importSpreadsheet}. */
export interface SpreadsheetImportOptions {
  readonly schemeCode: string;
  readonly lang?: Lang;
  /** The file name, to tell XLSX from CSV when `source` is bytes. */
  readonly name?: string;
  readonly isOfficialTerritory?: ImportOptions['isOfficialTerritory'];
}

/** Where a row of a sheet landed in the scheme file, to map the core's field paths back to cells. */
interface RowTarget {
  readonly kind: SheetKind;
  readonly row: number;
}

type Values = Record<string, unknown>;

/** Convert every cell of a table with its column's parser; cell errors name the sheet, row and column. */
function parseRows(table: SheetTable, lang: Lang, issues: ValidationIssue[]): { row: SheetRow; values: Values }[] {
  const out: { row: SheetRow; values: Values }[] = [];
  for (const row of table.rows) {
    const values: Values = {};
    let valid = true;
    for (const column of table.columns) {
      const parsed = column.parse(row.cells[column.key]);
      if (!parsed.ok) {
        issues.push({ path: cellLocation(table.kind, row.row, column.header, lang), code: 'invalid_cell', message: parsed.message[lang] });
        valid = false;
      } else if (parsed.value !== undefined) {
        values[column.key] = parsed.value;
      } else if (column.required) {
        issues.push({ path: cellLocation(table.kind, row.row, column.header, lang), code: 'required', message: lang === 'fr' ? 'valeur obligatoire' : 'value required' });
        valid = false;
      }
    }
    if (valid) out.push({ row, values });
  }
  return out;
}

/** Turn a path inside an action or a measurement (`endDate`, `partners[0].partner`) into its column header. */
function columnOfPath(kind: SheetKind, path: string): string | undefined {
  const field = /^[A-Za-z]+/.exec(path)?.[0];
  return field ? headerForKey(kind, field) : undefined;
}

function rowIssues(kind: SheetKind, row: number, issues: readonly ValidationIssue[], lang: Lang): ValidationIssue[] {
  return issues.map((issue) => ({ ...issue, path: cellLocation(kind, row, columnOfPath(kind, issue.path), lang) }));
}

/** Record the progress the write rule gives (`progressAfterWrite`, shared with `saveAction`); `null` leaves it out. */
function setProgress(action: ActionDocument, progress: number | null): void {
  if (progress === null) delete action.progress;
  else action.progress = progress;
}

const ACTION_FIELDS = ['title', 'description', 'pilot', 'startDate', 'endDate', 'status', 'progress', 'priority', 'publics', 'themes', 'territories', 'illustrative'] as const;

/** Apply the action rows to a copy of the scheme file: update by code, or create under the named orientation. */
function mergeActions(
  file: SchemeFile,
  rows: readonly { row: SheetRow; values: Values }[],
  lang: Lang,
  issues: ValidationIssue[],
  targets: Map<object, RowTarget>,
): { created: number; updated: number; unchanged: number } {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const orientations = new Map<string, OrientationDocument>();
  for (const { orientation } of walkOrientations(file.orientations)) orientations.set(orientation.code, orientation);
  const actions = new Map<string, { action: ActionDocument; orientation: OrientationDocument }>();
  for (const { action, orientationCode } of walkActions(file)) actions.set(action.code, { action, orientation: orientations.get(orientationCode)! });
  const seen = new Map<string, number>();

  for (const { row, values } of rows) {
    const where = (key: string) => cellLocation('actions', row.row, headerForKey('actions', key) ?? key, lang);
    const code = String(values.code);
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push({ path: where('code'), code: 'duplicate_code', message: messageWithDetail('duplicate_code', `${code} (${lang === 'fr' ? 'déjà à la ligne' : 'already on row'} ${first})`, lang) });
      continue;
    }
    seen.set(code, row.row);
    const orientationCode = values.orientation as string | undefined;
    const target = orientationCode === undefined ? undefined : orientations.get(orientationCode);
    if (orientationCode !== undefined && !target) {
      issues.push({ path: cellLocation('actions', row.row, 'orientation', lang), code: 'unknown_orientation', message: messageWithDetail('unknown_orientation', orientationCode, lang) });
      continue;
    }
    const existing = actions.get(code);
    let action: ActionDocument;
    if (existing) {
      const before = canonical(existing.action);
      action = existing.action;
      const stored = { status: action.status, progress: action.progress ?? null };
      for (const key of ACTION_FIELDS) if (values[key] !== undefined) (action as Values)[key] = values[key];
      setProgress(action, progressAfterWrite(stored, { status: action.status, progress: values.progress as number | undefined }));
      if (values.partners !== undefined) {
        const others = (action.partners ?? []).filter((p) => p.role !== 'partner');
        action.partners = [...others, ...(values.partners as string[]).map((partner) => ({ partner, role: 'partner' as const }))];
      }
      if (target && target !== existing.orientation) {
        existing.orientation.actions = existing.orientation.actions?.filter((a) => a !== action);
        target.actions = [...(target.actions ?? []), action];
        existing.orientation = target;
      }
      if (canonical(action) === before) counts.unchanged++;
      else counts.updated++;
    } else {
      const missing = [values.title === undefined ? 'title' : undefined, target === undefined ? 'orientation' : undefined].filter((k): k is string => k !== undefined);
      if (missing.length) {
        for (const key of missing) {
          issues.push({
            path: cellLocation('actions', row.row, key === 'orientation' ? 'orientation' : headerForKey('actions', key), lang),
            code: 'required',
            message: lang === 'fr' ? `obligatoire pour créer l'action ${code}, absente du schéma` : `required to create action ${code}, which is not in the scheme`,
          });
        }
        continue;
      }
      action = { code, status: 'planned' } as ActionDocument;
      for (const key of ACTION_FIELDS) if (values[key] !== undefined) (action as Values)[key] = values[key];
      setProgress(action, progressAfterWrite(null, { status: action.status, progress: values.progress as number | undefined }));
      if (values.partners !== undefined) action.partners = (values.partners as string[]).map((partner) => ({ partner, role: 'partner' as const }));
      target!.actions = [...(target!.actions ?? []), action];
      actions.set(code, { action, orientation: target! });
      counts.created++;
    }
    targets.set(action, { kind: 'actions', row: row.row });
    const checked = validate(actionSchema, action, lang);
    if (!checked.ok) issues.push(...rowIssues('actions', row.row, checked.issues, lang));
  }
  return counts;
}

/** Apply the measurement rows to a copy of the scheme file: each replaces the value of its period and territory. */
function mergeMeasurements(
  file: SchemeFile,
  rows: readonly { row: SheetRow; values: Values }[],
  lang: Lang,
  issues: ValidationIssue[],
  targets: Map<object, RowTarget>,
): void {
  const indicators = new Map([...walkIndicators(file)].map(({ indicator }) => [indicator.code, indicator]));
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const code = String(values.indicator);
    const indicator = indicators.get(code);
    if (!indicator) {
      issues.push({ path: cellLocation('measurements', row.row, headerForKey('measurements', 'indicator'), lang), code: 'unknown_indicator', message: messageWithDetail('unknown_indicator', code, lang) });
      continue;
    }
    const key = `${code}|${String(values.period)}|${String(values.territory)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: cellLocation('measurements', row.row, undefined, lang),
        code: 'duplicate_code',
        message: lang === 'fr' ? `même indicateur, période et territoire qu'à la ligne ${first}` : `same indicator, period and territory as row ${first}`,
      });
      continue;
    }
    seen.set(key, row.row);
    const { indicator: _indicator, ...fields } = values;
    const measurement = fields as MeasurementDocument;
    const checked = validate(measurementSchema, measurement, lang);
    if (!checked.ok) {
      issues.push(...rowIssues('measurements', row.row, checked.issues, lang));
      continue;
    }
    const others = (indicator.measurements ?? []).filter((m) => !(m.period === measurement.period && m.territory === measurement.territory));
    indicator.measurements = [...others, measurement];
    targets.set(measurement, { kind: 'measurements', row: row.row });
  }
}

/** Map issues the core reports on paths of the scheme file back to the rows and columns they came from. */
function issuesOnRows(file: SchemeFile, issues: readonly ValidationIssue[], targets: Map<object, RowTarget>, lang: Lang): ValidationIssue[] {
  const byPath = new Map<string, RowTarget>();
  for (const { action, path } of walkActions(file)) {
    const target = targets.get(action);
    if (target) byPath.set(path, target);
  }
  for (const { indicator, path } of walkIndicators(file)) {
    indicator.measurements?.forEach((m, i) => {
      const target = targets.get(m);
      if (target) byPath.set(`${path}.measurements[${i}]`, target);
    });
  }
  return issues.map((issue) => {
    for (const [prefix, target] of byPath) {
      if (issue.path === prefix || issue.path.startsWith(`${prefix}.`)) {
        const rest = issue.path.slice(prefix.length + 1);
        return { ...issue, path: cellLocation(target.kind, target.row, columnOfPath(target.kind, rest), lang) };
      }
    }
    return issue;
  });
}

/**
 * Import the actions and measurements of a spreadsheet (XLSX with sheets « Actions » and « Mesures »,
 * or a CSV of one of them) into a scheme, in one transaction: an action row whose code exists updates it
 * (empty cells keep the current value), other rows create an action under their orientation; a measurement
 * row records a new revision of its indicator's value. If any row is wrong nothing is written and the
 * `DomainError('VALIDATION')` lists every problem as « Feuille Actions, ligne 7, colonne « date de fin » ».
 *
 * ### Examples
 * ```ts
 * const result = await importSpreadsheet(db, 'suivi-2024.xlsx', { schemeCode: '92-sosms-2024-2028' });
 * result.actions; // { created: 2, updated: 5, unchanged: 31 }
 * ```
 */
export async function importSpreadsheet(db: Kysely<Database>, source: string | Uint8Array, options: SpreadsheetImportOptions): Promise<SpreadsheetImportResult> {
  const lang = options.lang ?? 'fr';
  const name = options.name ?? (typeof source === 'string' ? source : undefined);
  const invalid = (issues: readonly ValidationIssue[]) =>
    new DomainError('VALIDATION', lang === 'fr' ? 'Le tableau est invalide : rien n’a été enregistré.' : 'The spreadsheet is invalid: nothing was saved.', issues);
  let bytes: Uint8Array;
  try {
    bytes = typeof source === 'string' ? await readFile(source) : source;
  } catch (error) {
    throw invalid([{ path: String(source), code: 'file_unreadable', message: lang === 'fr' ? `impossible de lire le fichier (${(error as Error).message})` : `cannot read the file (${(error as Error).message})` }]);
  }
  const read = await readSpreadsheet(bytes, lang, name);
  if (!read.ok) throw invalid(read.issues);

  const issues: ValidationIssue[] = [];
  const actionRows = read.tables.filter((t) => t.kind === 'actions').flatMap((t) => parseRows(t, lang, issues));
  const measurementRows = read.tables.filter((t) => t.kind === 'measurements').flatMap((t) => parseRows(t, lang, issues));

  // Read, merge and write in one transaction, the scheme row locked first: a concurrent write to the scheme
  // (another import, a granular write) either lands before the read or waits for the write, never lost.
  return inTransaction(db, async (trx) => {
    await trx.selectFrom('scheme').select('id').where('code', '=', options.schemeCode).forUpdate().execute();
    const file = structuredClone(await exportSchemeFile(trx, options.schemeCode, lang));
    const targets = new Map<object, RowTarget>();
    const actions = mergeActions(file, actionRows, lang, issues, targets);
    mergeMeasurements(file, measurementRows, lang, issues, targets);
    if (issues.length) throw invalid(issues);

    try {
      const result = await importSchemeFileInTransaction(trx, file, { lang, isOfficialTerritory: options.isOfficialTerritory });
      return { schemeCode: options.schemeCode, actions, measurements: { rows: measurementRows.length, written: result.measurements } };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VALIDATION') throw invalid(issuesOnRows(file, error.issues, targets, lang));
      throw error;
    }
  });
}
