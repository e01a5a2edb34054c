import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database/database.ts';

/**
 * Run `fn` in a transaction: the caller's own when `db` already is one (kysely refuses nested
 * transactions), a new one otherwise. Every write of the core goes through it, so that a command, the
 * writes it composes and its audit row commit or roll back together.
 *
 * ### Examples
 * ```ts
 * await inTransaction(db, async (trx) => {
 *   await saveAction(trx, …);
 *   await writeAuditEntry(trx, …);
 * });
 * ```
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
