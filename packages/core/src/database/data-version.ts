import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * The data version: a number every committed write advances (migration `2026-12-01T2100-data-version`),
 * one indexed read. Equal versions mean equal data, so an HTTP answer computed at a version can carry it
 * in its ETag.
 *
 * ### Examples
 * ```ts
 * const before = await readDataVersion(db);
 * await saveAction(db, caller, input);
 * (await readDataVersion(db)) > before; // true
 * ```
 */
export async function readDataVersion(db: Kysely<Database>): Promise<bigint> {
  const { rows } = await sql<{ version: string | number | bigint }>`select version from sosms_data_version where id = 1`.execute(db);
  return BigInt(rows[0]?.version ?? 0);
}
