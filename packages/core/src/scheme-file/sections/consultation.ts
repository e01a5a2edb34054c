// The consultation section of a scheme file: the phases of the scheme's making, consultation events and the
// proposals they gathered.
// Its import and its export live side by side so that they stay each other's inverse.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import type { CodedColumns } from '../../consultation/consultation.repository.ts';
import { consultationEventColumns, phaseColumns, proposalColumns } from '../../consultation/consultation.service.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { compact, idsByCode, opt, type Tally } from './rows.ts';

/**
 * Import: create or update the phases, consultation events and proposals by code, in the file's order, with
 * the columns the consultation commands write.
 *
 * ### Examples
 * ```ts
 * await writeConsultationSection(trx, schemeId, file, tally);
 * ```
 */
export async function writeConsultationSection(trx: Transaction<Database>, schemeId: string, file: SchemeFile, tally: Tally): Promise<void> {
  await writeCodedList(trx, 'phase', schemeId, file.phases, phaseColumns, tally);
  await writeCodedList(trx, 'consultation_event', schemeId, file.consultationEvents, consultationEventColumns, tally);
  await writeCodedList(trx, 'proposal', schemeId, file.proposals, proposalColumns, tally);
}

/** One of the scheme's coded lists: each entry created or updated by code, its place the file's. */
async function writeCodedList<T extends 'phase' | 'consultation_event' | 'proposal', D extends { code: string }>(
  trx: Transaction<Database>,
  table: T,
  schemeId: string,
  documents: readonly D[] | undefined,
  columnsOf: (document: D) => CodedColumns<T>,
  tally: Tally,
): Promise<void> {
  const ids = await idsByCode(trx, table, [], schemeId);
  const rows = (documents ?? []).map((d, position) => ({ id: ids.get(d.code) ?? randomUUID(), scheme_id: schemeId, code: d.code, ...columnsOf(d), position }));
  tally(await upsert(trx, table, rows, ['scheme_id', 'code'], [...COMPARED[table], 'position']), rows.length);
}

/** The columns that make each entry what it is (its position apart). */
const COMPARED = {
  phase: ['kind', 'title', 'date_text', 'start_date', 'end_date', 'description'],
  consultation_event: ['kind', 'title', 'date_text', 'date', 'end_date', 'participants', 'proposals_count', 'partners', 'description'],
  proposal: ['text', 'event_code', 'outcome', 'actions', 'illustrative'],
} as const;

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
