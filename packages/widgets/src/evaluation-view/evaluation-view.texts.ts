import { authorKindLabels, evaluationKindLabels, followUpStatusLabels, legalActKindLabels, lineageFateLabels, opinionLabels } from '@sosms/core/labels';
import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of `<sosms-evaluation>` (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  title: { fr: 'Évaluation et trace légale', en: 'Evaluation and legal trail' },
  legalTrail: { fr: 'Adoption, avis, avenants et révisions', en: 'Adoption, opinions, amendments and revisions' },
  targetRevisions: { fr: 'Révisions de cibles', en: 'Target revisions' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  date: { fr: 'Date', en: 'Date' },
  original: { fr: 'Cible d’origine', en: 'Original target' },
  revised: { fr: 'Cible révisée', en: 'Revised target' },
  justification: { fr: 'Justification', en: 'Justification' },
  evaluations: { fr: 'Évaluations', en: 'Evaluations' },
  authors: { fr: 'Auteurs', en: 'Authors' },
  recommendations: { fr: 'Recommandations et suites', en: 'Recommendations and follow-up' },
  actions: { fr: 'Actions modifiées', en: 'Actions changed' },
  lineage: { fr: 'Filiation avec le schéma précédent', en: 'Lineage from the previous scheme' },
  continuations: { fr: 'Devenir des actions dans le schéma suivant', en: 'What became of the actions in the next scheme' },
  previousAction: { fr: 'Action précédente', en: 'Previous action' },
  fate: { fr: 'Devenir', en: 'Fate' },
  into: { fr: 'Actions', en: 'Actions' },
  nothing: { fr: 'Aucune évaluation ni acte n’est publié pour ce schéma.', en: 'No evaluation or act is published for this scheme.' },
  ...authorKindLabels,
});

// Labels of the evaluation's vocabularies: the core's one table.
export const ACT_KIND = legalActKindLabels;
export const OPINION = opinionLabels;
export const FOLLOW_UP = followUpStatusLabels;
export const EVALUATION_KIND = evaluationKindLabels;
export const FATE = lineageFateLabels;
