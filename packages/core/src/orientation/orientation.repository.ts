import { notFoundError, validationError } from '../shared/errors.ts';
import type { Lang } from '../validation/issues.ts';
import type { OrientationDocument } from './orientation.ts';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { orientationFromRow, type Orientation } from './orientation.service.ts';
import { readByIds } from '../shared/batch-read.ts';

/**
 * Orientations by ids, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const orientations = await getOrientationsByIds(db, actions.map((a) => a.orientationId));
 * ```
 */
export async function getOrientationsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Orientation[]> {
  return readByIds(db, { table: 'orientation', column: 'id', ids, toRecord: orientationFromRow });
}

/**
 * The whole orientation trees of several schemes, in one statement, sorted by depth then position
 * (so parents come before their children).
 *
 * ### Examples
 * ```ts
 * const orientations = await getOrientationsBySchemeIds(db, [a.id, b.id]);
 * // select * from orientation where scheme_id in ($1, $2) order by depth, position
 * ```
 */
export async function getOrientationsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Orientation[]> {
  return readByIds(db, { table: 'orientation', column: 'scheme_id', ids: schemeIds, orderBy: ['depth', 'position'], toRecord: orientationFromRow });
}

/** What {@link saveOrientation} returns: the orientation after, and before when it existed. */
export interface OrientationWrite {
  readonly orientation: Orientation;
  readonly before: Orientation | null;
}

/**
 * Create or update an orientation by its code within a scheme, in one transaction. Its own fields are
 * replaced by the input (sub-orientations, actions and indicators given in the input are not written:
 * save them one by one). `parentCode`: absent keeps the current parent (top level for a new one),
 * `null` moves it to the top level, a code moves it under that orientation (depths follow; moving it
 * under itself or its descendants is refused). Throws `DomainError` VALIDATION or NOT_FOUND.
 *
 * ### Examples
 * ```ts
 * await saveOrientation(db, '77-2019-2024', { code: '1.4', title: 'Favoriser l’inclusion numérique' }, '1');
 * ```
 */
export async function writeOrientation(
  trx: Transaction<Database>,
  scheme: { readonly id: string },
  data: OrientationDocument,
  parentCode: string | null | undefined,
  lang: Lang,
): Promise<OrientationWrite> {
  {
    const existing = await trx
      .selectFrom('orientation')
      .selectAll()
      .where('scheme_id', '=', scheme.id)
      .where('code', '=', data.code)
      .forUpdate()
      .executeTakeFirst();
    const before = existing ? orientationFromRow(existing) : null;

    let parent: { id: string; depth: number } | null = null;
    if (parentCode) {
      const found = await trx
        .selectFrom('orientation')
        .select(['id', 'depth'])
        .where('scheme_id', '=', scheme.id)
        .where('code', '=', parentCode)
        .executeTakeFirst();
      if (!found) throw notFoundError('unknown_orientation', 'parentCode', parentCode, lang);
      parent = found;
    } else if (parentCode === undefined && before?.parentId) {
      parent = await trx.selectFrom('orientation').select(['id', 'depth']).where('id', '=', before.parentId).executeTakeFirstOrThrow();
    }
    const parentId = parent?.id ?? null;
    const depth = parent ? parent.depth + 1 : 0;
    const moved = before !== null && before.parentId !== parentId;
    if (moved && parent && (await descendantIds(trx, before.id)).includes(parent.id)) {
      const message = lang === 'fr' ? 'une orientation ne peut pas être placée sous elle-même ou sous ses descendantes' : 'an orientation cannot be placed under itself or its descendants';
      throw validationError([{ path: 'parentCode', code: 'cycle', message: `${message}${lang === 'fr' ? ' : ' : ': '}${parentCode}` }], lang);
    }

    let position = before?.position;
    if (position === undefined || moved) {
      const siblings = trx.selectFrom('orientation').select(sql<number | null>`max(position)`.as('max')).where('scheme_id', '=', scheme.id);
      const last = await (parentId ? siblings.where('parent_id', '=', parentId) : siblings.where('parent_id', 'is', null)).executeTakeFirstOrThrow();
      position = last.max === null ? 0 : Number(last.max) + 1;
    }
    const columns = {
      parent_id: parentId,
      title: data.title,
      description: data.description ?? null,
      easy_read: data.easyRead ?? null,
      objectives: JSON.stringify(data.objectives ?? []),
      weight: data.weight ?? null,
      position,
      depth,
    };
    if (before && moved && depth !== before.depth) {
      const delta = depth - before.depth;
      const below = (await descendantIds(trx, before.id)).filter((id) => id !== before.id);
      if (below.length) await trx.updateTable('orientation').set({ depth: sql<number>`depth + ${delta}` }).where('id', 'in', below).execute();
    }
    const row = before
      ? await trx.updateTable('orientation').set(columns).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
      : await trx.insertInto('orientation').values({ id: randomUUID(), scheme_id: scheme.id, code: data.code, ...columns }).returningAll().executeTakeFirstOrThrow();
    return { orientation: orientationFromRow(row), before };
  }
}

/** The id of an orientation and of all the orientations below it (recursive query). */
async function descendantIds(trx: Transaction<Database>, id: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive tree as (
      select id from orientation where id = ${id}
      union all
      select o.id from orientation o join tree on o.parent_id = tree.id
    )
    select id from tree`.execute(trx);
  return result.rows.map((r) => r.id);
}
