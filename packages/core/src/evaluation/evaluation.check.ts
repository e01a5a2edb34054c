import type { EvaluationSection } from './evaluation.repository.ts';
import { messageWithDetail, type Lang, type ValidationIssue } from '../validation/issues.ts';

/** Codes of the rest of the file the section may refer to. */
export interface EvaluationSectionContext {
  readonly predecessor?: string;
  readonly orientations: ReadonlySet<string>;
  readonly actions: ReadonlySet<string>;
  readonly indicators: ReadonlySet<string>;
}

/**
 * Check the section's references: duplicate codes, unknown orientations, actions, indicators, questions
 * and acts, a lineage without a predecessor scheme, `into` that does not fit the fate.
 *
 * ### Examples
 * ```ts
 * checkEvaluationReferences({ lineage: [{ action: '1', fate: 'renewed', into: ['9'] }] }, ctx, 'en');
 * // [{ path: 'lineage[0].into[0]', code: 'unknown_action', message: 'unknown action: 9' }]
 * ```
 */
export function checkEvaluationReferences(section: EvaluationSection, ctx: EvaluationSectionContext, lang: Lang = 'fr'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: string, code: string, detail: string) => issues.push({ path, code, message: messageWithDetail(code, detail, lang) });
  const plain = (path: string, code: string, fr: string, en: string) => issues.push({ path, code, message: lang === 'fr' ? fr : en });
  const unique = (items: readonly { code: string }[] | undefined, path: string) => {
    const seen = new Set<string>();
    items?.forEach((item, i) => {
      if (seen.has(item.code)) issue(`${path}[${i}].code`, 'duplicate_code', item.code);
      seen.add(item.code);
    });
  };
  const action = (code: string | undefined, path: string) => code === undefined || ctx.actions.has(code) || issue(path, 'unknown_action', code);
  const orientation = (code: string | undefined, path: string) => code === undefined || ctx.orientations.has(code) || issue(path, 'unknown_orientation', code);
  const indicator = (code: string | undefined, path: string) => code === undefined || ctx.indicators.has(code) || issue(path, 'unknown_indicator', code);

  unique(section.evaluations, 'evaluations');
  unique(section.legalTrail, 'legalTrail');
  const acts = new Set((section.legalTrail ?? []).map((a) => a.code));
  section.evaluations?.forEach((evaluation, e) => {
    const path = `evaluations[${e}]`;
    unique(evaluation.questions, `${path}.questions`);
    unique(evaluation.recommendations, `${path}.recommendations`);
    if (evaluation.startDate && evaluation.startDate > evaluation.date) plain(`${path}.date`, 'end_before_start', 'la date de fin précède la date de début', 'the end date is before the start date');
    const questions = new Set((evaluation.questions ?? []).map((q) => q.code));
    evaluation.questions?.forEach((q, i) => {
      orientation(q.orientation, `${path}.questions[${i}].orientation`);
      action(q.action, `${path}.questions[${i}].action`);
      q.indicators?.forEach((c, j) => indicator(c, `${path}.questions[${i}].indicators[${j}]`));
    });
    evaluation.recommendations?.forEach((r, i) => {
      if (r.question && !questions.has(r.question)) {
        plain(`${path}.recommendations[${i}].question`, 'unknown_question', `question évaluative inconnue : ${r.question}`, `unknown evaluative question: ${r.question}`);
      }
      r.actions?.forEach((c, j) => action(c, `${path}.recommendations[${i}].actions[${j}]`));
    });
  });
  section.legalTrail?.forEach((act, i) =>
    act.changes?.forEach((c, j) => {
      action(c.action, `legalTrail[${i}].changes[${j}].action`);
      orientation(c.orientation, `legalTrail[${i}].changes[${j}].orientation`);
      indicator(c.indicator, `legalTrail[${i}].changes[${j}].indicator`);
    }),
  );
  const revisionKeys = new Set<string>();
  section.targetRevisions?.forEach((r, i) => {
    indicator(r.indicator, `targetRevisions[${i}].indicator`);
    if (r.act && !acts.has(r.act)) plain(`targetRevisions[${i}].act`, 'unknown_act', `acte inconnu dans legalTrail : ${r.act}`, `unknown act in legalTrail: ${r.act}`);
    const key = `${r.indicator}|${r.date}`;
    if (revisionKeys.has(key)) issue(`targetRevisions[${i}].date`, 'duplicate_code', `${r.indicator} ${r.date}`);
    revisionKeys.add(key);
  });
  const lineageKeys = new Set<string>();
  section.lineage?.forEach((l, i) => {
    const scheme = l.scheme ?? ctx.predecessor;
    if (!scheme) plain(`lineage[${i}].scheme`, 'no_predecessor', 'schéma précédent absent : indiquez scheme.predecessor ou lineage[].scheme', 'no previous scheme: set scheme.predecessor or lineage[].scheme');
    l.into?.forEach((c, j) => action(c, `lineage[${i}].into[${j}]`));
    const into = l.into?.length ?? 0;
    if (l.fate === 'dropped' ? into > 0 : into === 0) {
      plain(
        `lineage[${i}].into`,
        'lineage_fate',
        l.fate === 'dropped' ? 'une action abandonnée ne se poursuit dans aucune action' : 'indiquez les actions du schéma qui la poursuivent (into)',
        l.fate === 'dropped' ? 'a dropped action continues in no action' : 'name the actions of this scheme that continue it (into)',
      );
    }
    if (l.fate === 'split' && into < 2) plain(`lineage[${i}].into`, 'lineage_fate', 'une action scindée se poursuit dans au moins deux actions', 'a split action continues in at least two actions');
    const key = `${scheme}|${l.action}`;
    if (lineageKeys.has(key)) issue(`lineage[${i}].action`, 'duplicate_code', l.action);
    lineageKeys.add(key);
  });
  return issues;
}

