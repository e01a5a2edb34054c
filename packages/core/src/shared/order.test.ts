import { describe, expect, test } from 'vitest';
import { compareBudgetLines, compareByCode, compareByPosition, compareCodes, compareDateSpans, compareNewestFirst, readingOrder } from './order.ts';
import { comparePeriods, compareSeries, periodStart } from '../rules/period.ts';

describe('orders of the domain', () => {
  test('codes read as people read them: numbers by value, letters in French collation', () => {
    expect(['1.10', '1.2', '2', '1.1.3', 'B', 'a', 'É'].sort(compareCodes)).toEqual(['1.1.3', '1.2', '1.10', '2', 'a', 'B', 'É']);
    expect([{ code: 'A10' }, { code: 'A9' }].sort(compareByCode).map((a) => a.code)).toEqual(['A9', 'A10']);
  });

  test('by position, then by code; a missing position counts as 0', () => {
    const items = [{ position: 2, code: '1' }, { position: 1, code: '2.10' }, { position: 1, code: '2.9' }, { code: '9' }];
    expect(items.sort(compareByPosition).map((i) => i.code)).toEqual(['9', '2.9', '2.10', '1']);
  });

  test('a tree in reading order: each item followed by its descendants, siblings as given', () => {
    const tree = [
      { id: 'b', parentId: null },
      { id: 'a1', parentId: 'a' },
      { id: 'a', parentId: null },
      { id: 'a1x', parentId: 'a1' },
      { id: 'a2', parentId: 'a' },
    ];
    expect(readingOrder(tree, (o) => o.id, (o) => o.parentId).map((o) => o.id)).toEqual(['b', 'a', 'a1', 'a1x', 'a2']);
  });

  test('timeline entries by first day, a point before a span of the same start, undated last', () => {
    const entries = [
      { start: '2018-05-01', end: '2018-07-31' },
      { start: null, end: null },
      { start: '2018-05-01', end: null },
      { start: '2017-12-31', end: '2019-01-01' },
    ];
    expect(entries.sort(compareDateSpans)).toEqual([
      { start: '2017-12-31', end: '2019-01-01' },
      { start: '2018-05-01', end: null },
      { start: '2018-05-01', end: '2018-07-31' },
      { start: null, end: null },
    ]);
  });

  test('updates newest first, equal dates kept in their order', () => {
    const updates = [{ date: '2024-01-02', n: 1 }, { date: '2025-03-01', n: 2 }, { date: '2024-01-02', n: 3 }];
    expect(updates.sort(compareNewestFirst).map((u) => u.n)).toEqual([2, 1, 3]);
  });

  test('budget lines by year, then funder', () => {
    const lines = [{ year: 2025, funder: 'CAF' }, { year: 2024, funder: 'État' }, { year: 2024, funder: 'Département' }];
    expect(lines.sort(compareBudgetLines)).toEqual([{ year: 2024, funder: 'Département' }, { year: 2024, funder: 'État' }, { year: 2025, funder: 'CAF' }]);
  });

  test.each([
    ['2024', '2024-01-01'],
    ['2024-Q1', '2024-01-01'],
    ['2024-Q4', '2024-10-01'],
    ['2024-03', '2024-03-01'],
  ])('the period %s starts on %s', (period, start) => {
    expect(periodStart(period)).toBe(start);
  });

  test('periods by first day, then by code; a series by period, territory, revision', () => {
    expect(['2024-Q2', '2024-03', '2023', '2024-Q1', '2024', '2024-01'].sort(comparePeriods)).toEqual(['2023', '2024', '2024-01', '2024-Q1', '2024-03', '2024-Q2']);
    const series = [
      { period: '2024', territory: 'dep:92', revision: 2 },
      { period: '2023-Q4', territory: 'dep:92', revision: 1 },
      { period: '2024', territory: 'dep:78', revision: 1 },
      { period: '2024', territory: 'dep:92', revision: 1 },
    ];
    expect(series.sort(compareSeries).map((m) => `${m.period} ${m.territory} ${m.revision}`)).toEqual(['2023-Q4 dep:92 1', '2024 dep:78 1', '2024 dep:92 1', '2024 dep:92 2']);
  });
});
