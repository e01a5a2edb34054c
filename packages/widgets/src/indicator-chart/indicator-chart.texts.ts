import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  periodCol: { fr: 'Période', en: 'Period' },
  territory: { fr: 'Territoire', en: 'Territory' },
  completion: { fr: 'Taux de réalisation', en: 'Completion rate' },
  source: { fr: 'Source', en: 'Source' },
  chartOf: { fr: 'Graphique des valeurs de l’indicateur', en: 'Chart of the indicator values' },
  tableOf: { fr: 'Valeurs de l’indicateur', en: 'Values of the indicator' },
  noValue: { fr: 'Aucune valeur mesurée pour le moment.', en: 'No value measured yet.' },
  missingValue: { fr: 'valeur absente', en: 'missing value' },
  provisional: { fr: 'provisoire', en: 'provisional' },
  revisions: { fr: 'Révisions des valeurs', en: 'Value revisions' },
  revision: { fr: 'Révision', en: 'Revision' },
  recordedAt: { fr: 'Enregistrée le', en: 'Recorded on' },
  comment: { fr: 'Commentaire', en: 'Comment' },
});
