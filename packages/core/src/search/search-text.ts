import { sql, type RawBuilder } from 'kysely';
import { DomainError, type Lang } from '../validation/issues.ts';
import { searchWords } from './search-words.ts';

/**
 * Full-text search, bounded and ranked (issue 13, item 4). A search text is checked before any SQL
 * runs: at most {@link SEARCH_LIMITS}.maxLength characters and maxTerms words, no control character; it
 * is parsed as PostgreSQL's `websearch_to_tsquery` does (`"mots exacts"`, `-exclu`, `or`) with the French
 * configuration (stems: « accompagner » finds « accompagnement »), and results rank the exact words of
 * the text above their stems (« aidants » before « aides »), words of a title above those of a body.
 */
export const SEARCH_LIMITS = {
  /** Characters of a search text, after trimming. */
  maxLength: 200,
  /** Words of a search text (the `or` operator not counted). */
  maxTerms: 16,
} as const;

const number = (n: number, lang: Lang) => n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * The search text to use (trimmed; undefined for none), or `DomainError('VALIDATION')` with the path
 * `text` when it is too long, has too many words or holds a control character: refused at once, before
 * the database sees it.
 *
 * ### Examples
 * ```ts
 * checkSearchText('  aidants  '); // 'aidants'
 * checkSearchText(Array(8000).fill('aide').join(' or ')); // throws VALIDATION « Recherche trop large : 8 000 mots, 16 au plus… »
 * ```
 */
export function checkSearchText(text: string | null | undefined, lang: Lang = 'fr', path = 'text'): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const refuse = (code: string, fr: string, en: string): never => {
    const message = lang === 'fr' ? fr : en;
    throw new DomainError('VALIDATION', message, [{ path, code, message }]);
  };
  if (trimmed.length > SEARCH_LIMITS.maxLength) {
    refuse(
      'too_big',
      `Recherche trop longue : ${number(trimmed.length, 'fr')} caractères, ${SEARCH_LIMITS.maxLength} au plus. Raccourcissez-la.`,
      `Search too long: ${number(trimmed.length, 'en')} characters, at most ${SEARCH_LIMITS.maxLength}. Shorten it.`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed) || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(trimmed)) {
    refuse('invalid_characters', 'Recherche invalide : caractère de contrôle ou mal encodé.', 'Invalid search: a control or badly encoded character.');
  }
  const terms = searchWords(trimmed).length;
  if (terms > SEARCH_LIMITS.maxTerms) {
    refuse(
      'too_many_terms',
      `Recherche trop large : ${number(terms, 'fr')} mots, ${SEARCH_LIMITS.maxTerms} au plus. Gardez les mots les plus précis.`,
      `Search too broad: ${number(terms, 'en')} words, at most ${SEARCH_LIMITS.maxTerms}. Keep the most precise words.`,
    );
  }
  return trimmed;
}

/**
 * The French query of a checked search text (`websearch_to_tsquery('french', …)`), for `@@` on the
 * stored French `search` vectors.
 *
 * ### Examples
 * ```ts
 * query.where(sql`action.search @@ ${frenchQuery('aidants')}`);
 * ```
 */
export function frenchQuery(text: string): RawBuilder<unknown> {
  return sql`websearch_to_tsquery('french', ${text})`;
}

/**
 * The sort keys of a search, best first: every word found exactly (the `simple` configuration: no
 * stemming) in the row, then how well the exact words rank (title words weigh most), then the French
 * stem rank. `title` and `body` are the row's texts, `search` its stored French vector. Computed only for
 * the rows the French query matched.
 *
 * ### Examples
 * ```ts
 * for (const key of searchRanking('aidants', sql`action.title`, sql`concat_ws(' ', action.description, action.easy_read)`, sql`action.search`)) rows = rows.orderBy(key, 'desc');
 * // order by (setweight(to_tsvector('simple', …), 'A') || … @@ websearch_to_tsquery('simple', $1)) desc, ts_rank(…) desc, ts_rank(action.search, websearch_to_tsquery('french', $1)) desc
 * ```
 */
export function searchRanking(text: string, title: RawBuilder<unknown>, body: RawBuilder<unknown>, search: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const exact = sql`websearch_to_tsquery('simple', ${text})`;
  const words = sql`(setweight(to_tsvector('simple', coalesce(${title}, '')), 'A') || to_tsvector('simple', coalesce(${body}, '')))`;
  return [sql`(${words} @@ ${exact})`, sql`ts_rank(${words}, ${exact})`, sql`ts_rank(${search}, ${frenchQuery(text)})`];
}
