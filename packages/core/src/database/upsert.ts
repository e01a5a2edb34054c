import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database/database.ts';

type Row = Record<string, unknown>;

/**
 * The rows as one `jsonb` parameter, turned into typed rows of the table by `jsonb_populate_recordset`:
 * text becomes dates or UUIDs, JSON arrays become `text[]`, objects stay `jsonb`. One parameter instead of
 * one per value keeps large imports fast (PGlite parses a 60,000-parameter VALUES list slowly) and has no
 * 65,535-parameter limit. Returns the column list and the `select` to insert from.
 */
function rowsAsRecordset(table: keyof Database, rows: readonly Row[]) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const source = sql`select ${names} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`;
  return { columns: names, source };
}

/**
 * Insert rows, or update the existing row with the same conflict key when — and only when — one of
 * `compare` columns differs, so that writing the same data twice changes nothing. `touch` names a timestamp
 * column (`updated_at`) set to `now()` when a row is updated, as the granular writes do.
 * Values are plain JSON values: `jsonb` columns take objects and arrays as they are.
 * Returns the ids written, split into created and updated.
 */
export async function upsert(
  trx: Transaction<Database> | Kysely<Database>,
  table: keyof Database,
  rows: readonly Row[],
  conflict: readonly string[],
  compare: readonly string[],
  options: { touch?: string } = {},
): Promise<{ created: string[]; updated: string[] }> {
  if (rows.length === 0) return { created: [], updated: [] };
  const set = sql.join([
    ...compare.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`),
    ...(options.touch ? [sql`${sql.ref(options.touch)} = now()`] : []),
  ]);
  const current = sql.join(compare.map((c) => sql.ref(`${table}.${c}`)));
  const incoming = sql.join(compare.map((c) => sql.ref(`excluded.${c}`)));
  const { columns, source } = rowsAsRecordset(table, rows);
  const result = await sql<{ id: string; inserted: boolean }>`
    insert into ${sql.table(table)} (${columns}) ${source}
    on conflict (${sql.join(conflict.map((c) => sql.ref(c)))}) do update set ${set}
    where (${current}) is distinct from (${incoming})
    returning ${sql.ref(`${table}.id`)} as id, (xmax = 0) as inserted`.execute(trx);
  const created: string[] = [];
  const updated: string[] = [];
  for (const row of result.rows) (row.inserted ? created : updated).push(row.id);
  return { created, updated };
}

/** Plain insert (for child rows that are replaced as a whole); values as in {@link upsert}. */
export async function insertAll(trx: Transaction<Database> | Kysely<Database>, table: keyof Database, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { columns, source } = rowsAsRecordset(table, rows);
  await sql`insert into ${sql.table(table)} (${columns}) ${source}`.execute(trx);
}

/** A stable text form of a value, keys sorted, for comparing what is stored with what is written. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Row).filter(([, x]) => x !== undefined && x !== null).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
