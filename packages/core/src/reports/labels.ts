import type { Lang } from '../validation/issues.ts';

type Labels = Record<string, { fr: string; en: string }>;

/** Labels of the report's codes (statuses, health, criteria…), French first. */
export const REPORT_LABELS = {
  kind: {
    copil: { fr: 'Revue du comité de pilotage', en: 'Steering committee review' },
    annual: { fr: 'Bilan annuel', en: 'Annual report' },
    final: { fr: "Rapport d'évaluation finale", en: 'Final evaluation report' },
    public: { fr: 'Le schéma en clair', en: 'The scheme for everyone' },
  },
  status: {
    planned: { fr: 'Prévue', en: 'Planned' },
    in_progress: { fr: 'En cours', en: 'In progress' },
    done: { fr: 'Réalisée', en: 'Done' },
    paused: { fr: 'Suspendue', en: 'Paused' },
    abandoned: { fr: 'Abandonnée', en: 'Abandoned' },
    blocked: { fr: 'Bloquée', en: 'Blocked' },
    late: { fr: 'En retard', en: 'Late' },
  },
  schemeStatus: {
    draft: { fr: 'Projet', en: 'Draft' },
    consultation: { fr: 'En concertation', en: 'In consultation' },
    adopted: { fr: 'Adopté', en: 'Adopted' },
    in_force: { fr: 'En vigueur', en: 'In force' },
    closed: { fr: 'Clos', en: 'Closed' },
    evaluated: { fr: 'Évalué', en: 'Evaluated' },
  },
  health: {
    on_track: { fr: 'Dans les temps', en: 'On track' },
    behind: { fr: 'En décalage', en: 'Behind' },
    at_risk: { fr: 'À risque', en: 'At risk' },
  },
  updateKind: {
    obstacle: { fr: 'Difficulté', en: 'Obstacle' },
    next_step: { fr: 'Prochaine étape', en: 'Next step' },
    achievement: { fr: 'Réalisation', en: 'Achievement' },
  },
  criterion: {
    relevance: { fr: 'Pertinence', en: 'Relevance' },
    effectiveness: { fr: 'Efficacité', en: 'Effectiveness' },
    efficiency: { fr: 'Efficience', en: 'Efficiency' },
    coherence: { fr: 'Cohérence', en: 'Coherence' },
    impact: { fr: 'Impact', en: 'Impact' },
  },
  followUp: {
    pending: { fr: 'En attente', en: 'Pending' },
    accepted: { fr: 'Acceptée', en: 'Accepted' },
    rejected: { fr: 'Rejetée', en: 'Rejected' },
    done: { fr: 'Mise en œuvre', en: 'Done' },
  },
  evaluationKind: {
    mid_term: { fr: 'Évaluation à mi-parcours', en: 'Mid-term evaluation' },
    final: { fr: 'Évaluation finale', en: 'Final evaluation' },
    thematic: { fr: 'Évaluation thématique', en: 'Thematic evaluation' },
  },
  authorKind: {
    internal: { fr: 'interne', en: 'internal' },
    external: { fr: 'externe', en: 'external' },
  },
  actKind: {
    deliberation: { fr: 'Délibération', en: 'Deliberation' },
    opinion: { fr: 'Avis', en: 'Opinion' },
    amendment: { fr: 'Avenant', en: 'Amendment' },
    mid_term_revision: { fr: 'Révision à mi-parcours', en: 'Mid-term revision' },
  },
  opinion: {
    favourable: { fr: 'Favorable', en: 'Favourable' },
    favourable_with_reservations: { fr: 'Favorable avec réserves', en: 'Favourable with reservations' },
    unfavourable: { fr: 'Défavorable', en: 'Unfavourable' },
    deemed_favourable: { fr: 'Réputé favorable', en: 'Deemed favourable' },
  },
  fate: {
    renewed: { fr: 'Reconduite', en: 'Renewed' },
    merged: { fr: 'Fusionnée', en: 'Merged' },
    split: { fr: 'Scindée', en: 'Split' },
    dropped: { fr: 'Abandonnée', en: 'Dropped' },
  },
  missingReason: {
    not_yet_known: { fr: 'non renseigné', en: 'not yet known' },
    statistical_secrecy: { fr: 'secret statistique', en: 'statistical secrecy' },
    not_applicable: { fr: 'sans objet', en: 'not applicable' },
  },
} as const satisfies Record<string, Labels>;

/**
 * The label of a code in one of the report's vocabularies, or the code itself when unknown.
 *
 * ### Examples
 * ```ts
 * reportLabel('health', 'at_risk', 'fr'); // 'À risque'
 * ```
 */
export function reportLabel(vocabulary: keyof typeof REPORT_LABELS, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined) return lang === 'fr' ? 'non renseigné' : 'not provided';
  const entry = (REPORT_LABELS[vocabulary] as Labels)[code];
  return entry ? entry[lang] : code;
}
