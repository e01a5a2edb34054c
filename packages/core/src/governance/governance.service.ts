import type { BodyMemberTable, GoverningBodyTable, MeetingTable, Selectable } from '../database/database.ts';
import type { BodyKind } from './governance.ts';

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
 * A partner sitting in a governing body.
 *
 * ### Examples
 * ```ts
 * const members = await getBodyMembersByBodyIds(db, [copil.id]);
 * ```
 */
export interface BodyMember {
  readonly bodyId: string;
  readonly partnerId: string;
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
  return { bodyId: row.body_id, partnerId: row.partner_id, role: row.role, position: row.position };
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
