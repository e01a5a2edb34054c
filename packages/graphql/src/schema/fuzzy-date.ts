import { fuzzyDateLabel, type FuzzyDate } from '@sosms/core';
import { builder } from '../builder.ts';
import { enumOf } from './enums.ts';

const FuzzyDatePrecision = enumOf('FuzzyDatePrecision', ['day', 'month', 'year', 'span', 'undated'] as const, 'Précision d’une date : jour, mois, année, période ou non daté');

/** A date as real schemes write it: a day, a month, a year, a span, or undated (core `shared/fuzzy-date.ts`). */
export const FuzzyDateRef = builder.objectRef<FuzzyDate>('FuzzyDate').implement({
  description: 'Date d’un jour, d’un mois, d’une année ou d’une période, ou non datée / a day, a month, a year, a span, or undated',
  fields: (t) => ({
    text: t.exposeString('text', { nullable: true, description: 'Écriture ISO 8601 : 2018-01-30, 2023-03, 2015, 2018-05/2018-07, 2019/.. ; null si non daté' }),
    precision: t.field({ type: FuzzyDatePrecision, resolve: (d) => d.precision }),
    from: t.expose('from', { type: 'Date', nullable: true, description: 'Premier jour couvert' }),
    to: t.expose('to', { type: 'Date', nullable: true, description: 'Dernier jour couvert' }),
    label: t.string({ description: 'Libellé lisible dans la langue de la requête : « mars 2023 », « 2022–2023 », « non daté »', resolve: (d, _args, ctx) => fuzzyDateLabel(d.text, ctx.lang) }),
  }),
});
