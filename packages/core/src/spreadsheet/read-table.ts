import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { decodeUtf8 } from '../scheme-file/read-file.ts';
import type { Lang, ValidationIssue } from '../validation/issues.ts';
import { cellLocation, columnForHeader, COLUMNS, normalizeLabel, SHEET_NAMES, type Cell, type ColumnSpec, type SheetKind } from './columns.ts';

/** One data row of a sheet: its row number as the spreadsheet shows it, and its cells by column key. */
export interface SheetRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, Cell>>;
}

/** A sheet whose headers were recognised: which kind it is, its columns, its non-empty rows. */
export interface SheetTable {
  readonly kind: SheetKind;
  readonly columns: readonly ColumnSpec[];
  readonly rows: readonly SheetRow[];
}

type Result = { ok: true; tables: SheetTable[] } | { ok: false; issues: ValidationIssue[] };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // an XLSX file is a ZIP archive

/** Whether bytes are an XLSX workbook (by name, else by the ZIP signature). */
export function isXlsx(bytes: Uint8Array, name?: string): boolean {
  const extension = name ? extname(name).toLowerCase() : '';
  if (extension === '.xlsx') return true;
  if (extension === '.csv' || extension === '.txt') return false;
  return XLSX_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Guess the separator of a CSV text from its first line: `;` (French Excel), `,` or a tab.
 *
 * ### Examples
 * ```ts
 * detectSeparator('code;titre;date de fin\n'); // ';'
 * ```
 */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates = [';', ',', '\t'] as const;
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ';' as ';' | ',' | '\t');
}

/** Which sheet kind a workbook sheet name stands for, if any (« Actions », « Mesures »). */
function kindOfSheetName(name: string): SheetKind | undefined {
  const normalized = normalizeLabel(name);
  if (normalized === 'actions' || normalized === 'fiches-actions' || normalized === 'fiches actions') return 'actions';
  if (normalized === 'mesures' || normalized === 'measurements' || normalized === 'valeurs des indicateurs') return 'measurements';
  return undefined;
}

/** Which sheet kind a CSV holds, from its headers: an « indicateur » column means measurements. */
function kindOfHeaders(headers: readonly Cell[]): SheetKind {
  return headers.some((h) => typeof h === 'string' && columnForHeader('measurements', h)?.key === 'indicator') ? 'measurements' : 'actions';
}

function toTable(kind: SheetKind, data: readonly (readonly Cell[])[], lang: Lang, issues: ValidationIssue[]): SheetTable | undefined {
  const [headerRow = [], ...rest] = data;
  const columns: (ColumnSpec | undefined)[] = [];
  const seen = new Set<string>();
  headerRow.forEach((header, index) => {
    const text = header === null || header === undefined ? '' : String(header).trim();
    if (text === '') {
      columns.push(undefined);
      return;
    }
    const column = columnForHeader(kind, text);
    if (!column) {
      issues.push({
        path: cellLocation(kind, 1, text, lang),
        code: 'unknown_column',
        message:
          lang === 'fr'
            ? `colonne inconnue (colonnes possibles : ${COLUMNS[kind].map((c) => c.header).join(', ')})`
            : `unknown column (accepted: ${COLUMNS[kind].map((c) => c.header).join(', ')})`,
      });
    } else if (seen.has(column.key)) {
      issues.push({ path: cellLocation(kind, 1, text, lang), code: 'duplicate_column', message: lang === 'fr' ? 'colonne en double' : 'duplicate column' });
    } else {
      seen.add(column.key);
    }
    columns[index] = column;
  });
  for (const required of COLUMNS[kind].filter((c) => c.required)) {
    if (!seen.has(required.key)) {
      issues.push({ path: cellLocation(kind, 1, required.header, lang), code: 'missing_column', message: lang === 'fr' ? 'colonne obligatoire absente' : 'required column missing' });
    }
  }
  const rows: SheetRow[] = [];
  rest.forEach((cells, index) => {
    const record: Record<string, Cell> = {};
    let empty = true;
    cells.forEach((cell, column) => {
      const spec = columns[column];
      const blank = cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
      if (!blank) empty = false;
      if (spec && !blank) record[spec.key] = cell;
    });
    if (!empty) rows.push({ row: index + 2, cells: record });
  });
  return { kind, columns: columns.filter((c): c is ColumnSpec => c !== undefined), rows };
}

/**
 * Read a spreadsheet of actions and/or measurements: an XLSX workbook with sheets « Actions » and
 * « Mesures », or one CSV (UTF-8, with or without BOM, separated by `;` or `,`) whose headers tell its kind.
 * Headers are matched without regard to case and accents; unknown or missing required columns are issues.
 *
 * ### Examples
 * ```ts
 * const result = await readSpreadsheet(readFileSync('actions.csv'), 'fr', 'actions.csv');
 * if (result.ok) result.tables[0].rows[0]; // { row: 2, cells: { code: '1.1.1', title: '…' } }
 * ```
 */
export async function readSpreadsheet(bytes: Uint8Array, lang: Lang = 'fr', name?: string): Promise<Result> {
  const issues: ValidationIssue[] = [];
  const tables: SheetTable[] = [];
  if (isXlsx(bytes, name)) {
    let sheets: { sheet: string; data: Cell[][] }[];
    try {
      sheets = (await readXlsxFile(Buffer.from(bytes))) as unknown as { sheet: string; data: Cell[][] }[];
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, issues: [{ path: name ?? '', code: 'xlsx_unreadable', message: lang === 'fr' ? `classeur XLSX illisible (${detail})` : `unreadable XLSX workbook (${detail})` }] };
    }
    for (const { sheet, data } of sheets) {
      const kind = kindOfSheetName(sheet);
      if (!kind) continue;
      const table = toTable(kind, data, lang, issues);
      if (table) tables.push(table);
    }
    if (tables.length === 0) {
      issues.push({
        path: name ?? '',
        code: 'no_sheet',
        message:
          lang === 'fr'
            ? `aucune feuille « ${SHEET_NAMES.actions} » ou « ${SHEET_NAMES.measurements} » dans le classeur (feuilles : ${sheets.map((s) => s.sheet).join(', ')})`
            : `no "${SHEET_NAMES.actions}" or "${SHEET_NAMES.measurements}" sheet in the workbook (sheets: ${sheets.map((s) => s.sheet).join(', ')})`,
      });
    }
  } else {
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      return {
        ok: false,
        issues: [{
          path: lang === 'fr' ? `ligne ${decoded.line}` : `line ${decoded.line}`,
          code: 'not_utf8',
          message:
            lang === 'fr'
              ? "le fichier CSV n'est pas encodé en UTF-8 : dans Excel, enregistrez-le au format « CSV UTF-8 (délimité par des virgules) »"
              : 'the CSV file is not UTF-8 encoded: in Excel, save it as "CSV UTF-8 (Comma delimited)"',
        }],
      };
    }
    let data: string[][];
    try {
      data = parseCsv(decoded.text, { delimiter: detectSeparator(decoded.text), bom: true, relax_column_count: true }) as string[][];
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, issues: [{ path: name ?? '', code: 'csv_syntax', message: lang === 'fr' ? `CSV invalide (${detail})` : `invalid CSV (${detail})` }] };
    }
    const table = toTable(kindOfHeaders(data[0] ?? []), data, lang, issues);
    if (table) tables.push(table);
  }
  return issues.length ? { ok: false, issues } : { ok: true, tables };
}
