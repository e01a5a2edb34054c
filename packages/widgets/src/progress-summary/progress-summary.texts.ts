import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  progress: { fr: 'Avancement', en: 'Progress' },
  byStatus: { fr: 'Actions par statut', en: 'Actions by status' },
  byHealth: { fr: 'Actions par santé', en: 'Actions by health' },
  count: { fr: 'Nombre', en: 'Count' },
  share: { fr: 'Part', en: 'Share' },
  illustrativeCount: { fr: 'comptées à partir de données illustratives', en: 'counted from illustrative data' },
});
