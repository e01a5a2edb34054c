import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../database/database.ts';
import { coversDepartments, type Principal } from '../access/access.ts';
import { getSchemesByCodes } from '../scheme/scheme.repository.ts';
import { runCommand, visibilityOf, type Caller, type CommandContext, type CommandDone } from '../access/command.ts';
import { schemeForWrite, type Scheme } from '../scheme/scheme.service.ts';
import { notFoundError, validationError } from '../shared/errors.ts';
import { isSchemeVisible, type Visibility } from '../shared/visibility.ts';
import { DomainError, validate, type Lang } from '../validation/issues.ts';
import { code, isoDate, text } from '../validation/primitives.ts';
import { translator } from '../validation/texts.ts';
import {
  FOLLOW_UP_STATUSES,
  evaluationSchema,
  legalActSchema,
  lineageSchema,
  type EvaluationDocument,
  type LegalActDocument,
  type LineageDocument,
  type LineageFate,
  type TargetRevisionDocument,
} from './evaluation.ts';
import { checkEvaluationReferences } from './evaluation.check.ts';
import { getLineageByPredecessorCodes, readEvaluationRows, upsertEvaluationSection, type EvaluationRows, type EvaluationSection } from './evaluation.repository.ts';

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/**
 * Stored rows back as the documents of a scheme file's evaluation section (lineage rows of the scheme's own
 * predecessor leave `scheme` out).
 *
 * ### Examples
 * ```ts
 * const section = evaluationSectionFromRows(await readEvaluationRows(db, scheme.id), scheme.predecessorCode);
 * ```
 */
export function evaluationSectionFromRows(rows: EvaluationRows, predecessor: string | null): EvaluationSection {
  const { evaluations, questions, recommendations, acts, revisions, lineage } = rows;
  return compact({
    evaluations: evaluations.map(
      (e): EvaluationDocument =>
        compact({
          code: e.code,
          kind: e.kind,
          title: e.title,
          startDate: opt(e.start_date),
          date: e.date,
          authors: e.authors,
          summary: opt(e.summary),
          easyRead: opt(e.easy_read),
          questions: questions
            .filter((q) => q.evaluation_id === e.id)
            .map((q) =>
              compact({
                code: q.code,
                text: q.text,
                orientation: opt(q.orientation_code),
                action: opt(q.action_code),
                criteria: q.criteria,
                indicators: q.indicators,
                sources: q.sources,
                findings: q.findings,
                illustrative: q.illustrative || undefined,
              }),
            ),
          recommendations: recommendations
            .filter((r) => r.evaluation_id === e.id)
            .map((r) =>
              compact({
                code: r.code,
                text: r.text,
                question: opt(r.question_code),
                followUp: r.status ? compact({ status: r.status, date: opt(r.follow_up_date), note: opt(r.follow_up_note) }) : undefined,
                actions: r.actions,
                illustrative: r.illustrative || undefined,
              }),
            ),
          illustrative: e.illustrative || undefined,
        }),
    ),
    legalTrail: acts.map(
      (a): LegalActDocument =>
        compact({
          code: a.code,
          kind: a.kind,
          date: a.date,
          title: a.title,
          number: opt(a.number),
          assembly: opt(a.assembly),
          body: opt(a.body),
          opinion: opt(a.opinion),
          summary: opt(a.summary),
          changes: a.changes,
          illustrative: a.illustrative || undefined,
        }),
    ),
    targetRevisions: revisions.map(
      (r): TargetRevisionDocument =>
        compact({
          indicator: r.indicator_code,
          date: r.date,
          original: compact({ value: r.original_value, date: opt(r.original_date) }),
          revised: compact({ value: r.revised_value, date: opt(r.revised_date) }),
          justification: r.justification,
          act: opt(r.act_code),
          illustrative: r.illustrative || undefined,
        }),
    ),
    lineage: lineage.map(
      (l): LineageDocument =>
        compact({
          scheme: l.predecessor_code === predecessor ? undefined : l.predecessor_code,
          action: l.predecessor_action,
          fate: l.fate,
          into: l.into,
          note: opt(l.note),
          illustrative: l.illustrative || undefined,
        }),
    ),
  });
}

/** What became of one action of a scheme in a scheme that continues it. */
export interface ActionContinuation {
  readonly successorCode: string;
  readonly action: string;
  readonly fate: LineageFate;
  readonly into: string[];
  readonly note: string | null;
  readonly illustrative: boolean;
}

/** The evaluation data of a scheme: its evaluations, legal trail, target revisions, lineage both ways. */
export interface SchemeEvaluation extends Required<EvaluationSection> {
  readonly scheme: Scheme;
  /** What became of this scheme's actions in the schemes that continue it. */
  readonly continuations: ActionContinuation[];
}

const MESSAGES = {
  draft_unauthenticated: {
    fr: "Ce schéma est un brouillon non publié : il faut un jeton de l'un de ses départements (« Authorization: Bearer … »).",
    en: 'This scheme is an unpublished draft: a token of one of its départements is required ("Authorization: Bearer …").',
  },
  draft_forbidden: {
    fr: "Ce schéma est un brouillon non publié : ce jeton ne donne pas accès aux schémas de ses départements.",
    en: "This scheme is an unpublished draft: this token does not give access to its départements' schemes.",
  },
} as const;

const draftMessage = translator(MESSAGES);

/**
 * The scheme a reader asks for, or a clear refusal: NOT_FOUND for an unknown code, UNAUTHENTICATED or
 * FORBIDDEN for a draft (or unpublished) scheme read without a token of one of its départements.
 *
 * ### Examples
 * ```ts
 * const scheme = await getReadableScheme(db, '92-2024-2028', principal, 'en');
 * ```
 */
export async function getReadableScheme(db: Kysely<Database>, schemeCode: string, principal: Principal | undefined, lang: Lang = 'fr'): Promise<Scheme> {
  const [scheme] = await getSchemesByCodes(db, [schemeCode]);
  if (!scheme) throw notFoundError('unknown_scheme', 'scheme', schemeCode, lang);
  if (!isSchemeVisible(scheme, visibilityOf(principal))) {
    if (!principal) throw new DomainError('UNAUTHENTICATED', draftMessage('draft_unauthenticated', lang));
    throw new DomainError('FORBIDDEN', draftMessage('draft_forbidden', lang));
  }
  return scheme;
}


/**
 * A scheme's evaluations, legal trail, target revisions and lineage, and what became of its actions in the
 * schemes that continue it (only those the reader may see).
 *
 * ### Examples
 * ```ts
 * const { evaluations, legalTrail, continuations } = await getSchemeEvaluation(db, '92-78-2018-2023', { visibility: {} });
 * ```
 */
export async function getSchemeEvaluation(db: Kysely<Database>, scheme: Scheme, options: { visibility?: Visibility } = {}): Promise<SchemeEvaluation> {
  const [rows, continuations] = await Promise.all([readEvaluationRows(db, scheme.id), getLineageByPredecessorCodes(db, [scheme.code])]);
  const section = evaluationSectionFromRows(rows, scheme.predecessorCode);
  const successors = await getSchemesByCodes(db, [...new Set(continuations.map((c) => c.successor_code))]);
  const visible = new Set(successors.filter((s) => isSchemeVisible(s, options.visibility ?? {})).map((s) => s.code));
  return {
    scheme,
    evaluations: section.evaluations ?? [],
    legalTrail: section.legalTrail ?? [],
    targetRevisions: section.targetRevisions ?? [],
    lineage: section.lineage ?? [],
    continuations: continuations
      .filter((c) => visible.has(c.successor_code))
      .map((c) => ({ successorCode: c.successor_code, action: c.predecessor_action, fate: c.fate, into: c.into, note: c.note, illustrative: c.illustrative })),
  };
}

/** One point of an indicator series that runs across schemes (indicators sharing a shared code). */
export interface SeriesPoint {
  readonly schemeCode: string;
  readonly indicatorCode: string;
  readonly period: string;
  readonly periodStart: string;
  readonly territory: string;
  readonly value: number | null;
  readonly missingReason: string | null;
  readonly provisional: boolean;
  readonly illustrative: boolean;
}

/**
 * The continuous series of a shared indicator across every visible scheme that carries it (a scheme and the
 * one that continues it), latest revision of each value, sorted by period then scheme.
 *
 * ### Examples
 * ```ts
 * const points = await getIndicatorSeries(db, 'rsa-emploi-12m', { territory: 'dep:92' });
 * points.map((p) => `${p.period} ${p.value} (${p.schemeCode})`); // ['2018 39.2 (92-78-2018-2023)', …, '2024-Q1 50.8 (92-2024-2028)', …]
 * ```
 */
export async function getIndicatorSeries(
  db: Kysely<Database>,
  sharedCode: string,
  options: { territory?: string; visibility?: Visibility } = {},
): Promise<SeriesPoint[]> {
  const visibility = options.visibility ?? {};
  let query = db
    .selectFrom('measurement')
    .innerJoin('indicator', 'indicator.id', 'measurement.indicator_id')
    .innerJoin('scheme', 'scheme.id', 'indicator.scheme_id')
    .distinctOn(['measurement.indicator_id', 'measurement.period', 'measurement.territory'])
    .select(['scheme.code as scheme_code', 'indicator.code as indicator_code', 'indicator.illustrative as indicator_illustrative'])
    .select(['measurement.period', 'measurement.period_start', 'measurement.territory', 'measurement.value', 'measurement.missing_reason', 'measurement.provisional', 'measurement.illustrative'])
    .where('indicator.shared_code', '=', sharedCode);
  if (!visibility.all) {
    const departments = [...(visibility.departments ?? [])];
    query = query.where(
      departments.length
        ? sql<boolean>`((scheme.status <> 'draft' and scheme.published) or scheme.departments && ${departments}::text[])`
        : sql<boolean>`(scheme.status <> 'draft' and scheme.published)`,
    );
  }
  if (options.territory) query = query.where('measurement.territory', '=', options.territory);
  const rows = await query.orderBy('measurement.indicator_id').orderBy('measurement.period').orderBy('measurement.territory').orderBy('measurement.revision', 'desc').execute();
  return rows
    .map((r) => ({
      schemeCode: r.scheme_code,
      indicatorCode: r.indicator_code,
      period: r.period,
      periodStart: r.period_start,
      territory: r.territory,
      value: r.value,
      missingReason: r.missing_reason,
      provisional: r.provisional,
      illustrative: r.illustrative || r.indicator_illustrative,
    }))
    .sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : a.schemeCode < b.schemeCode ? -1 : a.schemeCode > b.schemeCode ? 1 : a.territory < b.territory ? -1 : 1));
}

function replaceOrAppend<T>(list: readonly T[], items: readonly T[], key: (item: T) => string): T[] {
  const result = [...list];
  for (const item of items) {
    const at = result.findIndex((x) => key(x) === key(item));
    if (at >= 0) result[at] = item;
    else result.push(item);
  }
  return result;
}

const notFound = (path: string, _value: string, message: string) => new DomainError('NOT_FOUND', message, [{ path, code: 'not_found', message }]);

// ---- Commands on runCommand (access/command.ts): the scheme locked and authorized, validate, write and audit
// in one transaction.

async function schemeCodes(trx: Kysely<Database>, schemeId: string) {
  const [actions, orientations, indicators] = await Promise.all([
    trx.selectFrom('action').select('code').where('scheme_id', '=', schemeId).execute(),
    trx.selectFrom('orientation').select('code').where('scheme_id', '=', schemeId).execute(),
    trx.selectFrom('indicator').select(['id', 'code']).where('scheme_id', '=', schemeId).execute(),
  ]);
  return {
    actions: new Set(actions.map((a) => a.code)),
    orientations: new Set(orientations.map((o) => o.code)),
    indicators: new Map(indicators.map((i) => [i.code, i.id])),
  };
}

/** Parse a command's input with a schema, or refuse it (VALIDATION with field paths). */
function parsed<T>(schema: z.ZodType<T>, input: unknown, lang: Lang): T {
  const result = validate(schema, input, lang);
  if (!result.ok) throw validationError(result.issues, lang);
  return result.data;
}

/**
 * Write entities of a scheme's evaluation section (replaced in place by their key, or appended), after
 * checking their references; hands back the stored entity before and after for the audit row.
 */
async function writeSection<T>(
  ctx: CommandContext,
  scheme: Scheme,
  build: (predecessor: string | null) => { section: EvaluationSection; entityCode: string; result: T },
  pick: (rows: EvaluationSection) => unknown,
): Promise<CommandDone<T>> {
  const { trx, lang } = ctx;
  const codes = await schemeCodes(trx, scheme.id);
  const { section, entityCode, result } = build(scheme.predecessorCode);
  const issues = checkEvaluationReferences(section, { predecessor: scheme.predecessorCode ?? undefined, orientations: codes.orientations, actions: codes.actions, indicators: new Set(codes.indicators.keys()) }, lang);
  if (issues.length) throw validationError(issues, lang);
  const stored = evaluationSectionFromRows(await readEvaluationRows(trx, scheme.id), scheme.predecessorCode);
  // The whole list with the entity replaced in place or appended, so that positions stay in order.
  const lineageKey = (l: LineageDocument) => `${l.scheme ?? scheme.predecessorCode}|${l.action}`;
  const merged: EvaluationSection = {
    evaluations: section.evaluations && replaceOrAppend(stored.evaluations ?? [], section.evaluations, (e) => e.code),
    legalTrail: section.legalTrail && replaceOrAppend(stored.legalTrail ?? [], section.legalTrail, (a) => a.code),
    lineage: section.lineage && replaceOrAppend(stored.lineage ?? [], section.lineage, lineageKey),
  };
  await upsertEvaluationSection(trx, scheme.id, scheme.predecessorCode ?? undefined, merged, codes.indicators);
  const after = evaluationSectionFromRows(await readEvaluationRows(trx, scheme.id), scheme.predecessorCode);
  return { value: result, entityId: `${scheme.code}/${entityCode}`, before: pick(stored) ?? null, after: pick(after) ?? null };
}

function writeEvaluation(ctx: CommandContext, scheme: Scheme, evaluation: EvaluationDocument): Promise<CommandDone<EvaluationDocument>> {
  return writeSection(ctx, scheme, () => ({ section: { evaluations: [evaluation] }, entityCode: evaluation.code, result: evaluation }),
    (s) => s.evaluations?.find((e) => e.code === evaluation.code));
}

/**
 * Create or update one evaluation (with its questions and recommendations; those absent are kept) of a scheme, as an editor of
 * every one of its départements; validated, written and audited in one transaction.
 *
 * ### Examples
 * ```ts
 * await saveEvaluation(db, { principal }, '92-2024-2028', { code: 'mi-parcours', kind: 'mid_term', title: 'Évaluation à mi-parcours', date: '2026-06-30', authors: [{ name: 'DECG', kind: 'internal' }] });
 * ```
 */
export function saveEvaluation(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<EvaluationDocument> {
  return runCommand(db, caller, 'evaluation:save', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    return writeEvaluation(ctx, scheme, parsed(evaluationSchema, input, ctx.lang));
  });
}

const followUpInput = z.object({
  evaluation: code,
  recommendation: code,
  status: z.enum(FOLLOW_UP_STATUSES),
  date: isoDate.optional(),
  note: z.string().trim().optional(),
  actions: z.array(code).optional(),
});

/**
 * Record the follow-up of a recommendation (accepted, rejected, done) and the actions it changed.
 *
 * ### Examples
 * ```ts
 * await setRecommendationFollowUp(db, { principal }, '92-2024-2028', { evaluation: 'mi-parcours', recommendation: 'r-fidelisation', status: 'done', date: '2027-01-15', actions: ['5.1'] });
 * ```
 */
export function setRecommendationFollowUp(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<EvaluationDocument> {
  return runCommand(db, caller, 'recommendation:follow-up', async (ctx) => {
    const { lang } = ctx;
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const f = parsed(followUpInput, input, lang);
    const stored = evaluationSectionFromRows(await readEvaluationRows(ctx.trx, scheme.id), scheme.predecessorCode);
    const evaluation = stored.evaluations?.find((e) => e.code === f.evaluation);
    if (!evaluation) throw notFound('evaluation', f.evaluation, lang === 'fr' ? `évaluation inconnue : ${f.evaluation}` : `unknown evaluation: ${f.evaluation}`);
    const recommendation = evaluation.recommendations?.find((r) => r.code === f.recommendation);
    if (!recommendation) throw notFound('recommendation', f.recommendation, lang === 'fr' ? `recommandation inconnue : ${f.recommendation}` : `unknown recommendation: ${f.recommendation}`);
    const changed = {
      ...evaluation,
      recommendations: evaluation.recommendations!.map((r) =>
        r.code === f.recommendation
          ? { ...r, followUp: { status: f.status, ...(f.date ? { date: f.date } : {}), ...(f.note ? { note: f.note } : {}) }, ...(f.actions ? { actions: f.actions } : {}) }
          : r,
      ),
    };
    return writeEvaluation(ctx, scheme, parsed(evaluationSchema, changed, lang));
  });
}

/**
 * Add or correct one act of a scheme's legal trail (deliberation, opinion, amendment, mid-term revision).
 *
 * ### Examples
 * ```ts
 * await recordLegalAct(db, { principal }, '92-2024-2028', { code: 'avenant-2', kind: 'amendment', date: '2027-03-01', title: 'Avenant n° 2', changes: [{ action: '3.2', text: 'Action scindée' }] });
 * ```
 */
export function recordLegalAct(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<LegalActDocument> {
  return runCommand(db, caller, 'legal-act:record', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const act = parsed(legalActSchema, input, ctx.lang);
    return writeSection(ctx, scheme, () => ({ section: { legalTrail: [act] }, entityCode: act.code, result: act }), (s) => s.legalTrail?.find((a) => a.code === act.code));
  });
}

/**
 * Mark what became of an action of the previous scheme in this one (renewed, merged, split, dropped).
 * Returns the entry with the previous scheme named (`scheme`: the scheme's predecessor when the input
 * names none), as a read of the lineage shows it.
 *
 * ### Examples
 * ```ts
 * const entry = await setActionLineage(db, { principal }, '92-2024-2028', { action: '1.4', fate: 'dropped' });
 * entry.scheme; // '92-78-2018-2023'
 * ```
 */
export function setActionLineage(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<LineageDocument> {
  return runCommand(db, caller, 'lineage:set', async (ctx) => {
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const entry = parsed(lineageSchema, input, ctx.lang);
    const named = (predecessor: string | null): LineageDocument => {
      const previous = entry.scheme ?? predecessor;
      return previous ? { ...entry, scheme: previous } : entry;
    };
    return writeSection(ctx, scheme, (predecessor) => ({ section: { lineage: [entry] }, entityCode: `${entry.scheme ?? predecessor}/${entry.action}`, result: named(predecessor) }),
      (s) => s.lineage?.find((l) => l.action === entry.action && (l.scheme ?? null) === (entry.scheme ?? null)));
  });
}

const targetRevisionInput = z.object({
  indicator: code,
  date: isoDate,
  revised: z.object({ value: z.number(), date: isoDate.optional() }),
  justification: text,
  act: code.optional(),
});

/**
 * Revise an indicator's target, never silently: the indicator takes the revised target and a target revision
 * keeps the original one, the date and the justification, in one audited transaction.
 *
 * ### Examples
 * ```ts
 * await reviseIndicatorTarget(db, { principal }, '92-2024-2028', { indicator: 'rsa-emploi-12m', date: '2027-01-20', revised: { value: 60, date: '2028-12-31' }, justification: 'Marché du travail dégradé' });
 * ```
 */
export function reviseIndicatorTarget(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown): Promise<TargetRevisionDocument> {
  return runCommand(db, caller, 'indicator:revise-target', async (ctx) => {
    const { trx, lang } = ctx;
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const r = parsed(targetRevisionInput, input, lang);
    const indicator = await trx.selectFrom('indicator').selectAll().where('scheme_id', '=', scheme.id).where('code', '=', r.indicator).forUpdate().executeTakeFirst();
    if (!indicator) throw notFoundError('unknown_indicator', 'indicator', r.indicator, lang);
    if (indicator.target_value === null) {
      const message = lang === 'fr' ? "cet indicateur n'a pas de cible à réviser" : 'this indicator has no target to revise';
      throw validationError([{ path: 'indicator', code: 'no_target', message }], lang);
    }
    const revision: TargetRevisionDocument = {
      indicator: r.indicator,
      date: r.date,
      original: { value: indicator.target_value, ...(indicator.target_date ? { date: indicator.target_date } : {}) },
      revised: { value: r.revised.value, date: r.revised.date ?? indicator.target_date ?? undefined },
      justification: r.justification,
      ...(r.act ? { act: r.act } : {}),
    };
    if (revision.revised.date === undefined) delete revision.revised.date;
    const acts = await trx.selectFrom('legal_act').select('code').where('scheme_id', '=', scheme.id).execute();
    const issues = checkEvaluationReferences({ targetRevisions: [revision], legalTrail: acts.map((a) => ({ code: a.code }) as LegalActDocument) }, { orientations: new Set(), actions: new Set(), indicators: new Set([r.indicator]) }, lang);
    if (issues.length) throw validationError(issues, lang);
    const exists = await trx.selectFrom('target_revision').select('id').where('indicator_id', '=', indicator.id).where('date', '=', r.date).executeTakeFirst();
    if (exists) {
      const message = lang === 'fr' ? 'une révision de cette cible existe déjà à cette date' : 'a revision of this target already exists at this date';
      throw new DomainError('CONFLICT', message, [{ path: 'date', code: 'duplicate_code', message }]);
    }
    await trx
      .insertInto('target_revision')
      .values({
        id: randomUUID(),
        indicator_id: indicator.id,
        date: revision.date,
        original_value: revision.original.value,
        original_date: revision.original.date ?? null,
        revised_value: revision.revised.value,
        revised_date: revision.revised.date ?? null,
        justification: revision.justification,
        act_code: revision.act ?? null,
      })
      .execute();
    await trx.updateTable('indicator').set({ target_value: revision.revised.value, target_date: revision.revised.date ?? indicator.target_date }).where('id', '=', indicator.id).execute();
    return { value: revision, entityId: indicator.id, before: { target: revision.original }, after: { target: revision.revised, revision } };
  });
}

/** Whether a principal belongs to one of a scheme's départements (its team: internal notes are shown). */
export function isSchemeTeam(principal: Principal | undefined, scheme: { departments: readonly string[] }): boolean {
  return coversDepartments(principal, scheme.departments);
}
