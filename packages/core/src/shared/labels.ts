import type { Operation } from '../access/operations.ts';
import type { Role } from '../access/access.ts';
import type { ActionStatus, Priority, UpdateKind } from '../action/action.ts';
import type { Aggregation, Direction, IndicatorType, Periodicity } from '../indicator/indicator.ts';
import type { MissingReason } from '../measurement/measurement.ts';
import type { ActionRole } from '../partner/partner.ts';
import type { HealthKey } from '../rules/action-counts.ts';
import type { Health } from '../rules/health.ts';
import type { ValueStatus } from '../rules/indicator-value.ts';
import type { StatusChangeKind } from '../scheme/scheme.table.ts';
import type { SchemeStatus } from '../scheme/scheme.ts';
import type { EventKind, PhaseKind, ProposalOutcome } from '../consultation/consultation.ts';
import type { AuthorKind, EvaluationCriterion, EvaluationKind, FollowUpStatus, LegalActKind, LineageFate, Opinion } from '../evaluation/evaluation.ts';
import type { BodyKind } from '../governance/governance.ts';
import type { ReportKind } from '../reports/report-data.ts';
import type { Lang } from '../validation/issues.ts';

import type { Label } from '../validation/texts.ts';

// The texts' types and their `t` have their home beside `Lang` (validation/texts.ts); the widgets read them here.
export { translator, type Label, type TextParams, type Texts } from '../validation/texts.ts';

/** Labels of actionStatus values. */
export const actionStatusLabels = {
  planned: { fr: 'Prévue', en: 'Planned' },
  in_progress: { fr: 'En cours', en: 'In progress' },
  done: { fr: 'Réalisée', en: 'Done' },
  paused: { fr: 'Suspendue', en: 'Paused' },
  abandoned: { fr: 'Abandonnée', en: 'Abandoned' },
  blocked: { fr: 'Bloquée', en: 'Blocked' },
  late: { fr: 'En retard', en: 'Late' },
} as const satisfies Record<ActionStatus, Label>;

/** Labels of health values. */
export const healthLabels = {
  on_track: { fr: 'Dans les temps', en: 'On track' },
  behind: { fr: 'En décalage', en: 'Behind' },
  at_risk: { fr: 'À risque', en: 'At risk' },
} as const satisfies Record<Health, Label>;

/** Labels of health as actions are counted by it (`countActions`): `unknown` for an action without health. */
export const healthKeyLabels = {
  ...healthLabels,
  unknown: { fr: 'Inconnue', en: 'Unknown' },
} as const satisfies Record<HealthKey, Label>;

/** Labels of schemeStatus values. */
export const schemeStatusLabels = {
  draft: { fr: 'Brouillon', en: 'Draft' },
  consultation: { fr: 'En concertation', en: 'In consultation' },
  adopted: { fr: 'Adopté', en: 'Adopted' },
  in_force: { fr: 'En vigueur', en: 'In force' },
  closed: { fr: 'Clos', en: 'Closed' },
} as const satisfies Record<SchemeStatus, Label>;

/** Labels of statusChangeKind values. */
export const statusChangeKindLabels = {
  transition: { fr: 'Étape du cycle', en: 'Lifecycle step' },
  amendment: { fr: 'Avenant', en: 'Amendment' },
  withdrawal: { fr: 'Retrait', en: 'Withdrawal' },
} as const satisfies Record<StatusChangeKind, Label>;

/** Labels of priority values. */
export const priorityLabels = {
  high: { fr: 'Haute', en: 'High' },
  medium: { fr: 'Moyenne', en: 'Medium' },
  low: { fr: 'Basse', en: 'Low' },
} as const satisfies Record<Priority, Label>;

/** Labels of actionRole values. */
export const actionRoleLabels = {
  pilot: { fr: 'Pilote', en: 'Lead' },
  copilot: { fr: 'Copilote', en: 'Co-lead' },
  partner: { fr: 'Partenaire', en: 'Partner' },
  funder: { fr: 'Financeur', en: 'Funder' },
} as const satisfies Record<ActionRole, Label>;

/** Labels of updateKind values. */
export const updateKindLabels = {
  obstacle: { fr: 'Difficulté', en: 'Obstacle' },
  next_step: { fr: 'Prochaine étape', en: 'Next step' },
  achievement: { fr: 'Réalisation', en: 'Achievement' },
} as const satisfies Record<UpdateKind, Label>;

/** Labels of indicatorType values. */
export const indicatorTypeLabels = {
  context: { fr: 'Contexte', en: 'Context' },
  deployment: { fr: 'Mise en œuvre', en: 'Deployment' },
  impact: { fr: 'Impact', en: 'Impact' },
  quality: { fr: 'Qualité de service', en: 'Service quality' },
} as const satisfies Record<IndicatorType, Label>;

/** Labels of direction values. */
export const directionLabels = {
  up: { fr: 'À la hausse', en: 'Upwards' },
  down: { fr: 'À la baisse', en: 'Downwards' },
} as const satisfies Record<Direction, Label>;

/** Labels of periodicity values. */
export const periodicityLabels = {
  year: { fr: 'Annuelle', en: 'Yearly' },
  quarter: { fr: 'Trimestrielle', en: 'Quarterly' },
  month: { fr: 'Mensuelle', en: 'Monthly' },
} as const satisfies Record<Periodicity, Label>;

/** Labels of aggregation values. */
export const aggregationLabels = {
  sum: { fr: 'Somme', en: 'Sum' },
  mean: { fr: 'Moyenne', en: 'Mean' },
  ratio: { fr: 'Rapport numérateur / dénominateur', en: 'Numerator / denominator ratio' },
} as const satisfies Record<Aggregation, Label>;

/** Labels of missingReason values. */
export const missingReasonLabels = {
  not_yet_known: { fr: 'Non encore connue', en: 'Not yet known' },
  statistical_secrecy: { fr: 'Secret statistique', en: 'Statistical secrecy' },
  not_applicable: { fr: 'Sans objet', en: 'Not applicable' },
} as const satisfies Record<MissingReason, Label>;

/** What a missing value reads as, wherever it is shown: never a statement. */
export const notSetLabel = { fr: 'non renseigné', en: 'not set' } as const satisfies Label;

/** Labels of a value's status (`ValueStatus`), written inside a sentence or a cell: masked is never « non renseigné ». */
export const valueStatusLabels = {
  known: { fr: 'connue', en: 'known' },
  masked: { fr: 'secret statistique', en: 'statistical secrecy' },
  not_known: { fr: 'non renseigné', en: 'not yet known' },
  not_applicable: { fr: 'sans objet', en: 'not applicable' },
} as const satisfies Record<ValueStatus, Label>;

/** Labels of phaseKind values. */
export const phaseKindLabels = {
  elaboration: { fr: 'Élaboration', en: 'Drafting' },
  consultation: { fr: 'Concertation', en: 'Consultation' },
  validation: { fr: 'Validation', en: 'Validation' },
  implementation: { fr: 'Mise en œuvre', en: 'Implementation' },
  evaluation: { fr: 'Évaluation', en: 'Evaluation' },
} as const satisfies Record<PhaseKind, Label>;

/** Labels of eventKind values. */
export const eventKindLabels = {
  launch: { fr: 'Lancement', en: 'Launch' },
  working_group: { fr: 'Groupe de travail', en: 'Working group' },
  plenary: { fr: 'Séance plénière', en: 'Plenary' },
  information_meeting: { fr: 'Réunion d’information', en: 'Information meeting' },
  restitution: { fr: 'Restitution', en: 'Feedback session' },
  written_contribution: { fr: 'Contribution écrite', en: 'Written contribution' },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<EventKind, Label>;

/** Labels of proposalOutcome values. */
export const proposalOutcomeLabels = {
  pending: { fr: 'En attente', en: 'Pending' },
  retained: { fr: 'Retenue', en: 'Retained' },
  merged: { fr: 'Fusionnée avec une autre', en: 'Merged' },
  set_aside: { fr: 'Écartée', en: 'Set aside' },
} as const satisfies Record<ProposalOutcome, Label>;

/** Labels of bodyKind values. */
export const bodyKindLabels = {
  copil: { fr: 'Comité de pilotage', en: 'Steering committee' },
  technical_committee: { fr: 'Comité technique', en: 'Technical committee' },
  citizen_body: { fr: 'Instance citoyenne', en: 'Citizen body' },
  thematic_commission: { fr: 'Commission thématique', en: 'Thematic commission' },
  other: { fr: 'Autre instance', en: 'Other body' },
} as const satisfies Record<BodyKind, Label>;

/** Labels of evaluationKind values. */
export const evaluationKindLabels = {
  mid_term: { fr: 'Évaluation à mi-parcours', en: 'Mid-term evaluation' },
  final: { fr: 'Évaluation finale', en: 'Final evaluation' },
  thematic: { fr: 'Évaluation thématique', en: 'Thematic evaluation' },
} as const satisfies Record<EvaluationKind, Label>;

/** Labels of authorKind values. */
export const authorKindLabels = {
  internal: { fr: 'interne', en: 'internal' },
  external: { fr: 'externe', en: 'external' },
} as const satisfies Record<AuthorKind, Label>;

/** Labels of evaluationCriterion values. */
export const evaluationCriterionLabels = {
  relevance: { fr: 'Pertinence', en: 'Relevance' },
  effectiveness: { fr: 'Efficacité', en: 'Effectiveness' },
  efficiency: { fr: 'Efficience', en: 'Efficiency' },
  coherence: { fr: 'Cohérence', en: 'Coherence' },
  impact: { fr: 'Impact', en: 'Impact' },
} as const satisfies Record<EvaluationCriterion, Label>;

/** Labels of followUpStatus values. */
export const followUpStatusLabels = {
  pending: { fr: 'En attente', en: 'Pending' },
  accepted: { fr: 'Acceptée', en: 'Accepted' },
  rejected: { fr: 'Rejetée', en: 'Rejected' },
  done: { fr: 'Mise en œuvre', en: 'Done' },
} as const satisfies Record<FollowUpStatus, Label>;

/** Labels of legalActKind values. */
export const legalActKindLabels = {
  deliberation: { fr: 'Délibération', en: 'Deliberation' },
  opinion: { fr: 'Avis', en: 'Opinion' },
  amendment: { fr: 'Avenant', en: 'Amendment' },
  mid_term_revision: { fr: 'Révision à mi-parcours', en: 'Mid-term revision' },
} as const satisfies Record<LegalActKind, Label>;

/** Labels of opinion values. */
export const opinionLabels = {
  favourable: { fr: 'Favorable', en: 'Favourable' },
  favourable_with_reservations: { fr: 'Favorable avec réserves', en: 'Favourable with reservations' },
  unfavourable: { fr: 'Défavorable', en: 'Unfavourable' },
  deemed_favourable: { fr: 'Réputé favorable', en: 'Deemed favourable' },
} as const satisfies Record<Opinion, Label>;

/** Labels of lineageFate values. */
export const lineageFateLabels = {
  renewed: { fr: 'Reconduite', en: 'Renewed' },
  merged: { fr: 'Fusionnée', en: 'Merged' },
  split: { fr: 'Scindée', en: 'Split' },
  dropped: { fr: 'Abandonnée', en: 'Dropped' },
} as const satisfies Record<LineageFate, Label>;

/** Labels of reportKind values. */
export const reportKindLabels = {
  copil: { fr: 'Revue du comité de pilotage', en: 'Steering committee review' },
  annual: { fr: 'Bilan annuel', en: 'Annual report' },
  final: { fr: "Rapport d'évaluation finale", en: 'Final evaluation report' },
  public: { fr: 'Le schéma en clair', en: 'The scheme for everyone' },
} as const satisfies Record<ReportKind, Label>;

/** Labels of tokenRole values. */
export const tokenRoleLabels = {
  editor: { fr: 'Rédacteur', en: 'Editor' },
  contributor: { fr: 'Contributeur', en: 'Contributor' },
} as const satisfies Record<Role, Label>;

/** Labels of operation values. */
export const operationLabels = {
  'scheme:create': { fr: 'Création du schéma', en: 'Scheme created' },
  'scheme:update': { fr: 'Modification du schéma', en: 'Scheme updated' },
  'scheme:change-status': { fr: 'Changement de statut', en: 'Status changed' },
  'scheme:publish': { fr: 'Publication', en: 'Published' },
  'scheme:unpublish': { fr: 'Dépublication', en: 'Unpublished' },
  'scheme-file:import': { fr: 'Import de fichier', en: 'File imported' },
  'spreadsheet:import': { fr: 'Import de tableur', en: 'Spreadsheet imported' },
  'orientation:save': { fr: 'Orientation enregistrée', en: 'Orientation saved' },
  'orientation:move': { fr: 'Orientation déplacée', en: 'Orientation moved' },
  'action:save': { fr: 'Action enregistrée', en: 'Action saved' },
  'action:update': { fr: 'Action modifiée', en: 'Action updated' },
  'action-update:add': { fr: "Point d'avancement ajouté", en: 'Progress update added' },
  'indicator:save': { fr: 'Indicateur enregistré', en: 'Indicator saved' },
  'measurement:record': { fr: 'Valeur enregistrée', en: 'Value recorded' },
  'governing-body:save': { fr: 'Instance enregistrée', en: 'Governing body saved' },
  'governing-body:delete': { fr: 'Instance supprimée', en: 'Governing body deleted' },
  'body-member:add': { fr: "Membre ajouté à l'instance", en: 'Member added to the body' },
  'body-member:remove': { fr: "Membre retiré de l'instance", en: 'Member removed from the body' },
  'meeting:save': { fr: 'Réunion enregistrée', en: 'Meeting saved' },
  'meeting:delete': { fr: 'Réunion supprimée', en: 'Meeting deleted' },
  'phase:save': { fr: "Phase d'élaboration enregistrée", en: 'Phase saved' },
  'phase:delete': { fr: "Phase d'élaboration supprimée", en: 'Phase deleted' },
  'consultation-event:save': { fr: 'Concertation enregistrée', en: 'Consultation event saved' },
  'consultation-event:delete': { fr: 'Concertation supprimée', en: 'Consultation event deleted' },
  'proposal:save': { fr: 'Proposition enregistrée', en: 'Proposal saved' },
  'proposal:delete': { fr: 'Proposition supprimée', en: 'Proposal deleted' },
  'proposal:link-actions': { fr: 'Actions issues de la proposition enregistrées', en: 'Actions of the proposal linked' },
  'evaluation:save': { fr: 'Évaluation enregistrée', en: 'Evaluation saved' },
  'recommendation:follow-up': { fr: 'Suite de recommandation enregistrée', en: 'Recommendation follow-up recorded' },
  'legal-act:record': { fr: 'Acte de la trace légale enregistré', en: 'Legal act recorded' },
  'lineage:set': { fr: "Devenir d'une action enregistré", en: 'Action lineage recorded' },
  'indicator:revise-target': { fr: 'Cible révisée', en: 'Target revised' },
  'token:create': { fr: 'Jeton créé', en: 'Token created' },
  'token:revoke': { fr: 'Jeton révoqué', en: 'Token revoked' },
  'token:rotate': { fr: 'Jeton renouvelé', en: 'Token rotated' },
} as const satisfies Record<Operation, Label>;

/**
 * The one home of the labels citizens and teams read for the domain's codes, in French and English.
 * Each vocabulary is typed by its domain union, so a value without a label fails to compile. The
 * open-data CSV, spreadsheets, reports, GraphQL descriptions, the CLI and the widgets read them (the
 * widgets import the vocabularies they show from `@sosms/core/labels`, a module with no run-time dependency,
 * and bundle only those).
 *
 * ### Examples
 * ```ts
 * LABELS.health.behind.fr; // 'En décalage'
 * ```
 */
export const LABELS = {
  actionStatus: actionStatusLabels,
  health: healthLabels,
  schemeStatus: schemeStatusLabels,
  statusChangeKind: statusChangeKindLabels,
  priority: priorityLabels,
  actionRole: actionRoleLabels,
  updateKind: updateKindLabels,
  indicatorType: indicatorTypeLabels,
  direction: directionLabels,
  periodicity: periodicityLabels,
  aggregation: aggregationLabels,
  missingReason: missingReasonLabels,
  valueStatus: valueStatusLabels,
  phaseKind: phaseKindLabels,
  eventKind: eventKindLabels,
  proposalOutcome: proposalOutcomeLabels,
  bodyKind: bodyKindLabels,
  evaluationKind: evaluationKindLabels,
  authorKind: authorKindLabels,
  evaluationCriterion: evaluationCriterionLabels,
  followUpStatus: followUpStatusLabels,
  legalActKind: legalActKindLabels,
  opinion: opinionLabels,
  lineageFate: lineageFateLabels,
  reportKind: reportKindLabels,
  tokenRole: tokenRoleLabels,
  operation: operationLabels,
} as const;

/** The name of a vocabulary of {@link LABELS}. */
export type Vocabulary = keyof typeof LABELS;

/**
 * The label of a code in a vocabulary, in French or English.
 *
 * ### Examples
 * ```ts
 * labelOf('actionStatus', 'in_progress', 'en'); // 'In progress'
 * ```
 */
export function labelOf<V extends Vocabulary>(vocabulary: V, code: keyof (typeof LABELS)[V], lang: Lang = 'fr'): string {
  return (LABELS[vocabulary][code] as Label)[lang];
}
