import type { z } from 'zod';
import { DomainError, messageWithDetail, validate, type Lang, type ValidationIssue } from '../validation/issues.ts';

/**
 * Options of the granular writes: the language of error messages (French by default).
 *
 * ### Examples
 * ```ts
 * await updateScheme(db, '48-2018-2022', { title: '' }, { lang: 'en' }); // throws, message in English
 * ```
 */
export interface WriteOptions {
  readonly lang?: Lang;
}

/**
 * The `DomainError('VALIDATION')` every granular write throws: its message lists the field paths.
 *
 * ### Examples
 * ```ts
 * const result = validate(actionSchema, input);
 * if (!result.ok) throw validationError(result.issues);
 * ```
 */
export function validationError(issues: readonly ValidationIssue[], lang: Lang = 'fr'): DomainError {
  const [head, root, colon, separator] = lang === 'fr' ? ['Données invalides', '(racine)', ' : ', ' ; '] : ['Invalid data', '(root)', ': ', '; '];
  return new DomainError('VALIDATION', `${head}${colon}${issues.map((i) => `${i.path || root}${colon}${i.message}`).join(separator)}`, issues);
}

/**
 * The `DomainError('NOT_FOUND')` for a missing parent or target, named by one of the message codes of
 * `validation/issues.ts` (`unknown_scheme`, `unknown_orientation`…).
 *
 * ### Examples
 * ```ts
 * throw notFoundError('unknown_scheme', 'schemeCode', '92-2024-2028');
 * ```
 */
export function notFoundError(messageCode: string, path: string, value: string, lang: Lang = 'fr'): DomainError {
  const message = messageWithDetail(messageCode, value, lang);
  return new DomainError('NOT_FOUND', message, [{ path, code: messageCode, message }]);
}

/**
 * Validate an input against a zod schema: its parsed value, or `DomainError('VALIDATION')` with field paths.
 *
 * ### Examples
 * ```ts
 * const data = validated(actionSchema, input, 'fr');
 * ```
 */
export function validated<T extends z.ZodType>(schema: T, input: unknown, lang: Lang = 'fr'): z.infer<T> {
  const result = validate(schema, input, lang);
  if (!result.ok) throw validationError(result.issues, lang);
  return result.data;
}
