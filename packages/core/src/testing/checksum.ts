import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/database.ts';

/** The tables a write may touch, to prove that a refused write leaves them unchanged (the audit log is counted apart). */
export const TABLES = [
  'scheme', 'partner', 'district', 'orientation', 'action', 'action_partner', 'action_update', 'indicator', 'measurement',
  'governing_body', 'body_member', 'meeting', 'phase', 'consultation_event', 'proposal', 'scheme_status_change', 'scheme_partner', 'api_token',
] as const;

/**
 * Row counts of every table of {@link TABLES} plus a digest of their contents: equal before and after a
 * refused command when it wrote nothing.
 *
 * ### Examples
 * ```ts
 * const before = await snapshot(store.db);
 * await saveAction(store.db, caller, 't-92', '2', input).catch(() => {});
 * expect(await snapshot(store.db)).toEqual(before);
 * ```
 */
export async function snapshot(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as digest from ${sql.table(t)} x`.execute(db);
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.digest ?? ''}`;
  }
  return out;
}
