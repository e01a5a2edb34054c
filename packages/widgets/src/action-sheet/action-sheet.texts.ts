import { actionRoleLabels } from '@sosms/core/labels';
import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  objectives: { fr: 'Objectifs', en: 'Objectives' },
  expectedResults: { fr: 'Résultats attendus', en: 'Expected results' },
  pilot: actionRoleLabels.pilot,
  partners: { fr: 'Partenaires', en: 'Partners' },
  startDate: { fr: 'Début', en: 'Start' },
  endDate: { fr: 'Fin', en: 'End' },
  milestones: { fr: 'Jalons', en: 'Milestones' },
  milestoneDone: { fr: 'atteint', en: 'reached' },
  milestoneTodo: { fr: 'à venir', en: 'upcoming' },
  indicators: { fr: 'Indicateurs', en: 'Indicators' },
  latestUpdates: { fr: 'Dernières actualités', en: 'Latest updates' },
  priority: { fr: 'Priorité', en: 'Priority' },
  total: { fr: 'Total', en: 'Total' },
  budget: { fr: 'Budget', en: 'Budget' },
  year: { fr: 'Année', en: 'Year' },
  funder: actionRoleLabels.funder,
  planned: { fr: 'Prévu', en: 'Planned' },
  executed: { fr: 'Exécuté', en: 'Executed' },
  territories: { fr: 'Territoires', en: 'Territories' },
});
