import {
  ACTION_ROLES,
  ACTION_STATUSES,
  AGGREGATIONS,
  ALERT_CODES,
  BODY_KINDS,
  DIRECTIONS,
  EVENT_KINDS,
  HEALTHS,
  HEALTH_THRESHOLDS,
  healthLabels,
  INDICATOR_TYPES,
  KEY_FIGURE_QUALIFIERS,
  MISSING_REASONS,
  PARTNER_KIND_CODES,
  PERIODICITIES,
  PHASE_KINDS,
  PRIORITIES,
  PROPOSAL_OUTCOMES,
  PUBLIC_CODES,
  SCHEME_STATUSES,
  THEME_CODES,
  UPDATE_KINDS,
  VALUE_ORIGINS,
  VALUE_STATUSES,
  LABELS,
  type Label,
} from '@sosms/core';
import { builder } from '../builder.ts';

/**
 * A GraphQL enum over one of the core's `as const` lists: names upper case (`IN_FORCE`), values the
 * core's codes (`in_force`), so resolvers pass core values in and out unchanged. With the vocabulary's labels,
 * each value is described by its label, French then English (« En vigueur / In force »), as core writes it.
 *
 * ### Examples
 * ```ts
 * const SchemeStatus = enumOf('SchemeStatus', SCHEME_STATUSES, 'Étape du cycle de vie', LABELS.schemeStatus);
 * ```
 */
export function enumOf<const T extends string>(name: string, codes: readonly T[], description: string, labels?: Readonly<Record<T, Label>>) {
  const values = Object.fromEntries(
    codes.map((code) => [code.toUpperCase(), { value: code, ...(labels ? { description: `${labels[code].fr} / ${labels[code].en}` } : {}) }]),
  ) as Record<string, { value: T; description?: string }>;
  return builder.enumType(name, { description, values });
}

export const SchemeStatus = enumOf('SchemeStatus', SCHEME_STATUSES, 'Cycle de vie : brouillon → concertation → adopté → en vigueur → clos / scheme lifecycle', LABELS.schemeStatus);
export const ActionStatus = enumOf('ActionStatus', ACTION_STATUSES, "Statut d'une action / action status", LABELS.actionStatus);
export const Priority = enumOf('Priority', PRIORITIES, 'Priorité / priority', LABELS.priority);
export const UpdateKind = enumOf('UpdateKind', UPDATE_KINDS, 'Nature d’un point d’avancement : obstacle, prochaine étape, réalisation', LABELS.updateKind);
export const ActionRole = enumOf('ActionRole', ACTION_ROLES, "Rôle d'un partenaire dans une action : pilote, copilote, partenaire, financeur", LABELS.actionRole);
export const IndicatorType = enumOf('IndicatorType', INDICATOR_TYPES, "Type d'indicateur (outil PILOTE de l'État) : contexte, déploiement, impact, qualité", LABELS.indicatorType);
export const Direction = enumOf('Direction', DIRECTIONS, 'Sens attendu : hausse ou baisse / expected direction', LABELS.direction);
export const Periodicity = enumOf('Periodicity', PERIODICITIES, 'Périodicité des mesures / measurement periodicity', LABELS.periodicity);
export const Aggregation = enumOf('Aggregation', AGGREGATIONS, 'Agrégation entre territoires : somme, moyenne, ratio', LABELS.aggregation);
export const ValueStatus = enumOf('ValueStatus', VALUE_STATUSES, 'État d’une valeur : connue, masquée (secret statistique), pas encore connue, sans objet', LABELS.valueStatus);
export const ValueOrigin = enumOf('ValueOrigin', VALUE_ORIGINS, 'Origine d’une valeur : mesurée, agrégée entre territoires, cumulée sur l’année');
export const MissingReason = enumOf('MissingReason', MISSING_REASONS, "Raison de l'absence de valeur (pas encore connue, secret statistique…)", LABELS.missingReason);
export const BodyKind = enumOf('BodyKind', BODY_KINDS, 'Nature d’une instance : COPIL, comité technique, instance citoyenne…', LABELS.bodyKind);
export const PhaseKind = enumOf('PhaseKind', PHASE_KINDS, "Nature d'une phase : élaboration, concertation, validation, mise en œuvre, évaluation", LABELS.phaseKind);
export const EventKind = enumOf('EventKind', EVENT_KINDS, "Nature d'un temps de concertation", LABELS.eventKind);
export const ProposalOutcome = enumOf('ProposalOutcome', PROPOSAL_OUTCOMES, "Suite donnée à une proposition", LABELS.proposalOutcome);
export const Health = enumOf(
  'Health',
  HEALTHS,
  `Santé d'une action : avancement réel / attendu ≥ ${HEALTH_THRESHOLDS.onTrack} % « ${healthLabels.on_track.fr} », ≥ ${HEALTH_THRESHOLDS.behind} % « ${healthLabels.behind.fr} », sinon « ${healthLabels.at_risk.fr} »`,
  LABELS.health,
);
export const AlertCode = enumOf('AlertCode', ALERT_CODES, "Nature d'une alerte");
export const PublicCode = enumOf('PublicCode', PUBLIC_CODES, 'Code de public (nomenclature commune)');
export const ThemeCode = enumOf('ThemeCode', THEME_CODES, 'Code de thématique (nomenclature commune)');
export const PartnerKind = enumOf('PartnerKind', PARTNER_KIND_CODES, 'Nature de partenaire (CAF, ARS, association…)');
export const KeyFigureQualifier = enumOf('KeyFigureQualifier', KEY_FIGURE_QUALIFIERS, 'Qualificatif d’un chiffre clé : plus de, environ, moins de, au moins, au plus');
export const TerritoryKind = enumOf('TerritoryKind', ['country', 'region', 'departement', 'epci', 'commune', 'district'] as const, 'Nature de territoire');
