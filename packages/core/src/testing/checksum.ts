import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/database.ts';

/** The tables a write may touch, to prove that a refused write leaves them unchanged (the audit log is counted apart). */
export const TABLES = [
  'scheme', 'partner', 'district', 'orientation', 'action', 'action_partner', 'action_update', 'indicator', 'measurement',
  'governing_body', 'body_member', 'meeting', 'phase', 'consultation_event', 'proposal', 'scheme_status_change', 'scheme_partner', 'api_token',
] as const;

/**
 * Row counts of every table of `tables` (by default {@link TABLES}) plus a digest of their contents, in
 * one statement: equal before and after a refused command when it wrote nothing.
 *
 * ### Examples
 * ```ts
 * const before = await snapshot(store.db);
 * await saveAction(store.db, caller, 't-92', '2', input).catch(() => {});
 * expect(await snapshot(store.db)).toEqual(before);
 * ```
 */
export async function snapshot(db: Kysely<Database>, tables: readonly string[] = TABLES): Promise<Record<string, string>> {
  const parts = tables.map((t) => sql`select ${t}::text as t, count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as digest from ${sql.table(t)} x`);
  const r = await sql<{ t: string; n: number; digest: string | null }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const out: Record<string, string> = {};
  for (const row of r.rows) out[row.t] = `${row.n}:${row.digest ?? ''}`;
  return out;
}

/**
 * A cheap stamp of what was last written in each table: its row count and the newest row version's
 * transaction id (`xmin`). Any committed insert, update or delete changes it (a new row version takes a
 * newer id; a delete lowers the count), without reading the rows' contents as {@link snapshot} does.
 *
 * ### Examples
 * ```ts
 * const before = await writeStamps(store.db, await allTables(store.db));
 * ```
 */
export async function writeStamps(db: Kysely<Database>, tables: readonly string[]): Promise<Record<string, string>> {
  const parts = tables.map((t) => sql`select ${t}::text as t, count(*)::int as n, max(x.xmin::text::bigint)::text as stamp from ${sql.table(t)} x`);
  const r = await sql<{ t: string; n: number; stamp: string | null }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const out: Record<string, string> = {};
  for (const row of r.rows) out[row.t] = `${row.n}:${row.stamp ?? ''}`;
  return out;
}

/**
 * Every table of the database's schema (migrations, audit and evaluation tables included).
 *
 * ### Examples
 * ```ts
 * await snapshot(store.db, await allTables(store.db));
 * ```
 */
export async function allTables(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(db);
  return r.rows.map((row) => row.name);
}
