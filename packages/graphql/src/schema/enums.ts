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
} from '@sosms/core';
import { builder } from '../builder.ts';

/**
 * A GraphQL enum over one of the core's `as const` lists: names upper case (`IN_FORCE`), values the
 * core's codes (`in_force`), so resolvers pass core values in and out unchanged.
 *
 * ### Examples
 * ```ts
 * const SchemeStatus = enumOf('SchemeStatus', SCHEME_STATUSES, 'Étape du cycle de vie');
 * ```
 */
export function enumOf<const T extends string>(name: string, codes: readonly T[], description: string) {
  const values = Object.fromEntries(codes.map((code) => [code.toUpperCase(), { value: code }])) as Record<string, { value: T }>;
  return builder.enumType(name, { description, values });
}

export const SchemeStatus = enumOf('SchemeStatus', SCHEME_STATUSES, 'Cycle de vie : brouillon → concertation → adopté → en vigueur → clos / scheme lifecycle');
export const ActionStatus = enumOf('ActionStatus', ACTION_STATUSES, "Statut d'une action / action status");
export const Priority = enumOf('Priority', PRIORITIES, 'Priorité / priority');
export const UpdateKind = enumOf('UpdateKind', UPDATE_KINDS, 'Nature d’un point d’avancement : obstacle, prochaine étape, réalisation');
export const ActionRole = enumOf('ActionRole', ACTION_ROLES, "Rôle d'un partenaire dans une action : pilote, copilote, partenaire, financeur");
export const IndicatorType = enumOf('IndicatorType', INDICATOR_TYPES, "Type d'indicateur (outil PILOTE de l'État) : contexte, déploiement, impact, qualité");
export const Direction = enumOf('Direction', DIRECTIONS, 'Sens attendu : hausse ou baisse / expected direction');
export const Periodicity = enumOf('Periodicity', PERIODICITIES, 'Périodicité des mesures / measurement periodicity');
export const Aggregation = enumOf('Aggregation', AGGREGATIONS, 'Agrégation entre territoires : somme, moyenne, ratio');
export const ValueStatus = enumOf('ValueStatus', VALUE_STATUSES, 'État d’une valeur : connue, masquée (secret statistique), pas encore connue, sans objet');
export const ValueOrigin = enumOf('ValueOrigin', VALUE_ORIGINS, 'Origine d’une valeur : mesurée, agrégée entre territoires, cumulée sur l’année');
export const MissingReason = enumOf('MissingReason', MISSING_REASONS, "Raison de l'absence de valeur (pas encore connue, secret statistique…)");
export const BodyKind = enumOf('BodyKind', BODY_KINDS, 'Nature d’une instance : COPIL, comité technique, instance citoyenne…');
export const PhaseKind = enumOf('PhaseKind', PHASE_KINDS, "Nature d'une phase : élaboration, concertation, validation, mise en œuvre, évaluation");
export const EventKind = enumOf('EventKind', EVENT_KINDS, "Nature d'un temps de concertation");
export const ProposalOutcome = enumOf('ProposalOutcome', PROPOSAL_OUTCOMES, "Suite donnée à une proposition");
export const Health = enumOf(
  'Health',
  HEALTHS,
  `Santé d'une action : avancement réel / attendu ≥ ${HEALTH_THRESHOLDS.onTrack} % « ${healthLabels.on_track.fr} », ≥ ${HEALTH_THRESHOLDS.behind} % « ${healthLabels.behind.fr} », sinon « ${healthLabels.at_risk.fr} »`,
);
export const AlertCode = enumOf('AlertCode', ALERT_CODES, "Nature d'une alerte");
export const PublicCode = enumOf('PublicCode', PUBLIC_CODES, 'Code de public (nomenclature commune)');
export const ThemeCode = enumOf('ThemeCode', THEME_CODES, 'Code de thématique (nomenclature commune)');
export const PartnerKind = enumOf('PartnerKind', PARTNER_KIND_CODES, 'Nature de partenaire (CAF, ARS, association…)');
export const KeyFigureQualifier = enumOf('KeyFigureQualifier', KEY_FIGURE_QUALIFIERS, 'Qualificatif d’un chiffre clé : plus de, environ, moins de, au moins, au plus');
export const TerritoryKind = enumOf('TerritoryKind', ['country', 'region', 'departement', 'epci', 'commune', 'district'] as const, 'Nature de territoire');
