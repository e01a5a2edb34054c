import { describe, expect, test } from 'vitest';
import { chartSeries, formatPeriod } from './period.ts';

describe('chartSeries', () => {
  const values = [
    { period: '2024', territory: 'dep:92', value: 1 },
    { period: '2023', territory: 'dep:92', value: 2 },
    { period: '2024', territory: 'dep:78', value: 3 },
    { period: '2022', territory: 'dep:78', value: 4 },
    { period: '2021', territory: 'dep:78', value: 5 },
    { period: '2024', territory: null, value: 6 },
  ];

  test('the territory asked for, in period order', () => {
    expect(chartSeries(values, 'dep:92').map((v) => v.period)).toEqual(['2023', '2024']);
  });

  test('else the territory with the most values, also when the one asked for has none', () => {
    expect(chartSeries(values, null).map((v) => v.value)).toEqual([5, 4, 3]);
    expect(chartSeries(values, 'dep:13').map((v) => v.territory)).toEqual(['dep:78', 'dep:78', 'dep:78']);
  });

  test('the first territory code among equals, whatever the order of the values', () => {
    const tied = [
      { period: '2024', territory: 'dep:92' },
      { period: '2024', territory: 'dep:78' },
    ];
    expect(chartSeries(tied).map((v) => v.territory)).toEqual(['dep:78']);
    expect(chartSeries([...tied].reverse()).map((v) => v.territory)).toEqual(['dep:78']);
  });

  test('values without a territory are a series of their own; nothing gives nothing', () => {
    expect(chartSeries([{ period: '2024-Q2' }, { period: '2024-03' }]).map((v) => v.period)).toEqual(['2024-03', '2024-Q2']);
    expect(chartSeries([])).toEqual([]);
  });
});

describe('formatPeriod', () => {
  test.each([
    ['2024', 'fr', '2024'],
    ['2024-Q1', 'fr', 'T1 2024'],
    ['2024-Q1', 'en', 'Q1 2024'],
    ['2024-03', 'fr', 'mars 2024'],
    ['2024-03', 'en', 'March 2024'],
    ['autre', 'fr', 'autre'],
  ] as const)('%s in %s is %s', (period, lang, text) => {
    expect(formatPeriod(period, lang)).toBe(text);
  });
});
