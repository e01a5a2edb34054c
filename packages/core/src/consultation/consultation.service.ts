import type { ConsultationEventTable, PhaseTable, ProposalTable, Selectable } from '../database/database.ts';
import type { EventKind, PhaseKind, ProposalOutcome } from './consultation.ts';

/**
 * A dated phase in the life of a scheme (elaboration, consultation, validation…).
 *
 * ### Examples
 * ```ts
 * const phases = await getPhasesBySchemeIds(db, [scheme.id]);
 * ```
 */
export interface Phase {
  readonly id: string;
  readonly schemeId: string;
  readonly code: string;
  readonly kind: PhaseKind;
  readonly title: string;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly description: string | null;
  readonly position: number;
}

/**
 * A consultation event (working group, plenary…); `partners` are partner codes.
 *
 * ### Examples
 * ```ts
 * const events = await getConsultationEventsBySchemeIds(db, [scheme.id]);
 * events.reduce((n, e) => n + (e.participants ?? 0), 0);
 * ```
 */
export interface ConsultationEvent {
  readonly id: string;
  readonly schemeId: string;
  readonly code: string;
  readonly kind: EventKind;
  readonly title: string;
  readonly date: string;
  readonly endDate: string | null;
  readonly participants: number | null;
  readonly proposalsCount: number | null;
  readonly partners: string[];
  readonly description: string | null;
  readonly position: number;
}

/**
 * A proposal made during consultation; `eventCode` and `actions` are codes within the scheme.
 *
 * ### Examples
 * ```ts
 * const retained = (await getProposalsBySchemeIds(db, [scheme.id])).filter((p) => p.outcome === 'retained');
 * ```
 */
export interface Proposal {
  readonly id: string;
  readonly schemeId: string;
  readonly code: string;
  readonly text: string;
  readonly eventCode: string | null;
  readonly outcome: ProposalOutcome;
  readonly actions: string[];
  readonly illustrative: boolean;
  readonly position: number;
}

/**
 * Map a `phase` row to a {@link Phase}.
 *
 * ### Examples
 * ```ts
 * phaseFromRow(row).startDate; // '2018-01-30'
 * ```
 */
export function phaseFromRow(row: Selectable<PhaseTable>): Phase {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    code: row.code,
    kind: row.kind as PhaseKind,
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    description: row.description,
    position: row.position,
  };
}

/**
 * Map a `consultation_event` row to a {@link ConsultationEvent}.
 *
 * ### Examples
 * ```ts
 * consultationEventFromRow(row).participants; // 107
 * ```
 */
export function consultationEventFromRow(row: Selectable<ConsultationEventTable>): ConsultationEvent {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    code: row.code,
    kind: row.kind as EventKind,
    title: row.title,
    date: row.date,
    endDate: row.end_date,
    participants: row.participants,
    proposalsCount: row.proposals_count,
    partners: row.partners,
    description: row.description,
    position: row.position,
  };
}

/**
 * Map a `proposal` row to a {@link Proposal}.
 *
 * ### Examples
 * ```ts
 * proposalFromRow(row).actions; // ['1.1.1']
 * ```
 */
export function proposalFromRow(row: Selectable<ProposalTable>): Proposal {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    code: row.code,
    text: row.text,
    eventCode: row.event_code,
    outcome: row.outcome as ProposalOutcome,
    actions: row.actions,
    illustrative: row.illustrative,
    position: row.position,
  };
}
