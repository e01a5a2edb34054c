import { LABELS, type Label } from '../shared/labels.ts';
import type { Lang } from '../validation/issues.ts';

/** The vocabularies a report names its codes with: the core's own labels (shared/labels.ts), under the report's names. */
export const REPORT_LABELS = {
  kind: LABELS.reportKind,
  status: LABELS.actionStatus,
  schemeStatus: LABELS.schemeStatus,
  health: LABELS.health,
  updateKind: LABELS.updateKind,
  criterion: LABELS.evaluationCriterion,
  followUp: LABELS.followUpStatus,
  evaluationKind: LABELS.evaluationKind,
  authorKind: LABELS.authorKind,
  actKind: LABELS.legalActKind,
  opinion: LABELS.opinion,
  fate: LABELS.lineageFate,
  missingReason: LABELS.missingReason,
} as const;

/**
 * The label of a code in one of the report's vocabularies, « non renseigné » when there is none, or the
 * code itself when unknown.
 *
 * ### Examples
 * ```ts
 * reportLabel('health', 'at_risk', 'fr'); // 'À risque'
 * ```
 */
export function reportLabel(vocabulary: keyof typeof REPORT_LABELS, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined) return lang === 'fr' ? 'non renseigné' : 'not provided';
  const entry = (REPORT_LABELS[vocabulary] as Record<string, Label>)[code];
  return entry ? entry[lang] : code;
}
