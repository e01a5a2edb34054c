/** One CSV cell: text, a number, a boolean, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Format one CSV field per RFC 4180: quoted when it holds a comma, a quote, a line break or
 * leading/trailing spaces; quotes doubled. Numbers use a decimal point; booleans are `true`/`false`.
 *
 * ### Examples
 * ```ts
 * csvField('Accès aux droits, accueil'); // '"Accès aux droits, accueil"'
 * csvField('dit "FALC"'); // '"dit ""FALC"""'
 * csvField(41.5); // '41.5'
 * ```
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Write a whole CSV document per RFC 4180: a header line, one line per row, CRLF after every line.
 *
 * ### Examples
 * ```ts
 * toCsv(['code', 'titre'], [['1.1', 'Piloter, évaluer']]); // 'code,titre\r\n1.1,"Piloter, évaluer"\r\n'
 * ```
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
