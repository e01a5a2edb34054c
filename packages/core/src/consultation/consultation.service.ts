import type { Kysely } from 'kysely';
import { runCommand, type Caller, type CommandContext } from '../access/command.ts';
import { getActionsByIds } from '../action/action.repository.ts';
import type { ConsultationEventTable, Database, PhaseTable, ProposalTable, Selectable } from '../database/database.ts';
import type { Operation } from '../access/operations.ts';
import type { Scheme } from '../scheme/scheme.service.ts';
import { existingPlanCodes } from '../governance/governance.repository.ts';
import { resolvePartnerCodes } from '../partner/partner.repository.ts';
import { getSchemesByIds } from '../scheme/scheme.repository.ts';
import { schemeForWrite } from '../scheme/scheme.service.ts';
import { isSchemeVisible } from '../shared/visibility.ts';
import { notFoundError, validated, validationError } from '../shared/errors.ts';
import { DomainError, messageWithDetail, type ValidationIssue } from '../validation/issues.ts';
import { deleteCodedRow, existingEventCodes, lockCodedRow, proposalsOfEvent, setProposalActions, writeCodedRow, type CodedColumns } from './consultation.repository.ts';
import {
  consultationEventSchema,
  eventDate,
  phaseDate,
  phaseSchema,
  proposalSchema,
  type ConsultationEventDocument,
  type EventKind,
  type PhaseDocument,
  type PhaseKind,
  type ProposalDocument,
  type ProposalOutcome,
} from './consultation.ts';
import { fuzzyDate, type FuzzyDate } from '../shared/fuzzy-date.ts';

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
  /** When: a day, a month, a year, a span, or undated. */
  readonly when: FuzzyDate;
  /** First day covered (from `when`). */
  readonly startDate: string | null;
  /** Last day covered (from `when`). */
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
  /** When: a day, a month, a year, a span (18 interviews over months), or undated. */
  readonly when: FuzzyDate;
  /** First day covered (from `when`); null when undated. */
  readonly date: string | null;
  /** Last day covered (from `when`). */
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
    when: fuzzyDate(row.date_text),
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
    when: fuzzyDate(row.date_text),
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


/**
 * The columns of a phase as a scheme file or a command gives it (its scheme, code and position apart): the
 * one mapping of a phase document to its row, used by {@link savePhase} and the scheme-file import.
 *
 * ### Examples
 * ```ts
 * phaseColumns({ code: 'p1', kind: 'elaboration', title: 'Diagnostic', date: '2017' }); // { kind: 'elaboration', title: 'Diagnostic', date_text: '2017', start_date: '2017-01-01', end_date: '2017-12-31', description: null }
 * ```
 */
export function phaseColumns(p: PhaseDocument): CodedColumns<'phase'> {
  const when = fuzzyDate(phaseDate(p));
  return { kind: p.kind, title: p.title, date_text: when.text, start_date: when.from, end_date: when.to, description: p.description ?? null };
}

/** The date columns of a consultation event: the fuzzy date's text and the first and last days it covers. */
function eventDateColumns(text: string | null) {
  const when = fuzzyDate(text);
  return { date_text: when.text, date: when.from, end_date: when.to };
}

/**
 * The columns of a consultation event (its scheme, code and position apart), for {@link saveConsultationEvent}
 * and the scheme-file import.
 *
 * ### Examples
 * ```ts
 * consultationEventColumns({ code: 'gt1', kind: 'working_group', title: 'GT', date: '2023-01-30' }).partners; // []
 * ```
 */
export function consultationEventColumns(e: ConsultationEventDocument): CodedColumns<'consultation_event'> {
  return {
    kind: e.kind,
    title: e.title,
    ...eventDateColumns(eventDate(e)),
    participants: e.participants ?? null,
    proposals_count: e.proposalsCount ?? null,
    partners: e.partners ?? [],
    description: e.description ?? null,
  };
}

/**
 * The columns of a proposal (its scheme, code and position apart), for {@link saveProposal} and the scheme-file import.
 *
 * ### Examples
 * ```ts
 * proposalColumns({ code: 'prop-1', text: 'Créer un guichet', outcome: 'retained' }).event_code; // null
 * ```
 */
export function proposalColumns(p: ProposalDocument): CodedColumns<'proposal'> {
  return { text: p.text, event_code: p.event ?? null, outcome: p.outcome, actions: p.actions ?? [], illustrative: p.illustrative ?? false };
}

/**
 * Create or update a phase of a scheme by its code (editor of every département of the scheme). Its fields
 * are replaced by the input; a new phase goes at the end of the scheme's list, an existing one keeps its place.
 *
 * ### Examples
 * ```ts
 * await savePhase(db, { principal }, '48-2018-2022', { code: 'phase-1', kind: 'elaboration', title: 'Diagnostic partagé', startDate: '2017-09-01', endDate: '2017-12-15' });
 * ```
 */
export function savePhase(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<Phase> {
  return runCommand(db, caller, 'phase:save', async (ctx) => {
    const data = validated(phaseSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const { before, after } = await writeCodedRow(ctx.trx, 'phase', scheme.id, data.code, phaseColumns(data));
    return { value: phaseFromRow(after), entityId: after.id, before: before && phaseFromRow(before), after: phaseFromRow(after) };
  });
}

/**
 * Create or update a consultation event of a scheme by its code (editor of every département of the
 * scheme). The partners it names must be ones the caller may see; the scheme then declares them.
 *
 * ### Examples
 * ```ts
 * await saveConsultationEvent(db, { principal }, '48-2018-2022', { code: 'gt-1', kind: 'working_group', title: 'Groupe de travail autonomie', date: '2018-01-30', participants: 24, partners: ['caf-48'] });
 * ```
 */
export function saveConsultationEvent(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<ConsultationEvent> {
  return runCommand(db, caller, 'consultation-event:save', async (ctx) => {
    const data = validated(consultationEventSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const partners = data.partners ?? [];
    const resolved = await resolvePartnerCodes(ctx.trx, partners.map((code, i) => ({ code, path: `partners[${i}]` })), { schemeId: scheme.id, visibility: ctx.visibility, lang: ctx.lang });
    if (resolved.issues.length) throw validationError(resolved.issues, ctx.lang);
    const { before, after } = await writeCodedRow(ctx.trx, 'consultation_event', scheme.id, data.code, consultationEventColumns({ ...data, partners: [...new Set(partners)] }));
    const map = consultationEventFromRow;
    return { value: map(after), entityId: after.id, before: before && map(before), after: map(after) };
  });
}

/**
 * Create or update a proposal made during consultation, by its code within a scheme (editor of every
 * département of the scheme). Its `event` must be a consultation event of the scheme and its `actions`
 * actions of the scheme (by code); `outcome` absent is `pending`.
 *
 * ### Examples
 * ```ts
 * await saveProposal(db, { principal }, '77-2019-2024', { code: 'prop-3', text: 'Créer un guichet des aidants', event: 'gt-1', outcome: 'retained', actions: ['1.1.1'] });
 * ```
 */
export function saveProposal(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<Proposal> {
  return runCommand(db, caller, 'proposal:save', async (ctx) => {
    const data = validated(proposalSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const actions = data.actions ?? [];
    const issues: ValidationIssue[] = [];
    if (data.event && !(await existingEventCodes(ctx.trx, scheme.id, [data.event])).has(data.event)) {
      issues.push({ path: 'event', code: 'unknown_event', message: messageWithDetail('unknown_event', data.event, ctx.lang) });
    }
    const known = await existingPlanCodes(ctx.trx, scheme.id, { orientations: [], actions });
    actions.forEach((a, i) => known.actions.has(a) || issues.push({ path: `actions[${i}]`, code: 'unknown_action', message: messageWithDetail('unknown_action', a, ctx.lang) }));
    if (issues.length) throw validationError(issues, ctx.lang);
    const { before, after } = await writeCodedRow(ctx.trx, 'proposal', scheme.id, data.code, proposalColumns({ ...data, actions: [...new Set(actions)] }));
    return { value: proposalFromRow(after), entityId: after.id, before: before && proposalFromRow(before), after: proposalFromRow(after) };
  });
}

/**
 * Record the actions a proposal led to (editor of every département of the scheme), replacing the list.
 * Actions are given by id: each must be an action the caller may see, of the proposal's own scheme (an
 * action the caller may not see is unknown, as one that does not exist).
 *
 * ### Examples
 * ```ts
 * const proposal = await linkProposalActions(db, { principal }, '77-2019-2024', 'prop-3', [action.id]);
 * proposal.actions; // ['1.1.1']
 * ```
 */
export function linkProposalActions(db: Kysely<Database>, caller: Caller, schemeCode: string, proposalCode: string, actionIds: readonly string[]): Promise<Proposal> {
  return runCommand(db, caller, 'proposal:link-actions', async (ctx) => {
    if (!Array.isArray(actionIds) || actionIds.some((id) => typeof id !== 'string')) {
      throw validationError([{ path: 'actionIds', code: 'invalid_type', message: ctx.lang === 'fr' ? 'liste d’identifiants attendue' : 'expected a list of ids' }], ctx.lang);
    }
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const row = await lockCodedRow(ctx.trx, 'proposal', scheme.id, proposalCode);
    if (!row) throw notFoundError('unknown_proposal', 'proposalCode', proposalCode, ctx.lang);
    const actions = await getActionsByIds(ctx.trx, actionIds);
    const visible = new Set((await getSchemesByIds(ctx.trx, [...new Set(actions.map((a) => a.schemeId))])).filter((s) => isSchemeVisible(s, ctx.visibility)).map((s) => s.id));
    const found = new Map(actions.filter((a) => visible.has(a.schemeId)).map((a) => [a.id, a]));
    const issues: ValidationIssue[] = [];
    const codes: string[] = [];
    actionIds.forEach((id, i) => {
      const action = found.get(id);
      if (!action) issues.push({ path: `actionIds[${i}]`, code: 'unknown_action', message: messageWithDetail('unknown_action', id, ctx.lang) });
      else if (action.schemeId !== scheme.id) issues.push({ path: `actionIds[${i}]`, code: 'action_other_scheme', message: messageWithDetail('action_other_scheme', action.code, ctx.lang) });
      else if (!codes.includes(action.code)) codes.push(action.code);
    });
    if (issues.length) throw validationError(issues, ctx.lang);
    const before = proposalFromRow(row);
    const after = await setProposalActions(ctx.trx, row.id, codes);
    return { value: after, entityId: after.id, before, after };
  });
}

/** How a phase, event or proposal is deleted: its table, operation, not-found message and field, and its record. */
interface Deletable<R> {
  readonly table: 'phase' | 'consultation_event' | 'proposal';
  readonly operation: Operation;
  readonly unknown: string;
  readonly path: string;
  readonly toRecord: (row: never) => R;
}
const PHASE: Deletable<Phase> = { table: 'phase', operation: 'phase:delete', unknown: 'unknown_phase', path: 'phaseCode', toRecord: phaseFromRow };
const EVENT: Deletable<ConsultationEvent> = { table: 'consultation_event', operation: 'consultation-event:delete', unknown: 'unknown_event', path: 'eventCode', toRecord: consultationEventFromRow };
const PROPOSAL: Deletable<Proposal> = { table: 'proposal', operation: 'proposal:delete', unknown: 'unknown_proposal', path: 'proposalCode', toRecord: proposalFromRow };

/** Delete one phase, event or proposal by code: the scheme locked for share, the row for update, `check` before the write. */
function deleteByCode<R>(
  db: Kysely<Database>,
  caller: Caller,
  what: Deletable<R>,
  schemeCode: string,
  code: string,
  check: (ctx: CommandContext, scheme: Scheme) => Promise<void> = async () => {},
): Promise<R> {
  return runCommand(db, caller, what.operation, async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const row = typeof code === 'string' ? await lockCodedRow(ctx.trx, what.table, scheme.id, code) : undefined;
    if (!row) throw notFoundError(what.unknown, what.path, String(code), ctx.lang);
    await check(ctx, scheme);
    await deleteCodedRow(ctx.trx, what.table, row);
    const before = what.toRecord(row as never);
    return { value: before, entityId: row.id, before, after: null };
  });
}

/**
 * Delete a phase of a scheme by its code (editor of every département of the scheme); the phases after it
 * move up one place. The audit log keeps the phase as it was.
 *
 * ### Examples
 * ```ts
 * await deletePhase(db, { principal }, '48-2018-2022', 'bilan');
 * ```
 */
export function deletePhase(db: Kysely<Database>, caller: Caller, schemeCode: string, phaseCode: string): Promise<Phase> {
  return deleteByCode(db, caller, PHASE, schemeCode, phaseCode);
}

/**
 * Delete a consultation event of a scheme by its code (editor of every département of the scheme). An event
 * that proposals come from is refused (CONFLICT, naming them): delete them or attach them elsewhere first.
 *
 * ### Examples
 * ```ts
 * await deleteConsultationEvent(db, { principal }, '48-2018-2022', 'gt-1');
 * ```
 */
export function deleteConsultationEvent(db: Kysely<Database>, caller: Caller, schemeCode: string, eventCode: string): Promise<ConsultationEvent> {
  return deleteByCode(db, caller, EVENT, schemeCode, eventCode, async (ctx, scheme) => {
    // The event's row is locked for update: a proposal naming it (which locks it for share) waits, or is seen here.
    const proposals = await proposalsOfEvent(ctx.trx, scheme.id, eventCode);
    if (proposals.length) {
      const message = messageWithDetail('event_in_use', proposals.join(', '), ctx.lang);
      throw new DomainError('CONFLICT', message, [{ path: 'eventCode', code: 'event_in_use', message }]);
    }
  });
}

/**
 * Delete a proposal of a scheme by its code (editor of every département of the scheme); the actions it led
 * to stay. The audit log keeps the proposal as it was.
 *
 * ### Examples
 * ```ts
 * await deleteProposal(db, { principal }, '77-2019-2024', 'prop-3');
 * ```
 */
export function deleteProposal(db: Kysely<Database>, caller: Caller, schemeCode: string, proposalCode: string): Promise<Proposal> {
  return deleteByCode(db, caller, PROPOSAL, schemeCode, proposalCode);
}
