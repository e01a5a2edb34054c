// Evaluation, legal trail, lineage and reports (issue 14): types, query fields, the report field and thin
// mutations onto the core's commands (which authorize, validate, write and audit in one transaction).
import {
  LABELS,
  AUTHOR_KINDS,
  EVALUATION_CRITERIA,
  EVALUATION_KINDS,
  FOLLOW_UP_STATUSES,
  LEGAL_ACT_KINDS,
  LINEAGE_FATES,
  OPINIONS,
  REPORT_KINDS,
  getIndicatorSeries,
  getReadableScheme,
  getSchemeEvaluation,
  recordLegalAct,
  renderReport,
  reviseIndicatorTarget,
  saveEvaluation,
  setActionLineage,
  setRecommendationFollowUp,
  type ActionContinuation,
  type EvaluationDocument,
  type EvaluationQuestionDocument,
  type LegalActDocument,
  type LineageDocument,
  type RecommendationDocument,
  type SchemeEvaluation,
  type SeriesPoint,
  type TargetRevisionDocument,
} from '@sosms/core';
import { builder } from '../builder.ts';
import { enumOf } from './enums.ts';
import { ActionRef } from './refs.ts';

const EvaluationKind = enumOf('EvaluationKind', EVALUATION_KINDS, "Nature d'une évaluation : mi-parcours, finale, thématique / evaluation kind", LABELS.evaluationKind);
const AuthorKind = enumOf('EvaluationAuthorKind', AUTHOR_KINDS, 'Auteur interne ou cabinet externe / internal or external author', LABELS.authorKind);
const Criterion = enumOf('EvaluationCriterion', EVALUATION_CRITERIA, 'Critère évaluatif / evaluative criterion', LABELS.evaluationCriterion);
const FollowUpStatus = enumOf('FollowUpStatus', FOLLOW_UP_STATUSES, "Suite d'une recommandation / follow-up of a recommendation", LABELS.followUpStatus);
const LegalActKind = enumOf('LegalActKind', LEGAL_ACT_KINDS, 'Acte de la trace légale / act of the legal trail', LABELS.legalActKind);
const Opinion = enumOf('Opinion', OPINIONS, "Sens d'un avis obligatoire / mandatory opinion", LABELS.opinion);
const LineageFate = enumOf('LineageFate', LINEAGE_FATES, "Devenir d'une action dans le schéma suivant / fate of an action in the next scheme", LABELS.lineageFate);
const ReportKind = enumOf('ReportKind', REPORT_KINDS, 'Rapport : revue de COPIL, bilan annuel, évaluation finale, version publique / report kind', LABELS.reportKind);

const Author = builder.objectRef<{ name: string; kind: (typeof AUTHOR_KINDS)[number] }>('EvaluationAuthor').implement({
  description: "Auteur d'une évaluation",
  fields: (t) => ({ name: t.exposeString('name'), kind: t.field({ type: AuthorKind, resolve: (a) => a.kind }) }),
});

const Question = builder.objectRef<EvaluationQuestionDocument>('EvaluationQuestion').implement({
  description: 'Question évaluative sur une orientation ou une action, ses critères, indicateurs, sources et constats',
  fields: (t) => ({
    code: t.exposeString('code'),
    text: t.exposeString('text'),
    orientationCode: t.string({ nullable: true, resolve: (q) => q.orientation ?? null }),
    actionCode: t.string({ nullable: true, resolve: (q) => q.action ?? null }),
    criteria: t.field({ type: [Criterion], resolve: (q) => q.criteria }),
    indicatorCodes: t.stringList({ resolve: (q) => q.indicators ?? [] }),
    sources: t.stringList({ resolve: (q) => q.sources ?? [] }),
    findings: t.stringList({ resolve: (q) => q.findings ?? [] }),
    illustrative: t.boolean({ resolve: (q) => q.illustrative ?? false }),
  }),
});

type RecommendationView = RecommendationDocument & { internal: boolean };

const FollowUp = builder.objectRef<{ status: (typeof FOLLOW_UP_STATUSES)[number]; date?: string; note?: string; internal: boolean }>('RecommendationFollowUp').implement({
  description: "Suite donnée à une recommandation (la note interne n'est lue qu'avec un jeton du département)",
  fields: (t) => ({
    status: t.field({ type: FollowUpStatus, resolve: (f) => f.status }),
    date: t.field({ type: 'Date', nullable: true, resolve: (f) => f.date ?? null }),
    note: t.string({ nullable: true, resolve: (f) => (f.internal ? (f.note ?? null) : null) }),
  }),
});

const Recommendation = builder.objectRef<RecommendationView>('Recommendation').implement({
  description: "Recommandation d'une évaluation, sa suite et les actions qu'elle a modifiées",
  fields: (t) => ({
    code: t.exposeString('code'),
    text: t.exposeString('text'),
    questionCode: t.string({ nullable: true, resolve: (r) => r.question ?? null }),
    followUp: t.field({ type: FollowUp, nullable: true, resolve: (r) => (r.followUp ? { ...r.followUp, internal: r.internal } : null) }),
    actionCodes: t.stringList({ resolve: (r) => r.actions ?? [] }),
    illustrative: t.boolean({ resolve: (r) => r.illustrative ?? false }),
  }),
});

type EvaluationView = EvaluationDocument & { internal: boolean };

const Evaluation = builder.objectRef<EvaluationView>('Evaluation').implement({
  description: 'Évaluation à mi-parcours ou finale, ses auteurs, questions et recommandations',
  fields: (t) => ({
    code: t.exposeString('code'),
    kind: t.field({ type: EvaluationKind, resolve: (e) => e.kind }),
    title: t.exposeString('title'),
    startDate: t.field({ type: 'Date', nullable: true, resolve: (e) => e.startDate ?? null }),
    date: t.field({ type: 'Date', resolve: (e) => e.date }),
    authors: t.field({ type: [Author], resolve: (e) => e.authors }),
    summary: t.string({ nullable: true, resolve: (e) => e.summary ?? null }),
    easyRead: t.string({ nullable: true, resolve: (e) => e.easyRead ?? null }),
    questions: t.field({ type: [Question], resolve: (e) => e.questions ?? [] }),
    recommendations: t.field({ type: [Recommendation], resolve: (e) => (e.recommendations ?? []).map((r) => ({ ...r, internal: e.internal })) }),
    illustrative: t.boolean({ resolve: (e) => e.illustrative ?? false }),
  }),
});

const LegalActChange = builder.objectRef<NonNullable<LegalActDocument['changes']>[number]>('LegalActChange').implement({
  description: "Ce qu'un acte a changé, et à quoi (action, orientation ou indicateur, par code)",
  fields: (t) => ({
    text: t.exposeString('text'),
    actionCode: t.string({ nullable: true, resolve: (c) => c.action ?? null }),
    orientationCode: t.string({ nullable: true, resolve: (c) => c.orientation ?? null }),
    indicatorCode: t.string({ nullable: true, resolve: (c) => c.indicator ?? null }),
  }),
});

const LegalAct = builder.objectRef<LegalActDocument>('LegalAct').implement({
  description: "Acte de la trace légale : délibération d'adoption, avis obligatoire, avenant, révision à mi-parcours",
  fields: (t) => ({
    code: t.exposeString('code'),
    kind: t.field({ type: LegalActKind, resolve: (a) => a.kind }),
    date: t.field({ type: 'Date', resolve: (a) => a.date }),
    title: t.exposeString('title'),
    number: t.string({ nullable: true, resolve: (a) => a.number ?? null }),
    assembly: t.string({ nullable: true, resolve: (a) => a.assembly ?? null }),
    body: t.string({ nullable: true, resolve: (a) => a.body ?? null }),
    opinion: t.field({ type: Opinion, nullable: true, resolve: (a) => a.opinion ?? null }),
    summary: t.string({ nullable: true, resolve: (a) => a.summary ?? null }),
    changes: t.field({ type: [LegalActChange], resolve: (a) => a.changes ?? [] }),
    illustrative: t.boolean({ resolve: (a) => a.illustrative ?? false }),
  }),
});

const TargetValue = builder.objectRef<{ value: number; date?: string }>('TargetValue').implement({
  description: 'Une cible : valeur et échéance',
  fields: (t) => ({ value: t.exposeFloat('value'), date: t.field({ type: 'Date', nullable: true, resolve: (v) => v.date ?? null }) }),
});

const TargetRevision = builder.objectRef<TargetRevisionDocument>('TargetRevision').implement({
  description: "Révision de la cible d'un indicateur : cible d'origine et révisée, date et justification (publiques)",
  fields: (t) => ({
    indicatorCode: t.string({ resolve: (r) => r.indicator }),
    date: t.field({ type: 'Date', resolve: (r) => r.date }),
    original: t.field({ type: TargetValue, resolve: (r) => r.original }),
    revised: t.field({ type: TargetValue, resolve: (r) => r.revised }),
    justification: t.exposeString('justification'),
    actCode: t.string({ nullable: true, resolve: (r) => r.act ?? null }),
    illustrative: t.boolean({ resolve: (r) => r.illustrative ?? false }),
  }),
});

const Lineage = builder.objectRef<LineageDocument & { predecessorCode: string }>('ActionLineage').implement({
  description: "Devenir d'une action du schéma précédent dans ce schéma (reconduite, fusionnée, scindée, abandonnée)",
  fields: (t) => ({
    predecessorSchemeCode: t.string({ resolve: (l) => l.scheme ?? l.predecessorCode }),
    predecessorActionCode: t.string({ resolve: (l) => l.action }),
    fate: t.field({ type: LineageFate, resolve: (l) => l.fate }),
    actionCodes: t.stringList({ description: 'Actions de ce schéma qui la poursuivent', resolve: (l) => l.into ?? [] }),
    note: t.string({ nullable: true, resolve: (l) => l.note ?? null }),
    illustrative: t.boolean({ resolve: (l) => l.illustrative ?? false }),
  }),
});

const Continuation = builder.objectRef<ActionContinuation>('ActionContinuation').implement({
  description: "Ce qu'est devenue une action de ce schéma dans un schéma qui le poursuit",
  fields: (t) => ({
    successorSchemeCode: t.exposeString('successorCode'),
    actionCode: t.string({ resolve: (c) => c.action }),
    fate: t.field({ type: LineageFate, resolve: (c) => c.fate }),
    successorActionCodes: t.stringList({ resolve: (c) => c.into }),
    note: t.string({ nullable: true, resolve: (c) => c.note }),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

const SchemeEvaluationRef = builder.objectRef<SchemeEvaluation & { internal: boolean }>('SchemeEvaluation').implement({
  description: "L'évaluation d'un schéma : évaluations, trace légale, révisions de cibles, filiation avec les schémas voisins",
  fields: (t) => ({
    schemeCode: t.string({ resolve: (s) => s.scheme.code }),
    evaluations: t.field({ type: [Evaluation], resolve: (s) => s.evaluations.map((e) => ({ ...e, internal: s.internal })) }),
    legalTrail: t.field({ type: [LegalAct], resolve: (s) => s.legalTrail }),
    targetRevisions: t.field({ type: [TargetRevision], resolve: (s) => s.targetRevisions }),
    lineage: t.field({ type: [Lineage], resolve: (s) => s.lineage.map((l) => ({ ...l, predecessorCode: s.scheme.predecessorCode ?? '' })) }),
    continuations: t.field({ type: [Continuation], resolve: (s) => s.continuations }),
  }),
});

const SeriesPointRef = builder.objectRef<SeriesPoint>('SeriesPoint').implement({
  description: "Valeur d'une série continue d'indicateur à travers les schémas (même code partagé)",
  fields: (t) => ({
    schemeCode: t.exposeString('schemeCode'),
    indicatorCode: t.exposeString('indicatorCode'),
    period: t.exposeString('period'),
    territory: t.exposeString('territory'),
    value: t.exposeFloat('value', { nullable: true }),
    missingReason: t.exposeString('missingReason', { nullable: true }),
    provisional: t.exposeBoolean('provisional'),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

const Report = builder.objectRef<{ kind: string; date: string; lang: string; html: string }>('Report').implement({
  description: 'Un rapport en HTML accessible (le PDF balisé se produit avec `sosms report … --format pdf`)',
  fields: (t) => ({
    kind: t.field({ type: ReportKind, resolve: (r) => r.kind as (typeof REPORT_KINDS)[number] }),
    date: t.field({ type: 'Date', resolve: (r) => r.date }),
    lang: t.exposeString('lang'),
    html: t.exposeString('html', { description: 'Document HTML complet (lang, titres, tableaux légendés, graphiques avec alternative)' }),
  }),
});

const isTeam = (ctx: { principal?: { departments: readonly string[] } }, departments: readonly string[]) =>
  ctx.principal !== undefined && departments.some((d) => ctx.principal!.departments.includes(d));

builder.queryFields((t) => ({
  schemeEvaluation: t.field({
    type: SchemeEvaluationRef,
    description: "Évaluations, trace légale, révisions de cibles et filiation d'un schéma (un brouillon demande un jeton de son département)",
    args: { schemeCode: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const scheme = await getReadableScheme(ctx.db, args.schemeCode, ctx.principal, ctx.lang);
      return { ...(await getSchemeEvaluation(ctx.db, scheme, { visibility: ctx.visibility })), internal: isTeam(ctx, scheme.departments) };
    },
  }),
  indicatorSeries: t.field({
    type: [SeriesPointRef],
    description: "Série continue d'un indicateur à code partagé, à travers les schémas successifs",
    args: { sharedCode: t.arg.string({ required: true }), territory: t.arg.string() },
    resolve: (_root, args, ctx) => getIndicatorSeries(ctx.db, args.sharedCode, { territory: args.territory ?? undefined, visibility: ctx.visibility }),
  }),
  report: t.field({
    type: Report,
    description: "Rapport d'un schéma à une date, en HTML : revue de COPIL, bilan annuel, évaluation finale ou version publique",
    args: { schemeCode: t.arg.string({ required: true }), kind: t.arg({ type: ReportKind, required: true }), date: t.arg({ type: 'Date' }) },
    resolve: async (_root, args, ctx) => {
      const report = await renderReport(ctx.db, { schemeCode: args.schemeCode, kind: args.kind, date: args.date ?? undefined, lang: ctx.lang, principal: ctx.principal, today: ctx.today });
      return { kind: report.data.kind, date: report.data.date, lang: report.data.lang, html: report.body as string };
    },
  }),
}));

builder.objectField(ActionRef, 'recommendations', (t) =>
  t.field({
    type: [Recommendation],
    description: "Recommandations d'évaluation qui ont modifié cette action",
    resolve: async (action, _args, ctx) => {
      const [scheme] = await Promise.all([ctx.loaders.schemeById.load(action.schemeId)]);
      if (!scheme) return [];
      const evaluation = await getSchemeEvaluation(ctx.db, await getReadableScheme(ctx.db, scheme.code, ctx.principal, ctx.lang));
      const internal = isTeam(ctx, scheme.departments);
      return evaluation.evaluations.flatMap((e) => (e.recommendations ?? []).filter((r) => r.actions?.includes(action.code)).map((r) => ({ ...r, internal })));
    },
  }),
);

const TargetInput = builder.inputType('TargetValueInput', { fields: (t) => ({ value: t.float({ required: true }), date: t.field({ type: 'Date' }) }) });
const clean = <T extends Record<string, unknown>>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));

builder.mutationFields((t) => ({
  reviseIndicatorTarget: t.field({
    type: TargetRevision,
    description: "Réviser la cible d'un indicateur : l'ancienne cible, la date et la justification sont gardées et publiées (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      indicatorCode: t.arg.string({ required: true }),
      date: t.arg({ type: 'Date', required: true }),
      revised: t.arg({ type: TargetInput, required: true }),
      justification: t.arg.string({ required: true }),
      actCode: t.arg.string(),
    },
    resolve: (_root, args, ctx) =>
      reviseIndicatorTarget(ctx.db, ctx.caller, args.schemeCode, clean({ indicator: args.indicatorCode, date: args.date, revised: clean(args.revised), justification: args.justification, act: args.actCode })),
  }),
  setRecommendationFollowUp: t.field({
    type: Evaluation,
    description: "Enregistrer la suite d'une recommandation et les actions qu'elle a modifiées (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      evaluationCode: t.arg.string({ required: true }),
      recommendationCode: t.arg.string({ required: true }),
      status: t.arg({ type: FollowUpStatus, required: true }),
      date: t.arg({ type: 'Date' }),
      note: t.arg.string(),
      actionCodes: t.arg.stringList(),
    },
    resolve: async (_root, args, ctx) => ({
      ...(await setRecommendationFollowUp(ctx.db, ctx.caller, args.schemeCode, clean({ evaluation: args.evaluationCode, recommendation: args.recommendationCode, status: args.status, date: args.date, note: args.note, actions: args.actionCodes }))),
      internal: true,
    }),
  }),
  saveEvaluation: t.field({
    type: Evaluation,
    description: 'Créer ou mettre à jour une évaluation (même forme que dans un fichier de schéma : `evaluations[]`) (jeton editor)',
    args: { schemeCode: t.arg.string({ required: true }), input: t.arg({ type: 'JSON', required: true }) },
    resolve: async (_root, args, ctx) => ({ ...(await saveEvaluation(ctx.db, ctx.caller, args.schemeCode, args.input)), internal: true }),
  }),
  recordLegalAct: t.field({
    type: LegalAct,
    description: 'Ajouter ou corriger un acte de la trace légale (même forme que `legalTrail[]` d’un fichier de schéma) (jeton editor)',
    args: { schemeCode: t.arg.string({ required: true }), input: t.arg({ type: 'JSON', required: true }) },
    resolve: (_root, args, ctx) => recordLegalAct(ctx.db, ctx.caller, args.schemeCode, args.input),
  }),
  setActionLineage: t.field({
    type: Lineage,
    description: "Marquer le devenir d'une action du schéma précédent dans ce schéma (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      predecessorActionCode: t.arg.string({ required: true }),
      fate: t.arg({ type: LineageFate, required: true }),
      actionCodes: t.arg.stringList(),
      predecessorSchemeCode: t.arg.string(),
      note: t.arg.string(),
    },
    // The command names the previous scheme in `scheme`; predecessorCode is only the fallback of reads.
    resolve: async (_root, args, ctx) => ({
      ...(await setActionLineage(ctx.db, ctx.caller, args.schemeCode, clean({ action: args.predecessorActionCode, fate: args.fate, into: args.actionCodes, scheme: args.predecessorSchemeCode, note: args.note }))),
      predecessorCode: '',
    }),
  }),
}));
