// What the sections of a scheme file share: the import's column and row helpers, the export's document helpers.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { canonical, insertAll } from '../../database/upsert.ts';

export type { Tally } from '../../evaluation/evaluation.repository.ts';

/** Progress of a long import: a stage name, how many items are done out of how many. */
export interface ImportProgress {
  stage: 'partners' | 'scheme' | 'orientations' | 'actions' | 'indicators' | 'measurements' | 'governance' | 'consultation';
  done: number;
  total: number;
}

/** Receives the progress of an import's sections. */
export type Progress = (progress: ImportProgress) => void;

/** An optional value of a file as a column's value. */
export const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
/** A `jsonb` column's value, as a plain JSON value (see `upsert`). */
export const json = (v: unknown) => v ?? [];

/** A new id for `code`, kept in `map`. */
export function remember(map: Map<string, string>, code: string): string {
  const id = randomUUID();
  map.set(code, id);
  return id;
}

/** The stored ids by code: of one scheme's rows when `schemeId` is given, else of the rows with these codes. */
export async function idsByCode(
  trx: Transaction<Database>,
  table: 'partner' | 'district' | 'orientation' | 'action' | 'indicator' | 'governing_body' | 'phase' | 'consultation_event' | 'proposal',
  codes: string[],
  schemeId?: string,
): Promise<Map<string, string>> {
  const db = trx as unknown as Kysely<any>;
  let query = db.selectFrom(table).select(['id', 'code']);
  if (schemeId) query = query.where('scheme_id', '=', schemeId);
  else if (codes.length) query = query.where('code', 'in', codes);
  else return new Map();
  const rows = (await query.execute()) as { id: string; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Replace the child rows of the parents whose set of children changed; leave the others untouched.
 * `compare` lists the columns that make a child row what it is.
 */
export async function syncChildren(
  trx: Transaction<Database>,
  table: 'action_partner' | 'action_update' | 'body_member' | 'meeting',
  parentColumn: 'action_id' | 'body_id',
  parentIds: readonly string[],
  wanted: readonly { parent: string; rows: Record<string, unknown>[] }[],
  compare: readonly string[],
  withId = false,
): Promise<void> {
  if (parentIds.length === 0) return;
  const db = trx as unknown as Kysely<any>;
  const existing = (await db.selectFrom(table).select([parentColumn, ...compare]).where(parentColumn, 'in', parentIds).execute()) as Record<string, unknown>[];
  const key = (rows: Record<string, unknown>[]) =>
    rows.map((r) => canonical(Object.fromEntries(compare.map((c) => [c, r[c]])))).sort().join('\n');
  const stored = new Map<string, Record<string, unknown>[]>();
  for (const row of existing) {
    const parent = row[parentColumn] as string;
    stored.set(parent, [...(stored.get(parent) ?? []), row]);
  }
  const changed = wanted.filter((w) => key(w.rows) !== key(stored.get(w.parent) ?? []));
  if (changed.length === 0) return;
  const changedIds = changed.map((c) => c.parent);
  for (let i = 0; i < changedIds.length; i += 5000) {
    await db.deleteFrom(table).where(parentColumn, 'in', changedIds.slice(i, i + 5000)).execute();
  }
  const rows = changed.flatMap((c) => c.rows.map((r) => ({ ...(withId ? { id: randomUUID() } : {}), [parentColumn]: c.parent, ...r })));
  await insertAll(trx, table, rows);
}

/** Drop `null`, `undefined` and empty lists so an exported file reads like a hand-written one. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

/** A nullable column's value as an optional value of a file. */
export const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Rows grouped by a key, in their order. */
export function group<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
}
