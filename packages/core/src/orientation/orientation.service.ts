import type { OrientationRow } from '../database/database.ts';

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
