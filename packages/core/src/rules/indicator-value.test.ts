import { describe, expect, it } from 'vitest';
import { countingRevision, indicatorValues, periodicityIssue, valueCompletionRate, type ValueIndicator, type ValueRevision, type ValueScope } from './indicator-value.ts';

const rev = (period: string, territory: string, value: number | null, extra: Partial<ValueRevision> = {}): ValueRevision => ({ period, territory, revision: 1, value, ...extra });
const summary = (v: { status: string; value: number | null; period: string | null; origin?: string }) => [v.status, v.value, v.period, v.origin];

describe('periodicityIssue', () => {
  it.each([
    ['year', '2024', true],
    ['year', '2024-Q1', false],
    ['year', '2024-03', false],
    ['quarter', '2024-Q3', true],
    ['quarter', '2024', true],
    ['quarter', '2024-07', false],
    ['month', '2024-07', true],
    ['month', '2024-Q3', true],
    ['month', '2024', true],
    ['month', '2024-13', false],
    ['year', '24', false],
  ] as const)('%s indicator, period %s → accepted %s', (periodicity, period, accepted) => {
    const issue = periodicityIssue(periodicity, period);
    expect(issue === null).toBe(accepted);
    if (issue) expect(issue).toMatchObject({ path: 'period', code: 'period_periodicity' });
  });
  it('speaks French first, English on request', () => {
    expect(periodicityIssue('year', '2024-03')?.message).toBe('indicateur annuel : période attendue AAAA (ex. 2024) : 2024-03');
    expect(periodicityIssue('year', '2024-03', 'measurements[0].period', 'en')).toEqual({
      path: 'measurements[0].period',
      code: 'period_periodicity',
      message: 'yearly indicator: period expected as YYYY (e.g. 2024): 2024-03',
    });
  });
});

describe('countingRevision', () => {
  it.each([
    ['the latest final one', [{ revision: 1, provisional: false }, { revision: 2, provisional: false }], 2],
    ['a final one before a later provisional one', [{ revision: 1, provisional: false }, { revision: 2, provisional: true }], 1],
    ['the latest provisional one when none is final', [{ revision: 1, provisional: true }, { revision: 3, provisional: true }], 3],
    ['a final correction of a provisional value', [{ revision: 1, provisional: true }, { revision: 2, provisional: false }], 2],
  ])('takes %s', (_label, revisions, expected) => {
    expect(countingRevision(revisions)?.revision).toBe(expected);
  });
  it('has nothing to take from nothing', () => expect(countingRevision([])).toBeUndefined());
});

const sum: ValueIndicator = { aggregation: 'sum', periodicity: 'year' };
const mean: ValueIndicator = { aggregation: 'mean', periodicity: 'year' };
const ratio: ValueIndicator = { aggregation: 'ratio', periodicity: 'year', unit: '%' };
const twoDeps: ValueScope = { departments: ['92', '78'] };

describe('aggregation across territories', () => {
  it.each([
    ['sum', sum, [rev('2023', 'dep:92', 110), rev('2023', 'dep:78', 88)], ['known', 198, '2023', 'aggregated']],
    ['mean', mean, [rev('2023', 'dep:92', 10), rev('2023', 'dep:78', 20)], ['known', 15, '2023', 'aggregated']],
    [
      'ratio of the summed numerators and denominators, in percent',
      ratio,
      [rev('2023', 'dep:92', 50.1, { numerator: 1268, denominator: 2530 }), rev('2023', 'dep:78', 48.4, { numerator: 911, denominator: 1882 })],
      ['known', 49.388033, '2023', 'aggregated'],
    ],
    ['ratio without numerators: not known (a mean of rates would be false)', ratio, [rev('2023', 'dep:92', 50), rev('2023', 'dep:78', 48)], ['not_known', null, '2023', 'aggregated']],
    ['one département missing: not known, not a partial sum', sum, [rev('2023', 'dep:92', 110)], ['not_known', null, '2023', 'aggregated']],
    ['a département not applicable is left out', sum, [rev('2023', 'dep:92', 110), rev('2023', 'dep:78', null, { missingReason: 'not_applicable' })], ['known', 110, '2023', 'aggregated']],
    [
      'every département not applicable',
      sum,
      [rev('2023', 'dep:92', null, { missingReason: 'not_applicable' }), rev('2023', 'dep:78', null, { missingReason: 'not_applicable' })],
      ['not_applicable', null, '2023', 'aggregated'],
    ],
    ['a département masked at the source masks the total', sum, [rev('2023', 'dep:92', 110), rev('2023', 'dep:78', null, { missingReason: 'statistical_secrecy' })], ['masked', null, '2023', 'aggregated']],
    ['a value stated for the scheme is not used for a département', sum, [rev('2023', 'dep:92', 5), rev('2023', 'dep:78', 7), rev('2022', 'dep:92', 1)], ['known', 12, '2023', 'aggregated']],
  ] as const)('%s', (_label, indicator, revisions, expected) => {
    expect(summary(indicatorValues(indicator, twoDeps, revisions).valueFor('2023'))).toEqual(expected);
  });

  it('aggregates a département from its districts when it has no value of its own', () => {
    const scope: ValueScope = { departments: ['48'], districts: [{ code: 'sst-1', department: '48' }, { code: 'sst-2', department: '48' }] };
    const values = indicatorValues(sum, scope, [rev('2024', 'sst-1', 40), rev('2024', 'sst-2', 60)]);
    expect(summary(values.valueFor('2024', 'dep:48'))).toEqual(['known', 100, '2024', 'aggregated']);
    expect(summary(values.valueFor('2024'))).toEqual(['known', 100, '2024', 'aggregated']);
    // A value of the département itself wins over its districts.
    const own = indicatorValues(sum, scope, [rev('2024', 'sst-1', 40), rev('2024', 'sst-2', 60), rev('2024', 'dep:48', 103)]);
    expect(summary(own.valueFor('2024'))).toEqual(['known', 103, '2024', 'measured']);
  });

  it('marks a value illustrative when any revision behind it is, and keeps their sources', () => {
    const values = indicatorValues(sum, twoDeps, [rev('2023', 'dep:92', 1, { illustrative: true, source: 'A' }), rev('2023', 'dep:78', 2, { source: 'B' })]);
    expect(values.valueFor('2023')).toMatchObject({ illustrative: true, sources: ['A', 'B'] });
    expect(values.valueFor('2023', 'dep:78')).toMatchObject({ illustrative: false, sources: ['B'] });
  });
});

describe('roll-up of months and quarters to the year', () => {
  const quarters = (values: (number | null)[], extra: Partial<ValueRevision> = {}) =>
    values.map((v, i) => rev(`2024-Q${i + 1}`, 'dep:48', v, v === null ? { missingReason: 'not_yet_known', ...extra } : extra));
  const oneDep: ValueScope = { departments: ['48'] };
  it.each([
    ['sum of four quarters', sum, quarters([1, 2, 3, 4]), ['known', 10, '2024', 'rolled_up']],
    ['mean of four quarters', mean, quarters([10, 20, 30, 40]), ['known', 25, '2024', 'rolled_up']],
    ['a quarter missing: not known', sum, quarters([1, 2, 3]), ['not_known', null, '2024', 'rolled_up']],
    ['a quarter not yet known: not known', sum, quarters([1, 2, 3, null]), ['not_known', null, '2024', 'rolled_up']],
    [
      'ratio over the quarters',
      ratio,
      [1, 2, 3, 4].map((q) => rev(`2024-Q${q}`, 'dep:48', 50, { numerator: q * 10, denominator: 100 })),
      ['known', 25, '2024', 'rolled_up'],
    ],
    [
      'months to quarters to the year',
      sum,
      Array.from({ length: 12 }, (_, m) => rev(`2024-${String(m + 1).padStart(2, '0')}`, 'dep:48', 1)),
      ['known', 12, '2024', 'rolled_up'],
    ],
    [
      'a stated quarter stands for its months',
      sum,
      [rev('2024-Q1', 'dep:48', 30), ...Array.from({ length: 9 }, (_, m) => rev(`2024-${String(m + 4).padStart(2, '0')}`, 'dep:48', 1))],
      ['known', 39, '2024', 'rolled_up'],
    ],
    ['a stated year wins over its quarters', sum, [...quarters([1, 2, 3, 4]), rev('2024', 'dep:48', 11)], ['known', 11, '2024', 'measured']],
  ] as const)('%s', (_label, indicator, revisions, expected) => {
    expect(summary(indicatorValues({ ...indicator, periodicity: 'month' }, oneDep, revisions).valueFor('2024'))).toEqual(expected);
  });

  it('rolls up then aggregates across départements', () => {
    const revisions = ['92', '78'].flatMap((d) => [1, 2, 3, 4].map((q) => rev(`2024-Q${q}`, `dep:${d}`, q)));
    expect(summary(indicatorValues({ ...sum, periodicity: 'quarter' }, twoDeps, revisions).valueFor('2024'))).toEqual(['known', 20, '2024', 'aggregated']);
  });
});

describe('current value', () => {
  it.each([
    ['the latest period with a known value', [rev('2022', 'dep:48', 1), rev('2023', 'dep:48', 2)], ['known', 2, '2023', 'measured']],
    [
      'an older known value rather than a later unknown one',
      [rev('2022', 'dep:48', 1), rev('2023', 'dep:48', null, { missingReason: 'not_yet_known' })],
      ['known', 1, '2022', 'measured'],
    ],
    ['masked when nothing is known and the latest is masked', [rev('2023', 'dep:48', null, { missingReason: 'statistical_secrecy' })], ['masked', null, '2023', 'measured']],
    ['not applicable stays not applicable', [rev('2023', 'dep:48', null, { missingReason: 'not_applicable' })], ['not_applicable', null, '2023', 'measured']],
    ['not known when nothing was measured', [], ['not_known', null, null, 'measured']],
    [
      'final before provisional within a period',
      [rev('2023', 'dep:48', 5, { revision: 1 }), rev('2023', 'dep:48', 9, { revision: 2, provisional: true })],
      ['known', 5, '2023', 'measured'],
    ],
    ['a later quarter over an earlier year', [rev('2024', 'dep:48', 100), rev('2025-Q1', 'dep:48', 30)], ['known', 30, '2025-Q1', 'measured']],
    [
      'the rolled-up year over its last quarter',
      [1, 2, 3, 4].map((q) => rev(`2024-Q${q}`, 'dep:48', q)),
      ['known', 10, '2024', 'rolled_up'],
    ],
    [
      'the last quarter when the year is incomplete',
      [1, 2, 3].map((q) => rev(`2024-Q${q}`, 'dep:48', q)),
      ['known', 3, '2024-Q3', 'measured'],
    ],
  ] as const)('%s', (_label, revisions, expected) => {
    expect(summary(indicatorValues({ ...sum, periodicity: 'quarter' }, { departments: ['48'] }, revisions).current())).toEqual(expected);
  });

  it('has a completion rate only when known', () => {
    const values = indicatorValues(sum, { departments: ['48'] }, [rev('2023', 'dep:48', 50)]);
    expect(valueCompletionRate({ baselineValue: 40, targetValue: 60 }, values.current())).toBe(50);
    const masked = indicatorValues({ ...sum, secrecyThreshold: 100 }, { departments: ['48'] }, [rev('2023', 'dep:48', 50)]);
    expect(masked.current().status).toBe('masked');
    expect(valueCompletionRate({ baselineValue: 40, targetValue: 60 }, masked.current())).toBeNull();
  });
});

describe('statistical secrecy', () => {
  const threshold = (n: number | null): ValueIndicator => ({ ...sum, secrecyThreshold: n });
  const statuses = (indicator: ValueIndicator, scope: ValueScope, revisions: ValueRevision[], period = '2023') => {
    const values = indicatorValues(indicator, scope, revisions);
    return { total: values.valueFor(period).status, parts: scope.departments.map((d) => values.valueFor(period, `dep:${d}`).status) };
  };
  const three: ValueScope = { departments: ['92', '78', '95'] };
  it.each([
    ['no threshold: nothing masked', threshold(null), [3, 100, 200], { total: 'known', parts: ['known', 'known', 'known'] }],
    ['primary on the small cell, secondary on the smallest other', threshold(11), [3, 100, 200], { total: 'known', parts: ['masked', 'masked', 'known'] }],
    ['two small cells: no secondary needed', threshold(11), [3, 5, 200], { total: 'known', parts: ['masked', 'masked', 'known'] }],
    ['zero is not a small count', threshold(11), [0, 100, 200], { total: 'known', parts: ['known', 'known', 'known'] }],
    ['the threshold itself is published', threshold(11), [11, 100, 200], { total: 'known', parts: ['known', 'known', 'known'] }],
    ['a small total masks, and one part goes with it', threshold(11), [0, 2, 3], { total: 'masked', parts: ['known', 'masked', 'masked'] }],
  ] as const)('%s', (_label, indicator, values, expected) => {
    const revisions = three.departments.map((d, i) => rev('2023', `dep:${d}`, values[i]!));
    expect(statuses(indicator, three, revisions)).toEqual(expected);
  });

  it('a cell masked at the source masks the total computed over it, and the other parts stay', () => {
    const revisions = [rev('2023', 'dep:92', 150), rev('2023', 'dep:78', 100), rev('2023', 'dep:95', null, { missingReason: 'statistical_secrecy' })];
    expect(statuses(threshold(11), three, revisions)).toEqual({ total: 'masked', parts: ['known', 'known', 'masked'] });
  });

  it('never lets a published total give back a masked part (exhaustive over small grids)', () => {
    const grid = [0, 1, 4, 10, 11, 12, 50];
    for (const a of grid) for (const b of grid) for (const c of grid) {
      const revisions = three.departments.map((d, i) => rev('2023', `dep:${d}`, [a, b, c][i]!));
      const values = indicatorValues(threshold(11), three, revisions);
      const total = values.valueFor('2023');
      const parts = three.departments.map((d) => values.valueFor('2023', `dep:${d}`));
      for (const [i, part] of parts.entries()) {
        const raw = [a, b, c][i]!;
        if (raw > 0 && raw < 11) expect(part.status).toBe('masked');
      }
      const maskedParts = parts.filter((p) => p.status === 'masked').length;
      if (total.status === 'known') expect(maskedParts === 0 || maskedParts >= 2).toBe(true);
      if (total.status === 'masked') expect(maskedParts).not.toBe(0);
    }
  });

  it('applies to the numerator and denominator of a ratio', () => {
    const values = indicatorValues({ ...ratio, secrecyThreshold: 11 }, { departments: ['48'] }, [rev('2023', 'dep:48', 40, { numerator: 4, denominator: 10 })]);
    expect(values.current()).toMatchObject({ status: 'masked', value: null, numerator: null, denominator: null });
  });

  it('masks a quarter that its year and three published quarters would give back', () => {
    const revisions = [rev('2024-Q1', 'dep:48', 3), rev('2024-Q2', 'dep:48', 40), rev('2024-Q3', 'dep:48', 50), rev('2024-Q4', 'dep:48', 60)];
    const values = indicatorValues({ ...sum, periodicity: 'quarter', secrecyThreshold: 11 }, { departments: ['48'] }, revisions);
    expect(values.valueFor('2024')).toMatchObject({ status: 'known', value: 153 });
    expect(values.series().map((v) => [v.period, v.status])).toEqual([
      ['2024-Q1', 'masked'],
      ['2024-Q2', 'masked'],
      ['2024-Q3', 'known'],
      ['2024-Q4', 'known'],
    ]);
  });

  it('keeps masked, not known and not applicable apart in the series', () => {
    const revisions = [
      rev('2023', 'dep:48', null, { missingReason: 'statistical_secrecy' }),
      rev('2022', 'dep:48', null, { missingReason: 'not_yet_known' }),
      rev('2021', 'dep:48', null, { missingReason: 'not_applicable' }),
      rev('2020', 'dep:48', 5),
    ];
    expect(indicatorValues(threshold(11), { departments: ['48'] }, revisions).series().map((v) => v.status)).toEqual(['masked', 'not_applicable', 'not_known', 'masked']);
  });
});
