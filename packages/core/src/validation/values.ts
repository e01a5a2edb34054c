import type { Lang, ValidationIssue } from './issues.ts';
import { translator } from './texts.ts';

/**
 * The limits every value obeys before it reaches the database, in scheme files and in commands alike
 * (docs/scheme-format.md, « Limites des valeurs », states them; a test reads the page).
 *
 * - dates between 1900-01-01 and 2100-12-31 (PostgreSQL's `date` refuses year 0000, and a scheme
 *   has nothing to say before 1900 or after 2100);
 * - integers stored in `integer` columns (participants, proposals) between 0 and 2,147,483,647;
 * - objects and lists nested at most 32 levels (an orientation tree of about 15 levels);
 * - a scheme file of at most 50 MB, whose YAML expands at most 100 aliases.
 *
 * ### Examples
 * ```ts
 * VALUE_LIMITS.dates.max; // '2100-12-31'
 * ```
 */
export const VALUE_LIMITS = {
  dates: { min: '1900-01-01', max: '2100-12-31' },
  int4: { min: -2_147_483_648, max: 2_147_483_647 },
  depth: 32,
  fileBytes: 50 * 1024 * 1024,
  yamlAliases: 100,
} as const;

/**
 * The longest text each field takes, in characters (UTF-16 code units), by field name wherever it
 * appears; a string in a list takes its list's cap (`objectives: [...]`). A field not named here takes
 * {@link DEFAULT_LENGTH_CAP}.
 *
 * ### Examples
 * ```ts
 * lengthCap('title'); // 500
 * lengthCap('description'); // 20000
 * ```
 */
export const LENGTH_CAPS: Readonly<Record<string, number>> = {
  // Codes chosen by authors (the `code` primitive): short identifiers.
  code: 80,
  // Names and titles: one line.
  title: 500,
  name: 500,
  label: 500,
  unit: 100,
  role: 200,
  kind: 100,
  reference: 500,
  number: 200,
  assembly: 500,
  body: 500,
  source: 1_000,
  territory: 200,
  // Addresses.
  sourceUrl: 2_000,
};

/** The cap of a string field {@link LENGTH_CAPS} does not name: a long text (description, summary, objective…). */
export const DEFAULT_LENGTH_CAP = 20_000;

/** The length cap of a field by its name (see {@link LENGTH_CAPS}). */
export function lengthCap(field: string | undefined): number {
  return (field !== undefined && Object.hasOwn(LENGTH_CAPS, field) ? LENGTH_CAPS[field] : undefined) ?? DEFAULT_LENGTH_CAP;
}

const MESSAGES = {
  nul_character: { fr: 'caractère nul (U+0000) interdit dans un texte', en: 'NUL character (U+0000) not allowed in a text' },
  lone_surrogate: {
    fr: 'texte mal encodé : demi-caractère UTF-16 isolé (U+D800 à U+DFFF) ; ré-enregistrez le texte en UTF-8',
    en: 'badly encoded text: lone UTF-16 surrogate (U+D800 to U+DFFF); save the text again as UTF-8',
  },
  too_long: { fr: 'texte trop long : {max} caractères au plus ({length} reçus)', en: 'text too long: at most {max} characters ({length} given)' },
  too_deep: {
    fr: 'imbrication trop profonde : {max} niveaux au plus (objets et listes)',
    en: 'nested too deeply: at most {max} levels (objects and lists)',
  },
  recursive_value: {
    fr: 'valeur récursive : elle se contient elle-même (un alias YAML qui renvoie à son propre bloc ?)',
    en: 'recursive value: it contains itself (a YAML alias that points to its own block?)',
  },
  date_range: { fr: 'date hors de la plage admise ({min} à {max})', en: 'date outside the accepted range ({min} to {max})' },
  integer_range: { fr: 'nombre entier hors de la plage admise ({min} à {max})', en: 'integer outside the accepted range ({min} to {max})' },
} as const;

// Thousands grouped with plain spaces in French (« 2 147 483 647 »), commas in English.
const message = translator(MESSAGES, (n, lang) => (typeof n === 'number' ? n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/[\u202f\u00a0]/g, ' ') : n));

/** Codes of the value rules' issues. */
export type ValueIssueCode = keyof typeof MESSAGES;

/**
 * The message of a value rule in a language, parameters filled in.
 *
 * ### Examples
 * ```ts
 * valueMessage('too_long', 'en', { max: 500, length: 600 }); // 'text too long: at most 500 characters (600 given)'
 * ```
 */
export function valueMessage(code: ValueIssueCode, lang: Lang = 'fr', params: Record<string, string | number> = {}): string {
  return message(code, lang, params);
}

/** The parameters a value rule's message takes when a zod schema raises it by its bare code. */
const DEFAULT_PARAMS: Partial<Record<ValueIssueCode, Record<string, string | number>>> = {
  date_range: VALUE_LIMITS.dates,
  integer_range: { min: 0, max: VALUE_LIMITS.int4.max },
  too_deep: { max: VALUE_LIMITS.depth },
};

/**
 * The message of a value rule raised by its bare code (a zod refinement's `error: 'date_range'`), or
 * undefined when `code` is not one of them.
 *
 * ### Examples
 * ```ts
 * valueRuleMessage('date_range', 'fr'); // 'date hors de la plage admise (1900-01-01 à 2100-12-31)'
 * ```
 */
export function valueRuleMessage(code: string, lang: Lang = 'fr'): string | undefined {
  if (!Object.hasOwn(MESSAGES, code)) return undefined;
  return valueMessage(code as ValueIssueCode, lang, DEFAULT_PARAMS[code as ValueIssueCode]);
}

/** A string with a UTF-16 surrogate that is not half of a pair (which UTF-8 cannot carry). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with one string for the database, if anything: a NUL character, a lone surrogate, or
 * more characters than its field's cap.
 *
 * ### Examples
 * ```ts
 * stringProblem('a\u0000b', 'title'); // { code: 'nul_character' }
 * stringProblem('x'.repeat(501), 'title'); // { code: 'too_long', params: { max: 500, length: 501 } }
 * stringProblem('Schéma', 'title'); // undefined
 * ```
 */
export function stringProblem(value: string, field?: string): { code: ValueIssueCode; params?: Record<string, number> } | undefined {
  const max = lengthCap(field);
  if (value.length > max) return { code: 'too_long', params: { max, length: value.length } };
  if (value.includes('\u0000')) return { code: 'nul_character' };
  if (LONE_SURROGATE.test(value)) return { code: 'lone_surrogate' };
  return undefined;
}

/**
 * Whether a `YYYY-MM-DD` date lies in {@link VALUE_LIMITS}' range (the format is checked elsewhere).
 *
 * ### Examples
 * ```ts
 * dateInRange('2024-02-29'); // true
 * dateInRange('0000-01-01'); // false
 * ```
 */
export function dateInRange(value: string): boolean {
  return value >= VALUE_LIMITS.dates.min && value <= VALUE_LIMITS.dates.max;
}

/** The outcome of {@link checkValues}: the issues, and whether the input is unsafe to walk any further. */
export interface ValueCheck {
  readonly issues: ValidationIssue[];
  /** A cycle or a nesting past the depth limit: nothing else may walk this input (it would not end). */
  readonly unwalkable: boolean;
}

/**
 * Check every value of an input (a parsed file, a command's input, GraphQL arguments) against the rules
 * the database enforces, before any schema looks at it: no string with a NUL character or a lone
 * surrogate, none longer than its field's cap, no nesting past {@link VALUE_LIMITS}.depth, no cycle.
 * Keys are checked like strings. The walk stops at the depth limit, so it always ends.
 *
 * ### Examples
 * ```ts
 * checkValues({ scheme: { title: 'a\u0000' } }, 'fr').issues;
 * // [{ path: 'scheme.title', code: 'nul_character', message: 'caractère nul (U+0000) interdit dans un texte' }]
 * ```
 */
export function checkValues(input: unknown, lang: Lang = 'fr', options: { maxIssues?: number } = {}): ValueCheck {
  const issues: ValidationIssue[] = [];
  const maxIssues = options.maxIssues ?? 100;
  let unwalkable = false;
  const ancestors = new Set<object>();
  const add = (path: string, code: ValueIssueCode, params?: Record<string, number>) => {
    if (issues.length < maxIssues) issues.push({ path, code, message: valueMessage(code, lang, params) });
  };
  const child = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);
  const visit = (value: unknown, path: string, field: string | undefined, depth: number): void => {
    if (issues.length >= maxIssues) return;
    if (typeof value === 'string') {
      const problem = stringProblem(value, field);
      if (problem) add(path, problem.code, problem.params);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (ancestors.has(value)) {
      unwalkable = true;
      add(path, 'recursive_value');
      return;
    }
    if (depth >= VALUE_LIMITS.depth) {
      unwalkable = true;
      add(path, 'too_deep', { max: VALUE_LIMITS.depth });
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], child(path, i), field, depth + 1);
    } else {
      for (const [key, item] of Object.entries(value)) {
        const keyProblem = stringProblem(key, 'code');
        // A bad key is named in the path escaped and shortened, so that the message stays readable.
        const shown = keyProblem ? `${JSON.stringify(key.slice(0, 40)).slice(1, -1)}${key.length > 40 ? '…' : ''}` : key;
        if (keyProblem) add(child(path, shown), keyProblem.code, keyProblem.params);
        visit(item, child(path, shown), key, depth + 1);
      }
    }
    ancestors.delete(value);
  };
  visit(input, '', undefined, 0);
  return { issues, unwalkable };
}
