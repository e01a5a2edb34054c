import { GraphQLError, Kind } from 'graphql';
import { dateInRange, valueRuleMessage } from '@sosms/core';
import { builder } from '../builder.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError('Date attendue au format AAAA-MM-JJ / expected a date as YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  // The core's range of dates (what PostgreSQL's `date` and a scheme accept).
  if (!dateInRange(value)) throw new GraphQLError(`${valueRuleMessage('date_range', 'fr')} / ${valueRuleMessage('date_range', 'en')}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value;
}

/** A calendar date `YYYY-MM-DD` (the core's date strings). */
export const DateScalar = builder.scalarType('Date', {
  description: 'Date au format AAAA-MM-JJ / calendar date YYYY-MM-DD',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** An ISO 8601 timestamp. */
export const DateTimeScalar = builder.scalarType('DateTime', {
  description: 'Horodatage ISO 8601 / ISO 8601 timestamp',
  serialize: (value) => value,
  parseValue: (value) => String(value),
});

/** Free-form JSON (audit snapshots). */
export const JsonScalar = builder.scalarType('JSON', {
  description: 'Valeur JSON libre / free-form JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
});
