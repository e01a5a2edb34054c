import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { writeAuditEntry, type AuditEntryInput } from './audit.repository.ts';

/**
 * A view of an open transaction whose `transaction().execute(fn)` runs `fn` inside it instead of
 * opening a new one (kysely refuses nested transactions). The core's granular writes each open their
 * own transaction; through this view they join the caller's, so the change and its audit row commit
 * or roll back together.
 *
 * ### Examples
 * ```ts
 * await db.transaction().execute(async (trx) => { await updateScheme(joinTransaction(trx), code, patch); });
 * ```
 */
export function joinTransaction(trx: Transaction<Database>): Kysely<Database> {
  const joined = {
    execute: <T>(fn: (inner: Transaction<Database>) => Promise<T>) => fn(trx),
    setIsolationLevel: () => joined,
    setAccessMode: () => joined,
  };
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => joined;
      // Kysely keeps its state in private fields: call methods on the real object, not on the proxy.
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as Kysely<Database>;
}

/**
 * Run a write and add its audit log row in the same transaction: both are saved, or neither.
 *
 * ### Examples
 * ```ts
 * const { scheme } = await auditedWrite(db, (tx) => updateScheme(tx, code, patch), ({ scheme, before }) => ({
 *   principal, operation: 'updateScheme', entityType: 'Scheme', entityId: scheme.id, before, after: scheme,
 * }));
 * ```
 */
export async function auditedWrite<T>(
  db: Kysely<Database>,
  write: (db: Kysely<Database>) => Promise<T>,
  audit: (result: T) => AuditEntryInput,
): Promise<T> {
  const run = async (trx: Transaction<Database>) => {
    const result = await write(joinTransaction(trx));
    await writeAuditEntry(trx, audit(result));
    return result;
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}
