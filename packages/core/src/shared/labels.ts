import type { Operation } from '../access/operations.ts';
import type { Role } from '../access/access.ts';
import type { ActionStatus, Priority, UpdateKind } from '../action/action.ts';
import type { Aggregation, Direction, IndicatorType, Periodicity } from '../indicator/indicator.ts';
import type { MissingReason } from '../measurement/measurement.ts';
import type { ActionRole } from '../partner/partner.ts';
import type { Health } from '../rules/health.ts';
import type { StatusChangeKind } from '../scheme/scheme.table.ts';
import type { SchemeStatus } from '../scheme/scheme.ts';
import type { Lang } from '../validation/issues.ts';

/** A label in French and English. */
export interface Label {
  readonly fr: string;
  readonly en: string;
}

/**
 * The one home of the labels citizens and teams read for the domain's codes, in French and English.
 * Each vocabulary is typed by its domain union, so a value without a label fails to compile. The
 * open-data CSV, spreadsheets, GraphQL descriptions, the CLI and the widgets read them (the widgets by
 * a type-only import that makes their own copy fail to compile when it drifts).
 *
 * ### Examples
 * ```ts
 * LABELS.health.behind.fr; // 'En décalage'
 * ```
 */
export const LABELS = {
  actionStatus: {
    planned: { fr: 'Prévue', en: 'Planned' },
    in_progress: { fr: 'En cours', en: 'In progress' },
    done: { fr: 'Réalisée', en: 'Done' },
    paused: { fr: 'Suspendue', en: 'Paused' },
    abandoned: { fr: 'Abandonnée', en: 'Abandoned' },
    blocked: { fr: 'Bloquée', en: 'Blocked' },
    late: { fr: 'En retard', en: 'Late' },
  } satisfies Record<ActionStatus, Label>,
  health: {
    on_track: { fr: 'Dans les temps', en: 'On track' },
    behind: { fr: 'En décalage', en: 'Behind' },
    at_risk: { fr: 'À risque', en: 'At risk' },
  } satisfies Record<Health, Label>,
  schemeStatus: {
    draft: { fr: 'Brouillon', en: 'Draft' },
    consultation: { fr: 'En concertation', en: 'In consultation' },
    adopted: { fr: 'Adopté', en: 'Adopted' },
    in_force: { fr: 'En vigueur', en: 'In force' },
    closed: { fr: 'Clos', en: 'Closed' },
  } satisfies Record<SchemeStatus, Label>,
  statusChangeKind: {
    transition: { fr: 'Étape du cycle', en: 'Lifecycle step' },
    amendment: { fr: 'Avenant', en: 'Amendment' },
    withdrawal: { fr: 'Retrait', en: 'Withdrawal' },
  } satisfies Record<StatusChangeKind, Label>,
  priority: {
    high: { fr: 'Haute', en: 'High' },
    medium: { fr: 'Moyenne', en: 'Medium' },
    low: { fr: 'Basse', en: 'Low' },
  } satisfies Record<Priority, Label>,
  actionRole: {
    pilot: { fr: 'Pilote', en: 'Lead' },
    copilot: { fr: 'Copilote', en: 'Co-lead' },
    partner: { fr: 'Partenaire', en: 'Partner' },
    funder: { fr: 'Financeur', en: 'Funder' },
  } satisfies Record<ActionRole, Label>,
  updateKind: {
    obstacle: { fr: 'Difficulté', en: 'Obstacle' },
    next_step: { fr: 'Prochaine étape', en: 'Next step' },
    achievement: { fr: 'Réalisation', en: 'Achievement' },
  } satisfies Record<UpdateKind, Label>,
  indicatorType: {
    context: { fr: 'Contexte', en: 'Context' },
    deployment: { fr: 'Mise en œuvre', en: 'Deployment' },
    impact: { fr: 'Impact', en: 'Impact' },
    quality: { fr: 'Qualité de service', en: 'Service quality' },
  } satisfies Record<IndicatorType, Label>,
  direction: {
    up: { fr: 'À la hausse', en: 'Upwards' },
    down: { fr: 'À la baisse', en: 'Downwards' },
  } satisfies Record<Direction, Label>,
  periodicity: {
    year: { fr: 'Annuelle', en: 'Yearly' },
    quarter: { fr: 'Trimestrielle', en: 'Quarterly' },
    month: { fr: 'Mensuelle', en: 'Monthly' },
  } satisfies Record<Periodicity, Label>,
  aggregation: {
    sum: { fr: 'Somme', en: 'Sum' },
    mean: { fr: 'Moyenne', en: 'Mean' },
    ratio: { fr: 'Rapport numérateur / dénominateur', en: 'Numerator / denominator ratio' },
  } satisfies Record<Aggregation, Label>,
  missingReason: {
    not_yet_known: { fr: 'Non encore connue', en: 'Not yet known' },
    statistical_secrecy: { fr: 'Secret statistique', en: 'Statistical secrecy' },
    not_applicable: { fr: 'Sans objet', en: 'Not applicable' },
  } satisfies Record<MissingReason, Label>,
  tokenRole: {
    editor: { fr: 'Rédacteur', en: 'Editor' },
    contributor: { fr: 'Contributeur', en: 'Contributor' },
  } satisfies Record<Role, Label>,
  operation: {
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
    'phase:save': { fr: "Phase d'élaboration enregistrée", en: 'Phase saved' },
    'consultation-event:save': { fr: 'Concertation enregistrée', en: 'Consultation event saved' },
    'proposal:save': { fr: 'Proposition enregistrée', en: 'Proposal saved' },
    'proposal:link-actions': { fr: 'Actions issues de la proposition enregistrées', en: 'Actions of the proposal linked' },
    'token:create': { fr: 'Jeton créé', en: 'Token created' },
    'token:revoke': { fr: 'Jeton révoqué', en: 'Token revoked' },
    'token:rotate': { fr: 'Jeton renouvelé', en: 'Token rotated' },
  } satisfies Record<Operation, Label>,
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
