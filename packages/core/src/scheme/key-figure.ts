import { z } from 'zod';
import { illustrative, text, year } from '../validation/primitives.ts';
import type { Lang } from '../validation/issues.ts';
import { translator, type Label } from '../validation/texts.ts';

/**
 * How a key figure's value reads against the truth: « plus de 80 » (`more_than`), « environ 120 »
 * (`about`), « moins de 10 » (`less_than`), « 80 et plus » / « au moins 80 » (`at_least`), « au plus 5 »
 * (`at_most`). Absent: the value is exact.
 */
export const KEY_FIGURE_QUALIFIERS = ['more_than', 'about', 'less_than', 'at_least', 'at_most'] as const;
export type KeyFigureQualifier = (typeof KEY_FIGURE_QUALIFIERS)[number];

/**
 * A context figure stated by the scheme (demography, social data, consultation counts), with its unit
 * and, when the text qualifies it, a qualifier.
 *
 * ### Examples
 * ```ts
 * keyFigureSchema.parse({ label: 'Cartes produites pour le diagnostic', value: 80, qualifier: 'more_than', unit: 'cartes' });
 * ```
 */
export const keyFigureSchema = z.object({
  label: text,
  value: z.number(),
  qualifier: z.enum(KEY_FIGURE_QUALIFIERS).optional(),
  unit: z.string().trim().optional(),
  year: year.optional(),
  territory: z.string().trim().optional(),
  source: z.string().trim().optional(),
  illustrative,
});

export type KeyFigure = z.infer<typeof keyFigureSchema>;

const QUALIFIER_WORDS = translator({
  more_than: { fr: 'plus de {value}', en: 'more than {value}' },
  about: { fr: 'environ {value}', en: 'about {value}' },
  less_than: { fr: 'moins de {value}', en: 'less than {value}' },
  at_least: { fr: 'au moins {value}', en: 'at least {value}' },
  at_most: { fr: 'au plus {value}', en: 'at most {value}' },
} satisfies Record<KeyFigureQualifier, Label>);

const NUMBERS = { fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }) };

/**
 * A key figure's value as a citizen reads it: the qualifier, the number in the language's format and the
 * unit (« plus de 80 cartes », « environ 120 participants », « 60 % »).
 *
 * ### Examples
 * ```ts
 * keyFigureValueText({ value: 80, qualifier: 'more_than', unit: 'cartes' }); // 'plus de 80 cartes'
 * keyFigureValueText({ value: 1609306, unit: 'habitants' }, 'en'); // '1,609,306 habitants'
 * ```
 */
export function keyFigureValueText(figure: { readonly value: number; readonly qualifier?: KeyFigureQualifier | null; readonly unit?: string | null }, lang: Lang = 'fr'): string {
  // French writes a narrow no-break space between thousands; a plain no-break space reads the same everywhere.
  const number = NUMBERS[lang].format(figure.value).replace(/\u202f/g, '\u00a0');
  const withUnit = figure.unit ? `${number}${figure.unit === '%' ? '\u00a0%' : ` ${figure.unit}`}` : number;
  return figure.qualifier ? QUALIFIER_WORDS(figure.qualifier, lang, { value: withUnit }) : withUnit;
}
