import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { upsert } from '../database/upsert.ts';
import type { EvaluationDocument, LegalActDocument, LineageDocument, TargetRevisionDocument } from './evaluation.ts';
import type { ActionLineageRow, EvaluationQuestionRow, EvaluationRow, LegalActRow, RecommendationRow, TargetRevisionRow } from './evaluation.table.ts';

/** A scheme's evaluation data as documents (the scheme file's section). */
export interface EvaluationSection {
  evaluations?: EvaluationDocument[];
  legalTrail?: LegalActDocument[];
  targetRevisions?: TargetRevisionDocument[];
  lineage?: LineageDocument[];
}

/** Receives what each upsert wrote, and how many rows it was given. */
export type Tally = (written: { created: string[]; updated: string[] }, total: number) => void;
const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/**
 * Write validated evaluations, legal acts, target revisions and lineage of one scheme, inside the caller's
 * transaction: each entity is created or updated by its natural key (code; indicator and date for a target
 * revision; previous scheme and action for lineage) and only when it changed; entities absent are kept.
 * `indicatorIds` maps the scheme's indicator codes to ids.
 *
 * ### Examples
 * ```ts
 * await upsertEvaluationSection(trx, schemeId, '92-78-2018-2023', { lineage: [{ action: '1.1', fate: 'dropped' }] }, new Map(), tally);
 * ```
 */
export async function upsertEvaluationSection(
  trx: Kysely<Database>,
  schemeId: string,
  predecessor: string | undefined,
  file: EvaluationSection,
  indicatorIds: ReadonlyMap<string, string>,
  tally: Tally = () => {},
): Promise<void> {
  const evaluations = file.evaluations ?? [];
  const evaluationIds = await idsOf(trx, 'evaluation', 'scheme_id', [schemeId]);
  const evaluationRows = evaluations.map((e, position) => ({
    id: evaluationIds.get(`${schemeId}|${e.code}`) ?? randomUUID(),
    scheme_id: schemeId,
    code: e.code,
    kind: e.kind,
    title: e.title,
    start_date: nil(e.startDate),
    date: e.date,
    authors: e.authors,
    summary: nil(e.summary),
    easy_read: nil(e.easyRead),
    illustrative: e.illustrative ?? false,
    position,
  }));
  tally(await upsert(trx, 'evaluation', evaluationRows, ['scheme_id', 'code'], ['kind', 'title', 'start_date', 'date', 'authors', 'summary', 'easy_read', 'illustrative', 'position']), evaluationRows.length);
  const evaluationIdList = evaluationRows.map((r) => r.id);
  const questionIds = await idsOf(trx, 'evaluation_question', 'evaluation_id', evaluationIdList);
  const recommendationIds = await idsOf(trx, 'recommendation', 'evaluation_id', evaluationIdList);
  const questionRows = evaluations.flatMap((e, i) =>
    (e.questions ?? []).map((q, position) => ({
      id: questionIds.get(`${evaluationRows[i]!.id}|${q.code}`) ?? randomUUID(),
      evaluation_id: evaluationRows[i]!.id,
      code: q.code,
      text: q.text,
      orientation_code: nil(q.orientation),
      action_code: nil(q.action),
      criteria: q.criteria,
      indicators: q.indicators ?? [],
      sources: q.sources ?? [],
      findings: q.findings ?? [],
      illustrative: q.illustrative ?? false,
      position,
    })),
  );
  tally(
    await upsert(trx, 'evaluation_question', questionRows, ['evaluation_id', 'code'], ['text', 'orientation_code', 'action_code', 'criteria', 'indicators', 'sources', 'findings', 'illustrative', 'position']),
    questionRows.length,
  );
  const recommendationRows = evaluations.flatMap((e, i) =>
    (e.recommendations ?? []).map((r, position) => ({
      id: recommendationIds.get(`${evaluationRows[i]!.id}|${r.code}`) ?? randomUUID(),
      evaluation_id: evaluationRows[i]!.id,
      code: r.code,
      text: r.text,
      question_code: nil(r.question),
      status: nil(r.followUp?.status),
      follow_up_date: nil(r.followUp?.date),
      follow_up_note: nil(r.followUp?.note),
      actions: r.actions ?? [],
      illustrative: r.illustrative ?? false,
      position,
    })),
  );
  tally(
    await upsert(trx, 'recommendation', recommendationRows, ['evaluation_id', 'code'], ['text', 'question_code', 'status', 'follow_up_date', 'follow_up_note', 'actions', 'illustrative', 'position']),
    recommendationRows.length,
  );

  const actIds = await idsOf(trx, 'legal_act', 'scheme_id', [schemeId]);
  const actRows = (file.legalTrail ?? []).map((a, position) => ({
    id: actIds.get(`${schemeId}|${a.code}`) ?? randomUUID(),
    scheme_id: schemeId,
    code: a.code,
    kind: a.kind,
    date: a.date,
    title: a.title,
    number: nil(a.number),
    assembly: nil(a.assembly),
    body: nil(a.body),
    opinion: nil(a.opinion),
    summary: nil(a.summary),
    changes: a.changes ?? [],
    illustrative: a.illustrative ?? false,
    position,
  }));
  tally(await upsert(trx, 'legal_act', actRows, ['scheme_id', 'code'], ['kind', 'date', 'title', 'number', 'assembly', 'body', 'opinion', 'summary', 'changes', 'illustrative', 'position']), actRows.length);

  const revisionRows = (file.targetRevisions ?? []).map((r) => ({
    id: randomUUID(),
    indicator_id: indicatorIds.get(r.indicator)!,
    date: r.date,
    original_value: r.original.value,
    original_date: nil(r.original.date),
    revised_value: r.revised.value,
    revised_date: nil(r.revised.date),
    justification: r.justification,
    act_code: nil(r.act),
    illustrative: r.illustrative ?? false,
  }));
  tally(
    await upsert(trx, 'target_revision', revisionRows, ['indicator_id', 'date'], ['original_value', 'original_date', 'revised_value', 'revised_date', 'justification', 'act_code', 'illustrative']),
    revisionRows.length,
  );

  const lineageRows = (file.lineage ?? []).map((l, position) => ({
    id: randomUUID(),
    scheme_id: schemeId,
    predecessor_code: (l.scheme ?? predecessor)!,
    predecessor_action: l.action,
    fate: l.fate,
    into: l.into ?? [],
    note: nil(l.note),
    illustrative: l.illustrative ?? false,
    position,
  }));
  tally(await upsert(trx, 'action_lineage', lineageRows, ['scheme_id', 'predecessor_code', 'predecessor_action'], ['fate', 'into', 'note', 'illustrative', 'position']), lineageRows.length);
}

async function idsOf(
  trx: Kysely<Database>,
  table: 'evaluation' | 'evaluation_question' | 'recommendation' | 'legal_act',
  parent: 'scheme_id' | 'evaluation_id',
  parentIds: readonly string[],
): Promise<Map<string, string>> {
  if (parentIds.length === 0) return new Map();
  const db = trx as unknown as Kysely<any>;
  const rows = (await db.selectFrom(table).select(['id', 'code', parent]).where(parent, 'in', parentIds).execute()) as Record<string, string>[];
  return new Map(rows.map((r) => [`${r[parent]}|${r.code}`, r.id!]));
}


/** The stored rows of a scheme's evaluation data, as {@link readEvaluationRows} reads them. */
export interface EvaluationRows {
  evaluations: EvaluationRow[];
  questions: EvaluationQuestionRow[];
  recommendations: RecommendationRow[];
  acts: LegalActRow[];
  revisions: (TargetRevisionRow & { indicator_code: string })[];
  lineage: ActionLineageRow[];
}

/**
 * Every evaluation row of one scheme, in file order, in six statements.
 *
 * ### Examples
 * ```ts
 * const rows = await readEvaluationRows(db, scheme.id);
 * rows.acts.map((a) => a.code); // ['avis-cdca', 'adoption', 'avenant-1']
 * ```
 */
export async function readEvaluationRows(db: Kysely<Database>, schemeId: string): Promise<EvaluationRows> {
  const [evaluations, questions, recommendations, acts, revisions, lineage] = await Promise.all([
    db.selectFrom('evaluation').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db
      .selectFrom('evaluation_question')
      .innerJoin('evaluation', 'evaluation.id', 'evaluation_question.evaluation_id')
      .selectAll('evaluation_question')
      .where('evaluation.scheme_id', '=', schemeId)
      .orderBy('evaluation_question.position')
      .execute(),
    db
      .selectFrom('recommendation')
      .innerJoin('evaluation', 'evaluation.id', 'recommendation.evaluation_id')
      .selectAll('recommendation')
      .where('evaluation.scheme_id', '=', schemeId)
      .orderBy('recommendation.position')
      .execute(),
    db.selectFrom('legal_act').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db
      .selectFrom('target_revision')
      .innerJoin('indicator', 'indicator.id', 'target_revision.indicator_id')
      .selectAll('target_revision')
      .select('indicator.code as indicator_code')
      .where('indicator.scheme_id', '=', schemeId)
      .orderBy('indicator.position')
      .orderBy('target_revision.date')
      .execute(),
    db.selectFrom('action_lineage').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
  ]);
  return { evaluations, questions, recommendations, acts, revisions, lineage };
}

/**
 * What became of the actions of the given schemes in the schemes that continue them (lineage rows written
 * by the successors), with the successor's code.
 *
 * ### Examples
 * ```ts
 * const rows = await getLineageByPredecessorCodes(db, ['92-78-2018-2023']);
 * rows[0]; // { successor_code: '92-2024-2028', predecessor_action: '1.1', fate: 'merged', into: ['1.3'], … }
 * ```
 */
export async function getLineageByPredecessorCodes(db: Kysely<Database>, codes: readonly string[]): Promise<(ActionLineageRow & { successor_code: string })[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('action_lineage')
    .innerJoin('scheme', 'scheme.id', 'action_lineage.scheme_id')
    .selectAll('action_lineage')
    .select('scheme.code as successor_code')
    .where('action_lineage.predecessor_code', 'in', [...codes])
    .orderBy('scheme.code')
    .orderBy('action_lineage.position')
    .execute();
}
