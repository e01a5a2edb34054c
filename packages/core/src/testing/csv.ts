/**
 * The rows of an RFC 4180 CSV written by core (CRLF line ends, quotes doubled), as objects keyed by the
 * header: for tests that read the open-data files back. Only CRLF ends a row, as core writes them, so a file
 * with bare LF line ends does not read as rows and the test that reads it fails.
 *
 * ### Examples
 * ```ts
 * readCsv('code,nom\r\n"a,1","dit ""b"""\r\n'); // [{ code: 'a,1', nom: 'dit "b"' }]
 * ```
 */
export function readCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += c;
  }
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
