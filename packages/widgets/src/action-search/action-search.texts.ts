import { COMMON_TEXTS, translator } from '../shared/i18n.ts';

/** Texts of this widget (French first, English available), with the common ones. */
export const t = translator({
  ...COMMON_TEXTS,
  search: { fr: 'Rechercher une action', en: 'Search an action' },
  searchLabel: { fr: 'Mots-clés', en: 'Keywords' },
  searchButton: { fr: 'Rechercher', en: 'Search' },
  theme: { fr: 'Thématique', en: 'Theme' },
  public: { fr: 'Public', en: 'Public' },
  all: { fr: 'Toutes', en: 'All' },
  allPublics: { fr: 'Tous', en: 'All' },
  results: { fr: 'résultat(s)', en: 'result(s)' },
  noResult: { fr: 'Aucune action ne correspond à votre recherche.', en: 'No action matches your search.' },
  moreResults: { fr: 'Afficher les résultats suivants', en: 'Show the next results' },
  resultsShown: { fr: 'résultat(s) affiché(s) sur', en: 'result(s) shown of' },
});
