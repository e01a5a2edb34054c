// The stored rows of consultation: the tables as kysely sees them, columns typed by the domain unions.
import type { Defaulted } from '../database/columns.ts';
import type { EventKind, PhaseKind, ProposalOutcome } from './consultation.ts';

export interface PhaseTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: PhaseKind;
  title: string;
  /** The phase's fuzzy date (`shared/fuzzy-date.ts`), null when undated: the stored truth. */
  date_text: string | null;
  /** First day `date_text` covers (derived, for sorting). */
  start_date: string | null;
  /** Last day `date_text` covers (derived). */
  end_date: string | null;
  description: string | null;
  position: number;
}

export interface ConsultationEventTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: EventKind;
  title: string;
  /** The event's fuzzy date (`shared/fuzzy-date.ts`), null when undated: the stored truth. */
  date_text: string | null;
  /** First day `date_text` covers (derived, for sorting). */
  date: string | null;
  /** Last day `date_text` covers (derived). */
  end_date: string | null;
  participants: number | null;
  proposals_count: number | null;
  partners: Defaulted<string[]>;
  description: string | null;
  position: number;
}

export interface ProposalTable {
  id: string;
  scheme_id: string;
  code: string;
  text: string;
  event_code: string | null;
  outcome: ProposalOutcome;
  actions: Defaulted<string[]>;
  illustrative: Defaulted<boolean>;
  position: number;
}
