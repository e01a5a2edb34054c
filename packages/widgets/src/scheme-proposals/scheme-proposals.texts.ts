import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  proposalsTitle: { fr: 'Propositions de la concertation', en: 'Proposals from the consultation' },
  proposal: { fr: 'Proposition', en: 'Proposal' },
  outcome: { fr: 'Suite donnée', en: 'Outcome' },
  ledTo: { fr: 'Actions issues', en: 'Resulting actions' },
  fromEvent: { fr: 'Issue de', en: 'From' },
});
