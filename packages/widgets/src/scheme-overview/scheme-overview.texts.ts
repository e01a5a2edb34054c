import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  adoption: { fr: 'Adoption', en: 'Adoption' },
  noAction: { fr: 'Aucune action rattachée.', en: 'No action attached.' },
});
