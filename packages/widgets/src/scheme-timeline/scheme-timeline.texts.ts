import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  timeline: { fr: 'Chronologie', en: 'Timeline' },
  meetings: { fr: 'Réunions des instances', en: 'Governing body meetings' },
  participants: { fr: 'participants', en: 'participants' },
});
