import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  compareTitle: { fr: 'Comparaison entre départements', en: 'Comparison across départements' },
  coverage: { fr: 'département(s) sur', en: 'département(s) out of' },
  coverageEnd: { fr: 'ont une valeur pour cette période.', en: 'have a value for this period.' },
});
