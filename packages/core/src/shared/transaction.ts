import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { refreshStoredIndicatorValues } from '../indicator/stored-value.repository.ts';

/**
 * Run `fn` in a transaction: the caller's own when `db` already is one (kysely refuses nested
 * transactions), a new one otherwise. Every write of the core goes through it, so that a command, the
 * writes it composes and its audit row commit or roll back together. Before a transaction it opened
 * commits, the stored values of the indicators its writes touched are recomputed by the one rule
 * (`refreshStoredIndicatorValues`): what reads find stored is always what the rule gives. With `signal`, a
 * transaction it opened rolls back when the signal is aborted before the commit (the CLI's import on a kill).
 *
 * ### Examples
 * ```ts
 * await inTransaction(db, async (trx) => {
 *   await saveAction(trx, …);
 *   await writeAuditEntry(trx, …);
 * });
 * ```
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(async (trx) => {
    const result = await fn(trx);
    await refreshStoredIndicatorValues(trx);
    // An abort that came while the last writes or the refresh ran rolls back too: nothing commits after it.
    if (options.signal?.aborted) throw new Error('aborted');
    return result;
  });
}
