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
  internal: { fr: 'interne', en: 'internal' },
  external: { fr: 'externe', en: 'external' },
});

type Table = Record<string, { fr: string; en: string }>;

export const ACT_KIND: Table = {
  deliberation: { fr: 'Délibération', en: 'Deliberation' },
  opinion: { fr: 'Avis', en: 'Opinion' },
  amendment: { fr: 'Avenant', en: 'Amendment' },
  mid_term_revision: { fr: 'Révision à mi-parcours', en: 'Mid-term revision' },
};
export const OPINION: Table = {
  favourable: { fr: 'favorable', en: 'favourable' },
  favourable_with_reservations: { fr: 'favorable avec réserves', en: 'favourable with reservations' },
  unfavourable: { fr: 'défavorable', en: 'unfavourable' },
  deemed_favourable: { fr: 'réputé favorable', en: 'deemed favourable' },
};
export const FOLLOW_UP: Table = {
  pending: { fr: 'En attente', en: 'Pending' },
  accepted: { fr: 'Acceptée', en: 'Accepted' },
  rejected: { fr: 'Rejetée', en: 'Rejected' },
  done: { fr: 'Mise en œuvre', en: 'Done' },
};
export const EVALUATION_KIND: Table = {
  mid_term: { fr: 'Évaluation à mi-parcours', en: 'Mid-term evaluation' },
  final: { fr: 'Évaluation finale', en: 'Final evaluation' },
  thematic: { fr: 'Évaluation thématique', en: 'Thematic evaluation' },
};
export const FATE: Table = {
  renewed: { fr: 'Reconduite', en: 'Renewed' },
  merged: { fr: 'Fusionnée', en: 'Merged' },
  split: { fr: 'Scindée', en: 'Split' },
  dropped: { fr: 'Abandonnée', en: 'Dropped' },
};
