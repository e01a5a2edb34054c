import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Insertable, Selectable } from '../database/database.ts';
import { isUuid } from '../shared/ids.ts';
import { consultationEventFromRow, phaseFromRow, proposalFromRow, type ConsultationEvent, type Phase, type Proposal } from './consultation.service.ts';
import { readByIds } from '../shared/batch-read.ts';

/**
 * The phases of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const phases = await getPhasesBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getPhasesBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Phase[]> {
  return readByIds(db, { table: 'phase', column: 'scheme_id', ids: schemeIds, orderBy: ['position'], toRecord: phaseFromRow });
}

/**
 * The consultation events of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const events = await getConsultationEventsBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getConsultationEventsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<ConsultationEvent[]> {
  return readByIds(db, { table: 'consultation_event', column: 'scheme_id', ids: schemeIds, orderBy: ['position'], toRecord: consultationEventFromRow });
}

/**
 * The proposals of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const proposals = await getProposalsBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getProposalsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Proposal[]> {
  return readByIds(db, { table: 'proposal', column: 'scheme_id', ids: schemeIds, orderBy: ['position'], toRecord: proposalFromRow });
}

/** The tables of consultation whose rows a scheme keys by code. */
type CodedTable = 'phase' | 'consultation_event' | 'proposal';
type CodedRow<T extends CodedTable> = Selectable<Database[T]>;
/** The columns of a row a command writes: everything but its id, scheme, code and position. */
export type CodedColumns<T extends CodedTable> = Omit<Insertable<Database[T]>, 'id' | 'scheme_id' | 'code' | 'position'>;

/**
 * A phase, consultation event or proposal of a scheme by its code, its row locked for update.
 *
 * ### Examples
 * ```ts
 * const row = await lockCodedRow(trx, 'proposal', scheme.id, 'prop-12');
 * ```
 */
export async function lockCodedRow<T extends CodedTable>(trx: Transaction<Database>, table: T, schemeId: string, code: string): Promise<CodedRow<T> | undefined> {
  const db = trx as unknown as Kysely<Pick<Database, CodedTable>>;
  const row = await db.selectFrom(table as CodedTable).selectAll().where('scheme_id', '=', schemeId).where('code', '=', code).forUpdate().executeTakeFirst();
  return row as CodedRow<T> | undefined;
}

/**
 * Create or update a phase, consultation event or proposal by its code within a scheme, in the caller's
 * transaction: the row is locked, then updated in place (keeping its position) or created at the end of
 * the scheme's list. A racing creation of the same code is found and updated, never duplicated.
 *
 * ### Examples
 * ```ts
 * const { before, after } = await writeCodedRow(trx, 'phase', scheme.id, 'p1', { kind: 'elaboration', title: 'Diagnostic', start_date: null, end_date: null, description: null });
 * ```
 */
export async function writeCodedRow<T extends CodedTable>(
  trx: Transaction<Database>,
  table: T,
  schemeId: string,
  code: string,
  columns: CodedColumns<T>,
): Promise<{ before: CodedRow<T> | null; after: CodedRow<T> }> {
  // One shape for the three tables: each has an id, a scheme, a code and a position; the columns are typed by `CodedColumns<T>`.
  const db = trx as unknown as Kysely<Record<'coded', { id: string; scheme_id: string; code: string; position: number; [column: string]: unknown }>>;
  const into = table as unknown as 'coded';
  const update = async (id: string) => (await db.updateTable(into).set(columns as Record<string, unknown>).where('id', '=', id).returningAll().executeTakeFirstOrThrow()) as unknown as CodedRow<T>;
  const existing = (await lockCodedRow(trx, table, schemeId, code)) as { id: string } | undefined;
  if (existing) return { before: existing as unknown as CodedRow<T>, after: await update(existing.id) };
  const inserted = await db
    .insertInto(into)
    .values({
      ...(columns as Record<string, unknown>),
      id: randomUUID(),
      scheme_id: schemeId,
      code,
      position: sql<number>`(select coalesce(max(position) + 1, 0) from ${sql.table(table)} where scheme_id = ${schemeId})`,
    })
    .onConflict((oc) => oc.columns(['scheme_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { before: null, after: inserted as unknown as CodedRow<T> };
  const raced = (await lockCodedRow(trx, table, schemeId, code)) as unknown as { id: string };
  return { before: raced as unknown as CodedRow<T>, after: await update(raced.id) };
}

/**
 * Delete a phase, consultation event or proposal of a scheme; the rows after it in the scheme's list move up
 * one place (the positions stay those a re-import of the exported file would give).
 *
 * ### Examples
 * ```ts
 * await deleteCodedRow(trx, 'phase', row);
 * ```
 */
export async function deleteCodedRow(trx: Transaction<Database>, table: CodedTable, row: { readonly id: string; readonly scheme_id: string; readonly position: number }): Promise<void> {
  const db = trx as unknown as Kysely<Pick<Database, CodedTable>>;
  await db.deleteFrom(table).where('id', '=', row.id).execute();
  await db.updateTable(table).set({ position: sql<number>`position - 1` }).where('scheme_id', '=', row.scheme_id).where('position', '>', row.position).execute();
}

/**
 * The codes of the proposals of a scheme that come from a consultation event, in the scheme's order.
 *
 * ### Examples
 * ```ts
 * await proposalsOfEvent(trx, scheme.id, 'gt1'); // ['prop-1']
 * ```
 */
export async function proposalsOfEvent(db: Kysely<Database>, schemeId: string, eventCode: string): Promise<string[]> {
  const rows = await db.selectFrom('proposal').select('code').where('scheme_id', '=', schemeId).where('event_code', '=', eventCode).orderBy('position').execute();
  return rows.map((r) => r.code);
}

/**
 * Set the codes of the actions a proposal led to.
 *
 * ### Examples
 * ```ts
 * await setProposalActions(trx, proposal.id, ['1.1.1', '2.3']);
 * ```
 */
export async function setProposalActions(trx: Transaction<Database>, proposalId: string, actionCodes: readonly string[]): Promise<Proposal> {
  const row = await trx.updateTable('proposal').set({ actions: [...actionCodes] }).where('id', '=', proposalId).returningAll().executeTakeFirstOrThrow();
  return proposalFromRow(row);
}

/**
 * The consultation event codes among `codes` that a scheme has. Inside a transaction the rows are locked for
 * share: an event a proposal names cannot be deleted before the proposal's transaction ends.
 *
 * ### Examples
 * ```ts
 * (await existingEventCodes(trx, scheme.id, ['gt1'])).has('gt1');
 * ```
 */
export async function existingEventCodes(db: Kysely<Database>, schemeId: string, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const query = db.selectFrom('consultation_event').select('code').where('scheme_id', '=', schemeId).where('code', 'in', [...new Set(codes)]);
  const rows = await (db.isTransaction ? query.forShare() : query).execute();
  return new Set(rows.map((r) => r.code));
}
