// The one batch read behind every `get…By…Ids` of the repositories: the rows of a table whose uuid column
// is in a list, in one statement, mapped to their domain record. Dataloaders call these with whole batches.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database/database.ts';
import { isUuid } from './ids.ts';

/** A table of the store. */
export type TableName = keyof Database & string;

/** A column of a table of the store. */
export type ColumnOf<T extends TableName> = keyof Database[T] & string;

/** What {@link readByIds} reads: which rows, in which order, and how each becomes a record. */
export interface ByIdsRead<T extends TableName, R> {
  readonly table: T;
  /** A uuid column: `id`, `scheme_id`, `body_id`… */
  readonly column: ColumnOf<T>;
  readonly ids: readonly string[];
  /** Sort keys, ascending; none leaves the order to the database. */
  readonly orderBy?: readonly ColumnOf<T>[];
  readonly toRecord: (row: Selectable<Database[T]>) => R;
}

/**
 * The rows of `table` whose `column` is one of `ids`, in one statement, as records. Ids that are not
 * uuids are left out (an id from outside reads as "not found" instead of failing the statement), repeated
 * ids are read once, and an empty list makes no statement.
 *
 * ### Examples
 * ```ts
 * const actions = await readByIds(db, { table: 'action', column: 'scheme_id', ids: [scheme.id], toRecord: actionFromRow });
 * // select * from action where scheme_id in ($1)
 * const phases = await readByIds(db, { table: 'phase', column: 'scheme_id', ids, orderBy: ['position'], toRecord: phaseFromRow });
 * ```
 */
export async function readByIds<T extends TableName, R>(db: Kysely<Database>, read: ByIdsRead<T, R>): Promise<R[]> {
  const ids = [...new Set(read.ids.filter(isUuid))];
  if (ids.length === 0) return [];
  // The signature checks the table, its columns and the row type; kysely's builder cannot follow a table
  // chosen by a type parameter, so the statement itself is built on the untyped view of the same database.
  const untyped = db as unknown as Kysely<Record<string, Record<string, string>>>;
  const key: string = read.column;
  let query = untyped.selectFrom(read.table).selectAll().where(key, 'in', ids);
  for (const column of read.orderBy ?? []) query = query.orderBy(column as string);
  const rows = (await query.execute()) as Selectable<Database[T]>[];
  return rows.map(read.toRecord);
}
