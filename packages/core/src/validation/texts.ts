// Texts in French and English, looked up by key and language. No import: the widgets bundle this module
// (through `@sosms/core/labels`) as it is. It sits beside `Lang` in validation/, the lowest folder that speaks
// two languages, so that the value rules' messages use it as the labels, the reports, the access checks, the
// scheme files and the gateway's HTTP errors do.
import type { Lang } from './issues.ts';

/** A label in French and English. */
export interface Label {
  readonly fr: string;
  readonly en: string;
}

/** Texts by key, each in French and English (a module's own sentences: the reports', the widgets', an error's). */
export type Texts<K extends string = string> = Readonly<Record<K, Label>>;

/** Values filled into a text's `{name}` placeholders. */
export type TextParams = Readonly<Record<string, string | number>>;

/**
 * The `t` function over a set of texts: the one way a text is looked up by key and language (reports, widgets,
 * access, scheme files, value rules, the gateway's HTTP errors). Typed by the set's keys, so a missing text fails
 * to compile. `{name}` placeholders take the parameters given, written by `format` (as they are by default); a
 * placeholder without a parameter stays as it is.
 *
 * ### Examples
 * ```ts
 * const t = translator({ budget: { fr: 'Budget', en: 'Budget' }, limit: { fr: '{max} au plus', en: 'at most {max}' } });
 * t('budget', 'en'); // 'Budget'
 * t('limit', 'fr', { max: 500 }); // '500 au plus'
 * ```
 */
export function translator<K extends string>(
  texts: Texts<K>,
  format: (value: string | number, lang: Lang) => string = (value) => String(value),
): (key: K, lang: Lang, params?: TextParams) => string {
  return (key, lang, params) => {
    const text = texts[key][lang];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(params, name) ? format(params[name]!, lang) : all));
  };
}
