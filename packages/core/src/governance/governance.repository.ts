import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { bodyMemberFromRow, governingBodyFromRow, meetingFromRow, type BodyMember, type GoverningBody, type Meeting } from './governance.service.ts';
import { readByIds } from '../shared/batch-read.ts';
import { isUuid } from '../shared/ids.ts';

/**
 * The governing bodies of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const bodies = await getGoverningBodiesBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getGoverningBodiesBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<GoverningBody[]> {
  return readByIds(db, { table: 'governing_body', column: 'scheme_id', ids: schemeIds, orderBy: ['position'], toRecord: governingBodyFromRow });
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
  return readByIds(db, { table: 'body_member', column: 'body_id', ids: bodyIds, orderBy: ['position'], toRecord: bodyMemberFromRow });
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
  return readByIds(db, { table: 'meeting', column: 'body_id', ids: bodyIds, orderBy: ['date', 'id'], toRecord: meetingFromRow });
}

/** The columns of a governing body a command writes (its scheme and code are its key). */
export interface GoverningBodyColumns {
  readonly kind: GoverningBody['kind'];
  readonly name: string;
  readonly description: string | null;
}

/**
 * A governing body of a scheme by its code, its row locked for update (undefined when there is none).
 *
 * ### Examples
 * ```ts
 * const copil = await lockGoverningBody(trx, scheme.id, 'copil');
 * ```
 */
export async function lockGoverningBody(trx: Transaction<Database>, schemeId: string, code: string): Promise<GoverningBody | undefined> {
  const row = await trx.selectFrom('governing_body').selectAll().where('scheme_id', '=', schemeId).where('code', '=', code).forUpdate().executeTakeFirst();
  return row ? governingBodyFromRow(row) : undefined;
}

/**
 * Create a governing body at the end of its scheme's list, or nothing when its code is taken (a racing
 * creation): then `undefined`, and the caller locks the existing one.
 *
 * ### Examples
 * ```ts
 * const body = await insertGoverningBody(trx, scheme.id, 'copil', { kind: 'copil', name: 'Comité de pilotage', description: null });
 * ```
 */
export async function insertGoverningBody(trx: Transaction<Database>, schemeId: string, code: string, columns: GoverningBodyColumns): Promise<GoverningBody | undefined> {
  const row = await trx
    .insertInto('governing_body')
    .values({
      id: randomUUID(),
      scheme_id: schemeId,
      code,
      ...columns,
      position: sql<number>`(select coalesce(max(position) + 1, 0) from governing_body where scheme_id = ${schemeId})`,
    })
    .onConflict((oc) => oc.columns(['scheme_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? governingBodyFromRow(row) : undefined;
}

/**
 * Replace a governing body's own columns (its position and members stay).
 *
 * ### Examples
 * ```ts
 * await updateGoverningBodyRow(trx, body.id, { kind: 'copil', name: 'COPIL', description: null });
 * ```
 */
export async function updateGoverningBodyRow(trx: Transaction<Database>, id: string, columns: GoverningBodyColumns): Promise<GoverningBody> {
  return governingBodyFromRow(await trx.updateTable('governing_body').set(columns).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
}

/**
 * Delete a governing body; its members and meetings go with it (`on delete cascade`), and the bodies after
 * it in the scheme's list move up one place, as the phases, events and proposals do (the positions stay
 * those a re-import of the exported file would give).
 *
 * ### Examples
 * ```ts
 * await deleteGoverningBodyRow(trx, body);
 * ```
 */
export async function deleteGoverningBodyRow(trx: Transaction<Database>, body: { readonly id: string; readonly schemeId: string; readonly position: number }): Promise<void> {
  await trx.deleteFrom('governing_body').where('id', '=', body.id).execute();
  await trx.updateTable('governing_body').set({ position: sql<number>`position - 1` }).where('scheme_id', '=', body.schemeId).where('position', '>', body.position).execute();
}

/**
 * Replace every member of a governing body, in the order given.
 *
 * ### Examples
 * ```ts
 * await replaceBodyMembers(trx, body.id, [{ partnerId, personRole: null, personName: null, role: 'président' }]);
 * ```
 */
/** The columns of a member a command writes: an organisation (`partnerId`) or a person by role, and the seat's role. */
export interface MemberColumns {
  readonly partnerId: string | null;
  readonly personRole: string | null;
  readonly personName: string | null;
  readonly role: string | null;
}

export async function replaceBodyMembers(trx: Transaction<Database>, bodyId: string, members: readonly MemberColumns[]): Promise<BodyMember[]> {
  await trx.deleteFrom('body_member').where('body_id', '=', bodyId).execute();
  if (members.length === 0) return [];
  const rows = await trx
    .insertInto('body_member')
    .values(members.map((m, position) => ({ body_id: bodyId, partner_id: m.partnerId, person_role: m.personRole, person_name: m.personName, role: m.role, position })))
    .returningAll()
    .execute();
  return rows.map(bodyMemberFromRow).sort((a, b) => a.position - b.position);
}

/**
 * Add a member at the end of a governing body's list, or change the role of a partner already sitting
 * there (it keeps its place).
 *
 * ### Examples
 * ```ts
 * await upsertBodyMember(trx, body.id, { partnerId, personRole: null, personName: null, role: 'membre' });
 * ```
 */
export async function upsertBodyMember(trx: Transaction<Database>, bodyId: string, member: MemberColumns): Promise<BodyMember> {
  const values = {
    body_id: bodyId,
    partner_id: member.partnerId,
    person_role: member.personRole,
    person_name: member.personName,
    role: member.role,
    position: sql<number>`(select coalesce(max(position) + 1, 0) from body_member where body_id = ${bodyId})`,
  };
  // An organisation sits once per body (body_member_organisation_idx); a person's seat is checked by the command.
  const insert = trx.insertInto('body_member').values(values);
  const row = await (member.personRole === null
    ? insert.onConflict((oc) => oc.columns(['body_id', 'partner_id']).where('person_role', 'is', null).doUpdateSet({ role: member.role }))
    : insert
  )
    .returningAll()
    .executeTakeFirstOrThrow();
  return bodyMemberFromRow(row);
}

/**
 * Remove a partner from a governing body; the members after it move up one place. Returns whether it sat there.
 *
 * ### Examples
 * ```ts
 * await deleteBodyMember(trx, body.id, partnerId); // true
 * ```
 */
export async function deleteBodyMember(trx: Transaction<Database>, bodyId: string, partnerId: string): Promise<boolean> {
  const gone = await trx.deleteFrom('body_member').where('body_id', '=', bodyId).where('partner_id', '=', partnerId).where('person_role', 'is', null).returning('position').executeTakeFirst();
  if (!gone) return false;
  await trx.updateTable('body_member').set({ position: sql<number>`position - 1` }).where('body_id', '=', bodyId).where('position', '>', gone.position).execute();
  return true;
}

/** The columns of a meeting a command writes. */
export interface MeetingColumns {
  readonly date: string;
  readonly title: string;
  readonly summary: string | null;
  readonly decisions: Meeting['decisions'];
}

/**
 * A meeting by id, its row locked for update (undefined when there is none).
 *
 * ### Examples
 * ```ts
 * const meeting = await lockMeeting(trx, id);
 * ```
 */
export async function lockMeeting(trx: Transaction<Database>, id: string): Promise<Meeting | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await trx.selectFrom('meeting').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? meetingFromRow(row) : undefined;
}

/**
 * Delete a meeting (its decisions are part of its row).
 *
 * ### Examples
 * ```ts
 * await deleteMeetingRow(trx, meeting.id);
 * ```
 */
export async function deleteMeetingRow(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.deleteFrom('meeting').where('id', '=', id).execute();
}

/**
 * Create a meeting of a governing body, or replace the columns of an existing one (`id` given).
 *
 * ### Examples
 * ```ts
 * const meeting = await writeMeetingRow(trx, body.id, null, { date: '2025-03-12', title: 'COPIL', summary: null, decisions: [] });
 * ```
 */
export async function writeMeetingRow(trx: Transaction<Database>, bodyId: string, id: string | null, columns: MeetingColumns): Promise<Meeting> {
  const values = { ...columns, decisions: JSON.stringify(columns.decisions) };
  const row = id
    ? await trx.updateTable('meeting').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
    : await trx.insertInto('meeting').values({ id: randomUUID(), body_id: bodyId, ...values }).returningAll().executeTakeFirstOrThrow();
  return meetingFromRow(row);
}

/**
 * The codes among `codes` of a scheme's orientations and actions that exist, in two statements.
 *
 * ### Examples
 * ```ts
 * const known = await existingPlanCodes(trx, scheme.id, { orientations: ['1'], actions: ['1.1.1'] });
 * known.actions.has('1.1.1');
 * ```
 */
export async function existingPlanCodes(
  db: Kysely<Database>,
  schemeId: string,
  codes: { readonly orientations: readonly string[]; readonly actions: readonly string[] },
): Promise<{ orientations: Set<string>; actions: Set<string> }> {
  const find = async (table: 'orientation' | 'action', wanted: readonly string[]) =>
    wanted.length === 0
      ? new Set<string>()
      : new Set((await db.selectFrom(table).select('code').where('scheme_id', '=', schemeId).where('code', 'in', [...new Set(wanted)]).execute()).map((r) => r.code));
  return { orientations: await find('orientation', codes.orientations), actions: await find('action', codes.actions) };
}
