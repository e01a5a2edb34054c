import writeXlsxFile from 'write-excel-file/node';
import { ACTION_STATUSES, PRIORITIES } from '../action/action.ts';
import { MISSING_REASONS } from '../measurement/measurement.ts';
import { PUBLICS, THEMES } from '../nomenclature/nomenclature.ts';
import { COLUMNS, MISSING_REASON_LABELS, PRIORITY_LABELS, SHEET_NAMES, STATUS_LABELS, type ColumnSpec, type SheetKind } from './columns.ts';

type TemplateCell = { value?: string | number | Date | boolean; type?: StringConstructor | NumberConstructor | DateConstructor | BooleanConstructor; format?: string; fontWeight?: 'bold' } | null;

function headerRow(columns: readonly ColumnSpec[]): TemplateCell[] {
  return columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }));
}

function exampleRow(columns: readonly ColumnSpec[]): TemplateCell[] {
  return columns.map((c) => {
    const value = c.example;
    if (value === '') return null;
    if (value instanceof Date) return { value, type: Date, format: 'dd/mm/yyyy' };
    if (typeof value === 'number') return { value, type: Number };
    // Codes stay text: Excel would turn « 1.1 » into a number and « 1.10 » into 1.1.
    return { value: String(value), type: String };
  });
}

function sheet(kind: SheetKind) {
  const columns = COLUMNS[kind];
  return {
    sheet: SHEET_NAMES[kind],
    data: [headerRow(columns), exampleRow(columns)],
    columns: columns.map((c) => ({ width: Math.max(14, c.header.length + 4, String(c.example).length + 2) })),
    stickyRowsCount: 1,
  };
}

function helpSheet() {
  const rows: TemplateCell[][] = [[{ value: 'feuille', fontWeight: 'bold' }, { value: 'colonne', fontWeight: 'bold' }, { value: 'contenu', fontWeight: 'bold' }]];
  for (const kind of ['actions', 'measurements'] as const) {
    for (const c of COLUMNS[kind]) rows.push([{ value: SHEET_NAMES[kind] }, { value: c.header + (c.required ? ' (obligatoire)' : '') }, { value: c.help }]);
  }
  rows.push([null, null, null], [{ value: 'liste', fontWeight: 'bold' }, { value: 'valeur', fontWeight: 'bold' }, { value: 'code', fontWeight: 'bold' }]);
  for (const s of ACTION_STATUSES) rows.push([{ value: 'statut' }, { value: STATUS_LABELS[s][0] }, { value: s }]);
  for (const p of PRIORITIES) rows.push([{ value: 'priorité' }, { value: PRIORITY_LABELS[p][0] }, { value: p }]);
  for (const p of PUBLICS) rows.push([{ value: 'publics' }, { value: p.label.fr }, { value: p.code }]);
  for (const t of THEMES) rows.push([{ value: 'thématiques' }, { value: t.label.fr }, { value: t.code }]);
  for (const r of MISSING_REASONS) rows.push([{ value: "raison d'absence" }, { value: MISSING_REASON_LABELS[r][0] }, { value: r }]);
  return { sheet: 'Aide', data: rows, columns: [{ width: 18 }, { width: 55 }, { width: 70 }] };
}

/**
 * The XLSX template users fill in: sheets « Actions » and « Mesures » with their French headers and one
 * example row each, and a sheet « Aide » listing the columns and accepted values (ignored on import).
 *
 * ### Examples
 * ```ts
 * writeFileSync('modele-sosms.xlsx', await spreadsheetTemplate());
 * ```
 */
export async function spreadsheetTemplate(): Promise<Buffer> {
  const sheets = [sheet('actions'), sheet('measurements'), helpSheet()];
  return writeXlsxFile(sheets as unknown as Parameters<typeof writeXlsxFile>[0] & object[]).toBuffer();
}
