import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { runCommand, type Caller, type CommandContext } from '../access/command.ts';
import type { BodyMemberTable, Database, GoverningBodyTable, MeetingTable, Selectable } from '../database/database.ts';
import { getPartnersByIds, resolvePartnerCodes } from '../partner/partner.repository.ts';
import { schemeForWrite, type Scheme } from '../scheme/scheme.service.ts';
import { notFoundError, validated, validationError } from '../shared/errors.ts';
import { messageWithDetail, type ValidationIssue } from '../validation/issues.ts';
import {
  deleteBodyMember,
  deleteGoverningBodyRow,
  deleteMeetingRow,
  existingPlanCodes,
  getBodyMembersByBodyIds,
  getMeetingsByBodyIds,
  insertGoverningBody,
  lockGoverningBody,
  lockMeeting,
  replaceBodyMembers,
  updateGoverningBodyRow,
  upsertBodyMember,
  writeMeetingRow,
  type GoverningBodyColumns,
  type MeetingColumns,
  type MemberColumns,
} from './governance.repository.ts';
import { governingBodySchema, meetingSchema, type BodyKind, type GoverningBodyDocument } from './governance.ts';

/**
 * A governing body of a scheme (COPIL, technical committee, citizen body…).
 *
 * ### Examples
 * ```ts
 * const [copil] = (await getGoverningBodiesBySchemeIds(db, [scheme.id])).filter((b) => b.kind === 'copil');
 * ```
 */
export interface GoverningBody {
  readonly id: string;
  readonly schemeId: string;
  readonly code: string;
  readonly kind: BodyKind;
  readonly name: string;
  readonly description: string | null;
  readonly position: number;
}

/**
 * A member of a governing body: an organisation (`partnerId`, `person` null), or a person by role
 * (`person`), optionally for an organisation (`partnerId`). `role` is the seat's role in the body.
 *
 * ### Examples
 * ```ts
 * const members = await getBodyMembersByBodyIds(db, [copil.id]);
 * members.map((m) => m.person?.role ?? m.partnerId);
 * ```
 */
export interface BodyMember {
  readonly id: string;
  readonly bodyId: string;
  readonly partnerId: string | null;
  readonly person: { readonly role: string; readonly name: string | null } | null;
  readonly role: string | null;
  readonly position: number;
}

/**
 * A meeting of a governing body, with its decisions (which may name orientation and action codes).
 *
 * ### Examples
 * ```ts
 * const meetings = await getMeetingsByBodyIds(db, [copil.id]);
 * ```
 */
export interface Meeting {
  readonly id: string;
  readonly bodyId: string;
  readonly date: string;
  readonly title: string;
  readonly summary: string | null;
  readonly decisions: { text: string; orientations?: string[]; actions?: string[] }[];
}

/**
 * Map a `governing_body` row to a {@link GoverningBody}.
 *
 * ### Examples
 * ```ts
 * governingBodyFromRow(row).kind; // 'copil'
 * ```
 */
export function governingBodyFromRow(row: Selectable<GoverningBodyTable>): GoverningBody {
  return { id: row.id, schemeId: row.scheme_id, code: row.code, kind: row.kind as BodyKind, name: row.name, description: row.description, position: row.position };
}

/**
 * Map a `body_member` row to a {@link BodyMember}.
 *
 * ### Examples
 * ```ts
 * bodyMemberFromRow(row).partnerId;
 * ```
 */
export function bodyMemberFromRow(row: Selectable<BodyMemberTable>): BodyMember {
  return {
    id: row.id,
    bodyId: row.body_id,
    partnerId: row.partner_id,
    person: row.person_role === null ? null : { role: row.person_role, name: row.person_name },
    role: row.role,
    position: row.position,
  };
}

/**
 * Map a `meeting` row to a {@link Meeting}.
 *
 * ### Examples
 * ```ts
 * meetingFromRow(row).decisions[0]?.text;
 * ```
 */
export function meetingFromRow(row: Selectable<MeetingTable>): Meeting {
  return { id: row.id, bodyId: row.body_id, date: row.date, title: row.title, summary: row.summary, decisions: row.decisions };
}

type MemberDocument = NonNullable<GoverningBodyDocument['members']>[number];
type MeetingDocument = z.infer<typeof meetingSchema>;
/** One member as the scheme file writes it (the element of `governingBodies[].members`). */
const memberSchema = governingBodySchema.shape.members.unwrap().element;


/**
 * The columns of a governing body as a scheme file or a command gives it (its scheme, code and position
 * apart): the one mapping of a body document to its row, used by {@link saveGoverningBody} and the import.
 *
 * ### Examples
 * ```ts
 * governingBodyColumns({ code: 'copil', kind: 'copil', name: 'COPIL' }); // { kind: 'copil', name: 'COPIL', description: null }
 * ```
 */
export function governingBodyColumns(b: GoverningBodyDocument): GoverningBodyColumns {
  return { kind: b.kind, name: b.name, description: b.description ?? null };
}

/**
 * The columns of a meeting (its body apart), for {@link saveMeeting} and the scheme-file import.
 *
 * ### Examples
 * ```ts
 * meetingColumns({ date: '2024-04-09', title: 'COPIL' }); // { date: '2024-04-09', title: 'COPIL', summary: null, decisions: [] }
 * ```
 */
export function meetingColumns(m: MeetingDocument): MeetingColumns {
  return { date: m.date, title: m.title, summary: m.summary ?? null, decisions: m.decisions ?? [] };
}

/** A governing body with its members, as the audit log keeps it. */
export interface GoverningBodyState {
  readonly body: GoverningBody;
  readonly members: BodyMember[];
}

/** The scheme's governing body by code, locked for update; NOT_FOUND when there is none. */
async function bodyForWrite(ctx: CommandContext, scheme: Scheme, code: string): Promise<GoverningBodyState> {
  const body = await lockGoverningBody(ctx.trx, scheme.id, code);
  if (!body) throw notFoundError('unknown_body', 'bodyCode', code, ctx.lang);
  return { body, members: await getBodyMembersByBodyIds(ctx.trx, [body.id]) };
}

/** What makes two members the same seat: one organisation, or one person (role and name) for the same organisation. */
export function memberKey(m: { readonly partner?: string | null; readonly person?: { readonly role: string; readonly name?: string | null } | null }): string {
  return m.person ? `person|${m.person.role.toLowerCase()}|${m.person.name?.toLowerCase() ?? ''}|${m.partner ?? ''}` : `partner|${m.partner}`;
}

/** The seat keys of the persons among a body's members (organisations re-seated change their role instead). */
async function seatedPersonKeys(ctx: CommandContext, members: readonly BodyMember[]): Promise<string[]> {
  const partners = await getPartnersByIds(ctx.trx, members.flatMap((m) => (m.partnerId ? [m.partnerId] : [])));
  const codeOf = new Map(partners.map((p) => [p.id, p.code]));
  return members.filter((m) => m.person).map((m) => memberKey({ person: m.person, partner: m.partnerId ? (codeOf.get(m.partnerId) ?? null) : null }));
}

/**
 * The members of a body, their organisations resolved among the partners the caller may see; a member listed
 * twice (in `members`, or already seated among `seated`) is refused.
 */
async function resolveMembers(ctx: CommandContext, scheme: Scheme, members: readonly MemberDocument[], at: (i: number) => string, seated: readonly string[] = []) {
  const issues: ValidationIssue[] = [];
  const first = new Map<string, string>(seated.map((key) => [key, ctx.lang === 'fr' ? 'la liste des membres' : 'the members']));
  members.forEach((m, i) => {
    const key = memberKey(m);
    const field = m.person ? 'person' : 'partner';
    const who = m.person ? [m.person.role, m.person.name].filter(Boolean).join(', ') : m.partner!;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, `${at(i)}${field}`);
    else issues.push({ path: `${at(i)}${field}`, code: 'duplicate_member', message: messageWithDetail('duplicate_member', `${who} ${ctx.lang === 'fr' ? 'déjà en' : 'already at'} ${seen}`, ctx.lang) });
  });
  const named = members.flatMap((m, i) => (m.partner ? [{ code: m.partner, path: `${at(i)}partner` }] : []));
  const resolved = await resolvePartnerCodes(ctx.trx, named, { schemeId: scheme.id, visibility: ctx.visibility, lang: ctx.lang });
  issues.push(...resolved.issues);
  if (issues.length) throw validationError(issues, ctx.lang);
  return members.map((m): MemberColumns => ({
    partnerId: m.partner ? resolved.ids.get(m.partner)! : null,
    personRole: m.person?.role ?? null,
    personName: m.person?.name ?? null,
    role: m.role ?? null,
  }));
}

/**
 * Create or update a governing body by its code within a scheme (editor of every département of the
 * scheme). Its own fields (kind, name, description) are replaced by the input; its members are replaced
 * when `members` is given (partners the caller may see, each once), kept otherwise. Meetings are saved one
 * by one ({@link saveMeeting}): giving `meetings` here is refused rather than silently dropped.
 *
 * ### Examples
 * ```ts
 * const { body, members } = await saveGoverningBody(db, { principal }, '48-2018-2022', { code: 'copil', kind: 'copil', name: 'Comité de pilotage', members: [{ partner: 'ars-occitanie' }] });
 * ```
 */
export function saveGoverningBody(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<GoverningBodyState> {
  return runCommand(db, caller, 'governing-body:save', async (ctx) => {
    const data = validated(governingBodySchema, input, ctx.lang);
    if (data.meetings !== undefined) {
      const message = ctx.lang === 'fr' ? 'les réunions s’enregistrent une par une (saveMeeting)' : 'meetings are saved one by one (saveMeeting)';
      throw validationError([{ path: 'meetings', code: 'meetings_separately', message }], ctx.lang);
    }
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const members = data.members ? await resolveMembers(ctx, scheme, data.members, (i) => `members[${i}].`) : undefined;
    const columns = governingBodyColumns(data);
    const stateOf = async (body: GoverningBody) => ({ body, members: await getBodyMembersByBodyIds(ctx.trx, [body.id]) });
    const existing = await lockGoverningBody(ctx.trx, scheme.id, data.code);
    let before = existing ? await stateOf(existing) : null;
    let body = existing ? await updateGoverningBodyRow(ctx.trx, existing.id, columns) : await insertGoverningBody(ctx.trx, scheme.id, data.code, columns);
    if (!body) {
      // A racing creation of the same code took it first: this save updates that body.
      const raced = (await lockGoverningBody(ctx.trx, scheme.id, data.code))!;
      before = await stateOf(raced);
      body = await updateGoverningBodyRow(ctx.trx, raced.id, columns);
    }
    const after = { body, members: members ? await replaceBodyMembers(ctx.trx, body.id, members) : (before?.members ?? []) };
    return { value: after, entityId: body.id, before, after };
  });
}

/**
 * Delete a governing body of a scheme, with its members and meetings (editor of every département of the
 * scheme). The audit log keeps the body, its members and its meetings as they were.
 *
 * ### Examples
 * ```ts
 * await deleteGoverningBody(db, { principal }, '48-2018-2022', 'comite-technique');
 * ```
 */
export function deleteGoverningBody(db: Kysely<Database>, caller: Caller, schemeCode: string, bodyCode: string): Promise<GoverningBody> {
  return runCommand(db, caller, 'governing-body:delete', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const before = await bodyForWrite(ctx, scheme, bodyCode);
    const meetings = await getMeetingsByBodyIds(ctx.trx, [before.body.id]);
    await deleteGoverningBodyRow(ctx.trx, before.body);
    return { value: before.body, entityId: before.body.id, before: { ...before, meetings }, after: null };
  });
}

/**
 * Seat a partner in a governing body (editor of every département of the scheme), at the end of the list,
 * or change its role when it already sits there. The partner must be one the caller may see.
 *
 * ### Examples
 * ```ts
 * await addBodyMember(db, { principal }, '48-2018-2022', 'copil', { partner: 'caf-48', role: 'membre' });
 * ```
 */
export function addBodyMember(db: Kysely<Database>, caller: Caller, schemeCode: string, bodyCode: string, input: unknown): Promise<GoverningBodyState> {
  return runCommand(db, caller, 'body-member:add', async (ctx) => {
    const member = validated(memberSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const before = await bodyForWrite(ctx, scheme, bodyCode);
    // A person already seated is refused; an organisation already seated changes its role (it keeps its place).
    const seatedPersons = await seatedPersonKeys(ctx, before.members);
    const [resolved] = await resolveMembers(ctx, scheme, [member], () => '', seatedPersons);
    await upsertBodyMember(ctx.trx, before.body.id, resolved!);
    const after = { body: before.body, members: await getBodyMembersByBodyIds(ctx.trx, [before.body.id]) };
    return { value: after, entityId: before.body.id, before, after };
  });
}

/**
 * Remove a partner from a governing body (editor of every département of the scheme); the members after
 * it move up one place. A partner that does not sit there (or that the caller may not see) is NOT_FOUND.
 *
 * ### Examples
 * ```ts
 * await removeBodyMember(db, { principal }, '48-2018-2022', 'copil', 'caf-48');
 * ```
 */
export function removeBodyMember(db: Kysely<Database>, caller: Caller, schemeCode: string, bodyCode: string, partnerCode: string): Promise<GoverningBodyState> {
  return runCommand(db, caller, 'body-member:remove', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const before = await bodyForWrite(ctx, scheme, bodyCode);
    const partners = await getPartnersByIds(ctx.trx, before.members.flatMap((m) => (m.partnerId && !m.person ? [m.partnerId] : [])));
    const partner = partners.find((p) => p.code === partnerCode);
    if (!partner || !(await deleteBodyMember(ctx.trx, before.body.id, partner.id))) throw notFoundError('unknown_member', 'partner', partnerCode, ctx.lang);
    const after = { body: before.body, members: await getBodyMembersByBodyIds(ctx.trx, [before.body.id]) };
    return { value: after, entityId: before.body.id, before, after };
  });
}

/**
 * Record a meeting of a governing body with its decisions (editor of every département of the scheme):
 * a new meeting without `meetingId`, or the replacement of that meeting of this body. The orientations and
 * actions a decision names must exist in the scheme.
 *
 * ### Examples
 * ```ts
 * const meeting = await saveMeeting(db, { principal }, '48-2018-2022', 'copil', {
 *   date: '2025-03-12', title: 'COPIL annuel', decisions: [{ text: 'Lancer l’action 1.1.1', actions: ['1.1.1'] }],
 * });
 * ```
 */
export function saveMeeting(db: Kysely<Database>, caller: Caller, schemeCode: string, bodyCode: string, input: unknown, meetingId?: string | null): Promise<Meeting> {
  return runCommand(db, caller, 'meeting:save', async (ctx) => {
    const data = validated(meetingSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const { body } = await bodyForWrite(ctx, scheme, bodyCode);
    const before = meetingId ? await lockMeeting(ctx.trx, meetingId) : null;
    if (meetingId && before?.bodyId !== body.id) throw notFoundError('unknown_meeting', 'meetingId', meetingId, ctx.lang);
    const decisions = data.decisions ?? [];
    const known = await existingPlanCodes(ctx.trx, scheme.id, { orientations: decisions.flatMap((d) => d.orientations ?? []), actions: decisions.flatMap((d) => d.actions ?? []) });
    const issues: ValidationIssue[] = [];
    decisions.forEach((d, i) => {
      d.orientations?.forEach((o, j) => known.orientations.has(o) || issues.push({ path: `decisions[${i}].orientations[${j}]`, code: 'unknown_orientation', message: messageWithDetail('unknown_orientation', o, ctx.lang) }));
      d.actions?.forEach((a, j) => known.actions.has(a) || issues.push({ path: `decisions[${i}].actions[${j}]`, code: 'unknown_action', message: messageWithDetail('unknown_action', a, ctx.lang) }));
    });
    if (issues.length) throw validationError(issues, ctx.lang);
    const after = await writeMeetingRow(ctx.trx, body.id, before?.id ?? null, meetingColumns(data));
    return { value: after, entityId: after.id, before: before ?? null, after };
  });
}

/**
 * Delete a meeting of a governing body with its decisions (editor of every département of the scheme). A
 * meeting of another body, or one the caller may not see, is NOT_FOUND. The audit log keeps it as it was.
 *
 * ### Examples
 * ```ts
 * await deleteMeeting(db, { principal }, '48-2018-2022', 'copil', meeting.id);
 * ```
 */
export function deleteMeeting(db: Kysely<Database>, caller: Caller, schemeCode: string, bodyCode: string, meetingId: string): Promise<Meeting> {
  return runCommand(db, caller, 'meeting:delete', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const { body } = await bodyForWrite(ctx, scheme, bodyCode);
    const before = typeof meetingId === 'string' ? await lockMeeting(ctx.trx, meetingId) : undefined;
    if (!before || before.bodyId !== body.id) throw notFoundError('unknown_meeting', 'meetingId', String(meetingId), ctx.lang);
    await deleteMeetingRow(ctx.trx, before.id);
    return { value: before, entityId: before.id, before, after: null };
  });
}
