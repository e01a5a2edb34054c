import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { withAccessTables } from './access.table.ts';
import type { Principal } from './access.ts';

/** One audit log entry as written by {@link writeAuditEntry}. */
export interface AuditEntryInput {
  readonly principal: Principal | undefined;
  /** The operation name, e.g. `action:save` (see `OPERATIONS`). */
  readonly operation: string;
  /** The entity type, e.g. `Action`. */
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  /** `refused` for an attempt the core refused (`code` says why); `done` by default. */
  readonly outcome?: 'done' | 'refused';
  readonly code?: string;
}

/** One audit log entry as read back. */
export interface AuditEntry {
  readonly id: string;
  readonly tokenId: string | null;
  readonly tokenLabel: string | null;
  readonly at: string;
  readonly operation: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly outcome: 'done' | 'refused';
  readonly code: string | null;
}

/**
 * Add an audit log row. Call it with the same transaction as the change it records.
 *
 * ### Examples
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   const { before, after } = await saveAction(trx, …);
 *   await writeAuditEntry(trx, { principal, operation: 'saveAction', entityType: 'Action', entityId: after.id, before, after });
 * });
 * ```
 */
export async function writeAuditEntry(db: Kysely<Database>, entry: AuditEntryInput): Promise<void> {
  await withAccessTables(db)
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      token_id: entry.principal?.tokenId ?? null,
      token_label: entry.principal?.label ?? null,
      operation: entry.operation,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      outcome: entry.outcome ?? 'done',
      code: entry.code ?? null,
    })
    .execute();
}

/**
 * The latest audit entries, newest first, optionally for one entity.
 *
 * ### Examples
 * ```ts
 * const last = await listAuditEntries(db, { entityType: 'Action', entityId: action.id, limit: 10 });
 * ```
 */
export async function listAuditEntries(
  db: Kysely<Database>,
  filter: { entityType?: string; entityId?: string; outcome?: 'done' | 'refused'; limit?: number } = {},
): Promise<AuditEntry[]> {
  let query = withAccessTables(db).selectFrom('audit_log').selectAll();
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const rows = await query.orderBy('at', 'desc').orderBy('id').limit(filter.limit ?? 100).execute();
  return rows.map((r) => ({
    id: r.id,
    tokenId: r.token_id,
    tokenLabel: r.token_label,
    at: new Date(r.at).toISOString(),
    operation: r.operation,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    outcome: r.outcome,
    code: r.code,
  }));
}
