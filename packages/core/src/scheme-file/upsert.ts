import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database/database.ts';

type Row = Record<string, unknown>;

/** PostgreSQL accepts at most 65,535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

/** Split rows into batches whose parameter count stays under the limit. */
export function chunks<T extends Row>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const perRow = Object.keys(rows[0]!).length || 1;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Insert rows, or update the existing row with the same conflict key when — and only when — one of
 * `compare` columns differs, so that writing the same data twice changes nothing. `touch` names a timestamp
 * column (`updated_at`) set to `now()` when a row is updated, as the granular writes do.
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
  const created: string[] = [];
  const updated: string[] = [];
  const db = trx as unknown as Kysely<any>;
  for (const batch of chunks(rows)) {
    const set: Record<string, unknown> = Object.fromEntries(compare.map((c) => [c, sql.ref(`excluded.${c}`)]));
    if (options.touch) set[options.touch] = sql`now()`;
    const current = sql.join(compare.map((c) => sql.ref(`${table}.${c}`)));
    const incoming = sql.join(compare.map((c) => sql.ref(`excluded.${c}`)));
    const result = await db
      .insertInto(table)
      .values(batch as Row[])
      .onConflict((oc: any) =>
        oc
          .columns(conflict as string[])
          .doUpdateSet(set)
          .where(sql<boolean>`(${current}) is distinct from (${incoming})`),
      )
      .returning([sql.ref(`${table}.id`).as('id'), sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    for (const row of result as { id: string; inserted: boolean }[]) (row.inserted ? created : updated).push(row.id);
  }
  return { created, updated };
}

/** Plain batched insert (for child rows that are replaced as a whole). */
export async function insertAll(trx: Transaction<Database> | Kysely<Database>, table: keyof Database, rows: readonly Row[]): Promise<void> {
  const db = trx as unknown as Kysely<any>;
  for (const batch of chunks(rows)) await db.insertInto(table).values(batch as Row[]).execute();
}

/** A stable text form of a value, keys sorted, for comparing what is stored with what is written. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Row).filter(([, x]) => x !== undefined && x !== null).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
