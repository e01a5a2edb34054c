import type { Kysely } from 'kysely';
import { runCommand, type Caller } from '../access/command.ts';
import type { Database, OrientationRow } from '../database/database.ts';
import { schemeForWrite } from '../scheme/scheme.service.ts';
import { notFoundError, validated } from '../shared/errors.ts';
import { withoutNulls } from '../shared/values.ts';
import { getOrientationsBySchemeIds, writeOrientation } from './orientation.repository.ts';
import { orientationSchema } from './orientation.ts';

/**
 * An orientation (axe, intention, objectif…) of a scheme's tree: `parentId` is null at the top,
 * `depth` counts from 0 at the top, `position` orders siblings.
 *
 * ### Examples
 * ```ts
 * const orientations = await getOrientationsBySchemeIds(db, [scheme.id]);
 * const top = orientations.filter((o) => o.parentId === null);
 * ```
 */
export interface Orientation {
  readonly id: string;
  readonly schemeId: string;
  readonly parentId: string | null;
  readonly code: string;
  readonly title: string;
  readonly description: string | null;
  readonly easyRead: string | null;
  readonly objectives: string[];
  readonly weight: number | null;
  readonly position: number;
  readonly depth: number;
}

/**
 * Map an `orientation` row to an {@link Orientation}.
 *
 * ### Examples
 * ```ts
 * orientationFromRow(row).parentId; // null for a top-level orientation
 * ```
 */
export function orientationFromRow(row: Omit<OrientationRow, 'search'>): Orientation {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    parentId: row.parent_id,
    code: row.code,
    title: row.title,
    description: row.description,
    easyRead: row.easy_read,
    objectives: row.objectives,
    weight: row.weight,
    position: row.position,
    depth: row.depth,
  };
}

/**
 * Create or update an orientation by its code within a scheme (editor of every département of the
 * scheme). Its own fields are replaced by the input; sub-orientations, actions and indicators given in
 * the input are not written (save them one by one). `parentCode`: absent keeps the current parent (top
 * level for a new one), `null` moves it to the top level, a code moves it under that orientation.
 *
 * ### Examples
 * ```ts
 * await saveOrientation(db, { principal }, '77-2019-2024', { code: '1.4', title: 'Favoriser l’inclusion numérique' }, '1');
 * ```
 */
export function saveOrientation(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown, parentCode?: string | null): Promise<Orientation> {
  return runCommand(db, caller, 'orientation:save', async (ctx) => {
    const data = validated(orientationSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const { orientation, before } = await writeOrientation(ctx.trx, scheme, data, parentCode, ctx.lang);
    return { value: orientation, entityId: orientation.id, before, after: orientation };
  });
}

/**
 * Move an orientation under another one (`parentCode`), or to the top level (`null`), keeping its fields.
 *
 * ### Examples
 * ```ts
 * await moveOrientation(db, { principal }, '77-2019-2024', '1.4', '2');
 * ```
 */
export function moveOrientation(db: Kysely<Database>, caller: Caller, schemeCode: string, code: string, parentCode: string | null): Promise<Orientation> {
  return runCommand(db, caller, 'orientation:move', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const [current] = (await getOrientationsBySchemeIds(ctx.trx, [scheme.id])).filter((o) => o.code === code);
    if (!current) throw notFoundError('unknown_orientation', 'code', code, ctx.lang);
    const data = validated(orientationSchema, withoutNulls({ code: current.code, title: current.title, description: current.description, easyRead: current.easyRead, objectives: current.objectives, weight: current.weight }), ctx.lang);
    const { orientation, before } = await writeOrientation(ctx.trx, scheme, data, parentCode, ctx.lang);
    return { value: orientation, entityId: orientation.id, before, after: orientation };
  });
}
