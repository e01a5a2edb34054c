// The governance section of a scheme file: governing bodies, their members and their meetings.
// Its import and its export live side by side so that they stay each other's inverse.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import { governingBodyColumns, meetingColumns } from '../../governance/governance.service.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { compact, group, idsByCode, nil, opt, remember, syncChildren, type Tally } from './rows.ts';

/**
 * Import: create or update the governing bodies by code, and replace the members and meetings of the bodies
 * whose lists changed.
 *
 * ### Examples
 * ```ts
 * await writeGovernanceSection(trx, schemeId, file, partners.id, tally);
 * ```
 */
export async function writeGovernanceSection(
  trx: Transaction<Database>,
  schemeId: string,
  file: SchemeFile,
  partnerId: (code: string) => string,
  tally: Tally,
): Promise<void> {
  const bodies = file.governingBodies ?? [];
  const ids = await idsByCode(trx, 'governing_body', [], schemeId);
  const rows = bodies.map((b, position) => ({
    id: ids.get(b.code) ?? remember(ids, b.code),
    scheme_id: schemeId,
    code: b.code,
    ...governingBodyColumns(b),
    position,
  }));
  tally(await upsert(trx, 'governing_body', rows, ['scheme_id', 'code'], ['kind', 'name', 'description', 'position']), rows.length);
  const bodyIds = bodies.map((b) => ids.get(b.code)!);
  await syncChildren(trx, 'body_member', 'body_id', bodyIds, bodies.map((b) => ({
    parent: ids.get(b.code)!,
    rows: (b.members ?? []).map((m, position) => ({
      partner_id: m.partner === undefined ? null : partnerId(m.partner),
      person_role: nil(m.person?.role),
      person_name: nil(m.person?.name),
      role: nil(m.role),
      position,
    })),
  })), ['partner_id', 'person_role', 'person_name', 'role', 'position']);
  await syncChildren(trx, 'meeting', 'body_id', bodyIds, bodies.map((b) => ({
    parent: ids.get(b.code)!,
    rows: (b.meetings ?? []).map((m) => ({ ...meetingColumns(m) })),
  })), ['date', 'title', 'summary', 'decisions'], true);
}

/** The governance section of a stored scheme: the partners it names, and its bodies as a file holds them. */
export interface GovernanceSection {
  /** Codes of the partners that are members of a body. */
  partnerCodes: string[];
  governingBodies: NonNullable<SchemeFile['governingBodies']>;
}

/**
 * Export: the governing bodies of a stored scheme with their members and meetings.
 *
 * ### Examples
 * ```ts
 * const { governingBodies } = await readGovernanceSection(db, schemeId);
 * ```
 */
export async function readGovernanceSection(db: Kysely<Database>, schemeId: string): Promise<GovernanceSection> {
  const [bodies, members, meetings] = await Promise.all([
    db.selectFrom('governing_body').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db
      .selectFrom('body_member')
      .innerJoin('governing_body', 'governing_body.id', 'body_member.body_id')
      .leftJoin('partner', 'partner.id', 'body_member.partner_id')
      .select(['body_member.body_id', 'body_member.role', 'body_member.person_role', 'body_member.person_name', 'partner.code'])
      .where('governing_body.scheme_id', '=', schemeId)
      .orderBy('body_member.position')
      .execute(),
    db
      .selectFrom('meeting')
      .innerJoin('governing_body', 'governing_body.id', 'meeting.body_id')
      .selectAll('meeting')
      .where('governing_body.scheme_id', '=', schemeId)
      .orderBy('meeting.date')
      .orderBy('meeting.title')
      .execute(),
  ]);
  const membersOf = group(members, (m) => m.body_id);
  const meetingsOf = group(meetings, (m) => m.body_id);
  return {
    partnerCodes: members.flatMap((m) => (m.code ? [m.code] : [])),
    governingBodies: bodies.map((b) =>
      compact({
        code: b.code,
        kind: b.kind as 'copil',
        name: b.name,
        description: opt(b.description),
        members: (membersOf.get(b.id) ?? []).map((m) =>
          compact({
            person: m.person_role === null ? undefined : compact({ role: m.person_role, name: opt(m.person_name) }),
            partner: opt(m.code),
            role: opt(m.role),
          }),
        ),
        meetings: (meetingsOf.get(b.id) ?? []).map((m) => compact({ date: m.date, title: m.title, summary: opt(m.summary), decisions: m.decisions })),
      }),
    ),
  };
}
