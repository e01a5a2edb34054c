// The stored rows of governance: the tables as kysely sees them, columns typed by the domain unions.
import type { Generated } from 'kysely';
import type { Json } from '../database/columns.ts';
import type { BodyKind } from './governance.ts';

export interface GoverningBodyTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: BodyKind;
  name: string;
  description: string | null;
  position: number;
}

/**
 * A member of a governing body: an organisation (`partner_id`), or a person by role (`person_role`, with an
 * optional `person_name` and, in `partner_id`, the organisation the person speaks for). Migration
 * `2026-12-01T2330-real-schemes`.
 */
export interface BodyMemberTable {
  id: Generated<string>;
  body_id: string;
  partner_id: string | null;
  /** The seat's role in the body (« président », « membre de droit »). */
  role: string | null;
  /** A person's function (« vice-président chargé des solidarités »); null for an organisation. */
  person_role: string | null;
  /** A person's name, optional; never more personal data than this. */
  person_name: string | null;
  position: number;
}

export interface MeetingTable {
  id: string;
  body_id: string;
  date: string;
  title: string;
  summary: string | null;
  decisions: Json<{ text: string; orientations?: string[]; actions?: string[] }[]>;
}
