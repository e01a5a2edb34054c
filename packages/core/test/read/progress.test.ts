import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../src/testing/engines.ts';
import type { Store } from '../../src/database/store.ts';
import { getOrientationsBySchemeIds } from '../../src/orientation/orientation.repository.ts';
import { getActionsBySchemeIds } from '../../src/action/action.repository.ts';
import { getIndicatorsBySchemeIds } from '../../src/indicator/indicator.repository.ts';
import { refreshStoredIndicatorValues } from '../../src/indicator/stored-value.repository.ts';
import { operator } from '../../src/access/access.ts';
import { recordMeasurement } from '../../src/measurement/measurement.service.ts';
import { getOfficialTerritory } from '../../src/territory/geography.ts';
import { compareIndicator, comparisonCoverage, getActionHealthByActionIds, getIndicatorAlertsByIndicatorIds, getProgressBySchemeIds } from '../../src/progress/progress.service.ts';
import type { Scheme } from '../../src/scheme/scheme.service.ts';
import { loadFixture, snapshot, variant } from './fixture.ts';
import { importSchemeFile } from '../../src/scheme-file/import.ts';

for (const engine of ENGINES) {
  describe(`computed values on ${engine}`, () => {
    let store: Store;
    const statements: string[] = [];
    let s48: Scheme;
    let s92: Scheme;
    beforeAll(async () => {
      store = await openTestStore(engine, { onQuery: (s) => statements.push(s) });
      ({ s48, s92 } = await loadFixture(store.db));
    });
    afterAll(() => store?.close());

    it('rolls progress up the trees of several schemes in two statements', async () => {
      statements.length = 0;
      const progress = await getProgressBySchemeIds(store.db, [s48.id, s92.id, s48.id]);
      expect(statements).toHaveLength(2);
      const orientations = await getOrientationsBySchemeIds(store.db, [s48.id, s92.id]);
      const id = (scheme: Scheme, code: string) => orientations.find((o) => o.schemeId === scheme.id && o.code === code)!.id;
      const p48 = progress.find((p) => p.schemeId === s48.id)!;
      const p92 = progress.find((p) => p.schemeId === s92.id)!;
      expect(progress).toHaveLength(2);
      // 48: 1.1.1 in progress at 40 %, 2.1 planned (0 %): orientations 40 and 0, scheme 20.
      expect(p48.progress).toBe(20);
      expect([p48.byOrientation.get(id(s48, '1')), p48.byOrientation.get(id(s48, '1.1')), p48.byOrientation.get(id(s48, '2'))]).toEqual([40, 40, 0]);
      // 92: orientation 2 also has 2.2 done (100 %): 2 is at 50 %, the scheme at 45 %.
      expect(p92.byOrientation.get(id(s92, '2'))).toBe(50);
      expect(p92.progress).toBe(45);
      expect(await getProgressBySchemeIds(store.db, [])).toEqual([]);
      // As documented: one entry per distinct valid id, even without a scheme (or orientations) behind it.
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await getProgressBySchemeIds(store.db, ['not-a-uuid', unknown])).toEqual([{ schemeId: unknown, progress: null, byOrientation: new Map() }]);
    });

    it('reports action health and alerts at a date', async () => {
      const actions = await getActionsBySchemeIds(store.db, [s48.id]);
      const a111 = actions.find((a) => a.code === '1.1.1')!;
      const a21 = actions.find((a) => a.code === '2.1')!;
      statements.length = 0;
      const reports = await getActionHealthByActionIds(store.db, [a111.id, a21.id], '2025-06-30');
      expect(statements).toHaveLength(1);
      const r111 = reports.find((r) => r.actionId === a111.id)!;
      // 40 % done where ≈ 50 % of the time has elapsed: 80 % of the expected progress, at risk.
      expect(r111).toMatchObject({ health: 'at_risk', lastUpdateDate: '2024-06-01' });
      expect(r111.alerts.map((a) => a.code)).toEqual(['stale_update']);
      expect(r111.alerts[0]!.message.fr).toBe('Aucune mise à jour depuis 12 mois');
      expect(reports.find((r) => r.actionId === a21.id)).toEqual({ actionId: a21.id, health: null, alerts: [], lastUpdateDate: null });
      const late = await getActionHealthByActionIds(store.db, [a111.id], '2027-02-01', { staleMonths: 36 });
      expect(late[0]!.alerts.map((a) => a.code)).toEqual(['overdue']);
    });

    it('raises an alert when an indicator moves the wrong way', async () => {
      const [indicator] = (await getIndicatorsBySchemeIds(store.db, [s48.id])).filter((i) => i.code === 'ind-aidants');
      expect((await getIndicatorAlertsByIndicatorIds(store.db, [indicator!.id]))[0]).toEqual({ indicatorId: indicator!.id, territory: null, alerts: [] });
      await recordMeasurement(store.db, { principal: operator() }, indicator!.id, { period: '2026', territory: 'dep:48', value: 170 });
      const [report] = await getIndicatorAlertsByIndicatorIds(store.db, [indicator!.id], { territory: 'dep:48' });
      expect(report!.alerts.map((a) => a.code)).toEqual(['wrong_direction']);
      const elsewhere = await getIndicatorAlertsByIndicatorIds(store.db, [indicator!.id], { territory: 'dep:01' });
      expect(elsewhere).toEqual([{ indicatorId: indicator!.id, territory: 'dep:01', alerts: [] }]);
      // The scheme as a whole (its one département) reads the same series as dep:48.
      expect((await getIndicatorAlertsByIndicatorIds(store.db, [indicator!.id]))[0]!.alerts.map((a) => a.code)).toEqual(['wrong_direction']);
    });

    it('compares a shared indicator across départements', async () => {
      statements.length = 0;
      const rows = await compareIndicator(store.db, 'aidants-accompagnes', '2025');
      // One for the indicators with their values of the period as the one rule stored them (indicator_period_value).
      expect(statements).toHaveLength(1);
      expect(rows.map((r) => [r.department, r.schemeCode, r.status, r.value, r.target, r.completionRate])).toEqual([
        ['48', 't-48', 'known', 180, 300, 40],
        ['92', 't-92', 'known', 250, 300, 75],
      ]);
      expect(comparisonCoverage(rows)).toEqual({ departments: 2, withValue: 2 });
      expect(rows[0]!.population).toBe(getOfficialTerritory('dep:48')!.population);
      expect(rows[0]!.population).toBeGreaterThan(70_000);
      expect(rows[1]!.population).toBeGreaterThan(1_500_000);
      expect(rows.every((r) => r.illustrative)).toBe(true);
      const all = await compareIndicator(store.db, 'aidants-accompagnes', '2025', { visibility: { all: true } });
      expect(all.map((r) => r.department)).toEqual(['48', '72', '77', '92']);
      const noValue = await compareIndicator(store.db, 'aidants-accompagnes', '2019');
      expect(noValue.map((r) => [r.department, r.status, r.value, r.completionRate])).toEqual([
        ['48', 'not_known', null, null],
        ['92', 'not_known', null, null],
      ]);
      expect(comparisonCoverage(noValue)).toEqual({ departments: 2, withValue: 0 });
      // An unknown shared code is refused, not answered with an empty comparison.
      const unknown = await compareIndicator(store.db, 'unknown-code', '2025').then(() => null, (e: { code: string; message: string; issues?: { path: string }[] }) => e);
      expect([unknown?.code, unknown?.message, unknown?.issues?.map((i) => i.path)]).toEqual(['NOT_FOUND', 'indicateur partagé inconnu : unknown-code', ['sharedCode']]);
      const english = await compareIndicator(store.db, 'unknown-code', '2025', { lang: 'en' }).then(() => null, (e: Error) => e.message);
      expect(english).toBe('unknown shared indicator: unknown-code');
    });

    it('compares one scheme per département: a known value first, then a period covering the year, then the most recent', async () => {
      // Three schemes of the Ain carry the shared code: 2014–2018 with a value for 2016, 2019–2023 and 2024–2028.
      const ain = (code: string, start: number, values: { period: string; value: number }[]) => {
        const file = variant(code, '01');
        (file.scheme as { period: unknown }).period = { start, end: start + 4 };
        const indicator = file.orientations![0]!.orientations![0]!.actions![0]!.indicators![0]!;
        indicator.sharedCode = 'choix-ain';
        indicator.measurements = values.map((v) => ({ ...v, territory: 'dep:01' }));
        return file;
      };
      await importSchemeFile(store.db, ain('c-01-2014', 2014, [{ period: '2016', value: 16 }, { period: '2025', value: 1 }]));
      await importSchemeFile(store.db, ain('c-01-2019', 2019, [{ period: '2025', value: 2 }]));
      await importSchemeFile(store.db, ain('c-01-2024', 2024, [{ period: '2025', value: 3 }]));
      const chosen = async (period: string) => (await compareIndicator(store.db, 'choix-ain', period)).map((r) => [r.department, r.schemeCode, r.status, r.value]);
      // Only the oldest knows 2016: the known value wins over the period.
      expect(await chosen('2016')).toEqual([['01', 'c-01-2014', 'known', 16]]);
      // All three know 2025: the one whose period covers 2025.
      expect(await chosen('2025')).toEqual([['01', 'c-01-2024', 'known', 3]]);
      // None knows 2021: the one covering 2021, not known.
      expect(await chosen('2021')).toEqual([['01', 'c-01-2019', 'not_known', null]]);
      // None knows 2030 and none covers it: the most recent.
      expect(await chosen('2030')).toEqual([['01', 'c-01-2024', 'not_known', null]]);
    });

    it('filters a comparison by region and département, and refuses malformed codes and periods', async () => {
      expect((await compareIndicator(store.db, 'aidants-accompagnes', '2025', { regions: ['11'] })).map((r) => r.department)).toEqual(['92']);
      expect((await compareIndicator(store.db, 'aidants-accompagnes', '2025', { regions: ['76'] })).map((r) => r.department)).toEqual(['48']);
      expect((await compareIndicator(store.db, 'aidants-accompagnes', '2025', { departments: ['48'] })).map((r) => r.department)).toEqual(['48']);
      expect(await compareIndicator(store.db, 'aidants-accompagnes', '2025', { departments: ['48'], regions: ['11'] })).toEqual([]);
      const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: { code: string; issues?: { path: string; code: string }[] }) => [e.code, e.issues?.map((i) => `${i.path} ${i.code}`)]);
      expect(await refusal(compareIndicator(store.db, 'aidants-accompagnes', '2025', { departments: ['dep:92'] }))).toEqual(['VALIDATION', ['departments[0] department_code']]);
      expect(await refusal(compareIndicator(store.db, 'aidants-accompagnes', '2025', { regions: ['reg:11', '99'] }))).toEqual(['VALIDATION', ['regions[0] region_code', 'regions[1] region_code']]);
      for (const period of ['2025-13', '25', '2025-T1', '2025-Q5', '']) {
        expect(await refusal(compareIndicator(store.db, 'aidants-accompagnes', period))).toEqual(['VALIDATION', ['period period_format']]);
      }
    });

    it('rolls quarters up to the year asked for, and masks small counts', async () => {
      const [indicator] = (await getIndicatorsBySchemeIds(store.db, [s92.id])).filter((i) => i.code === 'ind-aidants');
      await store.db.updateTable('indicator').set({ periodicity: 'quarter', aggregation: 'sum' }).where('id', '=', indicator!.id).execute();
      // A raw write, outside core's commands: its stored values are refreshed as inTransaction would.
      await refreshStoredIndicatorValues(store.db);
      for (const [q, value] of [[1, 60], [2, 70], [3, 80]] as const) await recordMeasurement(store.db, { principal: operator() }, indicator!.id, { period: `2027-Q${q}`, territory: 'dep:92', value });
      const partial = await compareIndicator(store.db, 'aidants-accompagnes', '2027');
      expect(partial.find((r) => r.department === '92')).toMatchObject({ status: 'not_known', value: null, origin: 'rolled_up' });
      await recordMeasurement(store.db, { principal: operator() }, indicator!.id, { period: '2027-Q4', territory: 'dep:92', value: 90 });
      const year = await compareIndicator(store.db, 'aidants-accompagnes', '2027');
      expect(year.find((r) => r.department === '92')).toMatchObject({ status: 'known', value: 300, origin: 'rolled_up', completionRate: 100 });
      expect((await compareIndicator(store.db, 'aidants-accompagnes', '2027-Q2')).find((r) => r.department === '92')).toMatchObject({ status: 'known', value: 70, origin: 'measured' });
      // A threshold of 65 masks Q1 (60), and Q2 with it (the year and three quarters would give Q1 back).
      await store.db.updateTable('indicator').set({ secrecy_threshold: 65 }).where('id', '=', indicator!.id).execute();
      await refreshStoredIndicatorValues(store.db);
      const masked = await compareIndicator(store.db, 'aidants-accompagnes', '2027-Q1');
      expect(masked.find((r) => r.department === '92')).toMatchObject({ status: 'masked', value: null, completionRate: null });
      expect((await compareIndicator(store.db, 'aidants-accompagnes', '2027-Q2')).find((r) => r.department === '92')).toMatchObject({ status: 'masked', value: null });
      expect((await compareIndicator(store.db, 'aidants-accompagnes', '2027')).find((r) => r.department === '92')).toMatchObject({ status: 'known', value: 300 });
      expect(comparisonCoverage(masked)).toEqual({ departments: 2, withValue: 0 });
    });

    it('refuses a period finer than the indicator\'s periodicity and writes nothing', async () => {
      const [indicator] = (await getIndicatorsBySchemeIds(store.db, [s48.id])).filter((i) => i.code === 'ind-aidants');
      const before = await snapshot(store.db);
      for (const period of ['2026-03', '2026-Q1']) {
        const error = await recordMeasurement(store.db, { principal: operator() }, indicator!.id, { period, territory: 'dep:48', value: 1 }).then(() => null, (e: { code: string; issues: { path: string; code: string; message: string }[] }) => e);
        expect(error?.code).toBe('VALIDATION');
        expect(error?.issues).toEqual([{ path: 'period', code: 'period_periodicity', message: `indicateur annuel : période attendue AAAA (ex. 2024) : ${period}` }]);
      }
      expect(await snapshot(store.db)).toEqual(before);
    });
  });
}
