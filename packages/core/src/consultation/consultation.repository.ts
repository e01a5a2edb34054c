import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { isUuid } from '../shared/ids.ts';
import { consultationEventFromRow, phaseFromRow, proposalFromRow, type ConsultationEvent, type Phase, type Proposal } from './consultation.service.ts';

/**
 * The phases of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const phases = await getPhasesBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getPhasesBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Phase[]> {
  const valid = schemeIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('phase').selectAll().where('scheme_id', 'in', valid).orderBy('position').execute();
  return rows.map(phaseFromRow);
}

/**
 * The consultation events of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const events = await getConsultationEventsBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getConsultationEventsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<ConsultationEvent[]> {
  const valid = schemeIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('consultation_event').selectAll().where('scheme_id', 'in', valid).orderBy('position').execute();
  return rows.map(consultationEventFromRow);
}

/**
 * The proposals of several schemes, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const proposals = await getProposalsBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getProposalsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Proposal[]> {
  const valid = schemeIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('proposal').selectAll().where('scheme_id', 'in', valid).orderBy('position').execute();
  return rows.map(proposalFromRow);
}
