// The words of a search text, and the search of a static file (no database: no French stems, no ranking).
// No import: the widgets bundle this module (`@sosms/core/search-words`) as it is.

/**
 * A text folded for comparison: lower case, without accents (« Égalité » → « egalite »).
 *
 * ### Examples
 * ```ts
 * foldText('Élaborer'); // 'elaborer'
 * ```
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The words of a search text, folded: runs of letters and digits, PostgreSQL's `or` operator left out. The
 * database search caps their number (`checkSearchText`); a static file's search requires each of them.
 *
 * ### Examples
 * ```ts
 * searchWords('Aidants or « répit-domicile »'); // ['aidants', 'repit', 'domicile']
 * ```
 */
export function searchWords(text: string): string[] {
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word !== 'or');
}

/**
 * Whether a text holds every word of a search (`searchWords`), accents and case aside, anywhere in it
 * (« aidant » finds « aidants »): the search of a static file, which has no French stems and no operators.
 * No word matches everything.
 *
 * ### Examples
 * ```ts
 * matchesSearch('Soutenir les aidants à domicile', 'AIDANTS domicile'); // true
 * matchesSearch('Soutenir les aidants', 'aidants répit'); // false
 * ```
 */
export function matchesSearch(text: string, search: string): boolean {
  const haystack = foldText(text);
  return searchWords(search).every((word) => haystack.includes(word));
}
