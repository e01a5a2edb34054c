import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { isUuid } from '../shared/ids.ts';
import { bodyMemberFromRow, governingBodyFromRow, meetingFromRow, type BodyMember, type GoverningBody, type Meeting } from './governance.service.ts';

/**
 * The governing bodies of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const bodies = await getGoverningBodiesBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getGoverningBodiesBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<GoverningBody[]> {
  const valid = schemeIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('governing_body').selectAll().where('scheme_id', 'in', valid).orderBy('position').execute();
  return rows.map(governingBodyFromRow);
}

/**
 * The members of several governing bodies, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const members = await getBodyMembersByBodyIds(db, bodies.map((b) => b.id));
 * ```
 */
export async function getBodyMembersByBodyIds(db: Kysely<Database>, bodyIds: readonly string[]): Promise<BodyMember[]> {
  const valid = bodyIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('body_member').selectAll().where('body_id', 'in', valid).orderBy('position').execute();
  return rows.map(bodyMemberFromRow);
}

/**
 * The meetings of several governing bodies, in one statement, oldest first.
 *
 * ### Examples
 * ```ts
 * const meetings = await getMeetingsByBodyIds(db, bodies.map((b) => b.id));
 * ```
 */
export async function getMeetingsByBodyIds(db: Kysely<Database>, bodyIds: readonly string[]): Promise<Meeting[]> {
  const valid = bodyIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('meeting').selectAll().where('body_id', 'in', valid).orderBy('date').orderBy('id').execute();
  return rows.map(meetingFromRow);
}
