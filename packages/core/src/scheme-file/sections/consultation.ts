// The consultation section of a scheme file: the phases of the scheme's making, consultation events and the
// proposals they gathered.
// Its import and its export live side by side so that they stay each other's inverse.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import { eventDate, phaseDate } from '../../consultation/consultation.ts';
import { fuzzyDate } from '../../shared/fuzzy-date.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { compact, idsByCode, nil, opt, type Tally } from './rows.ts';

/**
 * Import: create or update the phases, consultation events and proposals by code, in the file's order.
 *
 * ### Examples
 * ```ts
 * await writeConsultationSection(trx, schemeId, file, tally);
 * ```
 */
export async function writeConsultationSection(trx: Transaction<Database>, schemeId: string, file: SchemeFile, tally: Tally): Promise<void> {
  const phaseIds = await idsByCode(trx, 'phase', [], schemeId);
  const phases = (file.phases ?? []).map((p, position) => {
    const when = fuzzyDate(phaseDate(p));
    return {
      id: phaseIds.get(p.code) ?? randomUUID(),
      scheme_id: schemeId,
      code: p.code,
      kind: p.kind,
      title: p.title,
      date_text: when.text,
      start_date: when.from,
      end_date: when.to,
      description: nil(p.description),
      position,
    };
  });
  tally(await upsert(trx, 'phase', phases, ['scheme_id', 'code'], ['kind', 'title', 'date_text', 'start_date', 'end_date', 'description', 'position']), phases.length);
  const eventIds = await idsByCode(trx, 'consultation_event', [], schemeId);
  const events = (file.consultationEvents ?? []).map((e, position) => ({
    id: eventIds.get(e.code) ?? randomUUID(),
    scheme_id: schemeId,
    code: e.code,
    kind: e.kind,
    title: e.title,
    ...eventDateColumns(eventDate(e)),
    participants: nil(e.participants),
    proposals_count: nil(e.proposalsCount),
    partners: e.partners ?? [],
    description: nil(e.description),
    position,
  }));
  tally(await upsert(trx, 'consultation_event', events, ['scheme_id', 'code'], ['kind', 'title', 'date_text', 'date', 'end_date', 'participants', 'proposals_count', 'partners', 'description', 'position']), events.length);
  const proposalIds = await idsByCode(trx, 'proposal', [], schemeId);
  const proposals = (file.proposals ?? []).map((p, position) => ({
    id: proposalIds.get(p.code) ?? randomUUID(),
    scheme_id: schemeId,
    code: p.code,
    text: p.text,
    event_code: nil(p.event),
    outcome: p.outcome,
    actions: p.actions ?? [],
    illustrative: p.illustrative ?? false,
    position,
  }));
  tally(await upsert(trx, 'proposal', proposals, ['scheme_id', 'code'], ['text', 'event_code', 'outcome', 'actions', 'illustrative', 'position']), proposals.length);
}


/** The date columns of a consultation event: the fuzzy date's text and the first and last days it covers. */
function eventDateColumns(text: string | null) {
  const when = fuzzyDate(text);
  return { date_text: when.text, date: when.from, end_date: when.to };
}

/** The consultation section of a stored scheme, as a file holds it, and the partners it names. */
export interface ConsultationSection {
  /** Codes of the partners that took part in an event. */
  partnerCodes: string[];
  phases: NonNullable<SchemeFile['phases']>;
  consultationEvents: NonNullable<SchemeFile['consultationEvents']>;
  proposals: NonNullable<SchemeFile['proposals']>;
}

/**
 * Export: the phases, consultation events and proposals of a stored scheme, in order.
 *
 * ### Examples
 * ```ts
 * const { partnerCodes, ...consultation } = await readConsultationSection(db, schemeId);
 * ```
 */
export async function readConsultationSection(db: Kysely<Database>, schemeId: string): Promise<ConsultationSection> {
  const [phases, events, proposals] = await Promise.all([
    db.selectFrom('phase').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db.selectFrom('consultation_event').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db.selectFrom('proposal').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
  ]);
  return {
    partnerCodes: events.flatMap((e) => e.partners),
    phases: phases.map((p) => compact({ code: p.code, kind: p.kind as 'elaboration', title: p.title, date: opt(p.date_text), description: opt(p.description) })),
    consultationEvents: events.map((e) =>
      compact({
        code: e.code,
        kind: e.kind as 'other',
        title: e.title,
        date: opt(e.date_text),
        participants: opt(e.participants),
        proposalsCount: opt(e.proposals_count),
        partners: e.partners,
        description: opt(e.description),
      }),
    ),
    proposals: proposals.map((p) => compact({ code: p.code, text: p.text, event: opt(p.event_code), outcome: p.outcome as 'pending', actions: p.actions, illustrative: p.illustrative || undefined })),
  };
}
