import { describe, expect, it } from 'vitest';
import { fuzzyDate, fuzzyDateFromBounds, fuzzyDateLabel, fuzzyDateSchema, fuzzyDatePointSchema, parseFuzzyDate } from './fuzzy-date.ts';
import { validate } from '../validation/issues.ts';

describe('fuzzy dates', () => {
  it.each([
    ['2018-01-30', '2018-01-30', 'day', '2018-01-30', '2018-01-30'],
    ['2023-03', '2023-03', 'month', '2023-03-01', '2023-03-31'],
    ['2024-02', '2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2015', '2015', 'year', '2015-01-01', '2015-12-31'],
    ['2022/2023', '2022/2023', 'span', '2022-01-01', '2023-12-31'],
    ['2018-05/2018-07', '2018-05/2018-07', 'span', '2018-05-01', '2018-07-31'],
    ['2019/..', '2019/..', 'span', '2019-01-01', null],
    ['../2018-06', '../2018-06', 'span', null, '2018-06-30'],
    ['2018/2018', '2018', 'year', '2018-01-01', '2018-12-31'],
    [' 2015 ', '2015', 'year', '2015-01-01', '2015-12-31'],
  ])('reads %s', (input, text, precision, from, to) => {
    expect(parseFuzzyDate(input)).toEqual({ ok: true, value: { text, precision, from, to } });
  });

  it.each([
    ['2023-02-30', 'date_invalid'],
    ['2023-13', 'date_invalid'],
    ['1850', 'fuzzy_date_range'],
    ['mars 2023', 'fuzzy_date_format'],
    ['2023/2022', 'end_before_start'],
    ['2018-07/2018-05-01', 'end_before_start'],
    ['../..', 'fuzzy_date_format'],
    ['2018/2019/2020', 'fuzzy_date_format'],
  ])('refuses %s (%s)', (input, code) => {
    expect(parseFuzzyDate(input)).toEqual({ ok: false, code });
  });

  it('reads no date as undated', () => {
    expect(fuzzyDate(null)).toEqual({ text: null, precision: 'undated', from: null, to: null });
    expect(parseFuzzyDate('')).toMatchObject({ ok: true, value: { precision: 'undated' } });
  });

  it.each([
    ['2018-01-30', '30 janvier 2018', 'January 30, 2018'],
    ['2023-03-01', '1er mars 2023', 'March 1, 2023'],
    ['2023-03', 'mars 2023', 'March 2023'],
    ['2015', '2015', '2015'],
    ['2022/2023', '2022–2023', '2022–2023'],
    ['2018-05/2018-07', 'mai – juillet 2018', 'May – July 2018'],
    ['2018-01-30/2018-02-14', '30 janvier – 14 février 2018', 'January 30 – February 14, 2018'],
    ['2017-11/2018-02', 'novembre 2017 – février 2018', 'November 2017 – February 2018'],
    ['2019/..', 'depuis 2019', 'since 2019'],
    ['../2018-06', 'jusqu’à juin 2018', 'until June 2018'],
    [null, 'non daté', 'undated'],
  ])('labels %s', (text, fr, en) => {
    expect(fuzzyDateLabel(text, 'fr')).toBe(fr);
    expect(fuzzyDateLabel(text, 'en')).toBe(en);
  });

  it('joins a start and an end into one date', () => {
    expect(fuzzyDateFromBounds('2018-05', '2018-07', 'point')).toBe('2018-05/2018-07');
    expect(fuzzyDateFromBounds('2018-01-30', '2018-01-30', 'point')).toBe('2018-01-30');
    expect(fuzzyDateFromBounds('2019', undefined, 'open')).toBe('2019/..');
    expect(fuzzyDateFromBounds('2019', undefined, 'point')).toBe('2019');
    expect(fuzzyDateFromBounds(undefined, '2018', 'open')).toBe('../2018');
    expect(fuzzyDateFromBounds(undefined, undefined, 'open')).toBeNull();
  });

  it('validates in files with one message per problem', () => {
    expect(validate(fuzzyDateSchema, '2018-05/2018-07', 'fr')).toMatchObject({ ok: true });
    const bad = validate(fuzzyDateSchema, 'mars 2023', 'fr');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.code)).toEqual(['fuzzy_date_format']);
    const span = validate(fuzzyDatePointSchema, '2018/2019', 'en');
    expect(span.ok).toBe(false);
    if (!span.ok) expect(span.issues[0]!.message).toContain('not a span');
  });
});
