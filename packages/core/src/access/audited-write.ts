import type { Kysely } from 'kysely';
import { inTransaction } from '../shared/transaction.ts';
import type { Database } from '../database/database.ts';
import { writeAuditEntry, type AuditEntryInput } from './audit.repository.ts';

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
  return inTransaction(db, async (trx) => {
    const result = await write(trx);
    await writeAuditEntry(trx, audit(result));
    return result;
  });
}
