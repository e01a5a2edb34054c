import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator } from '../access/access.ts';
import type { Store } from '../database/store.ts';
import { recordMeasurement } from '../measurement/measurement.service.ts';
import { updateScheme } from '../scheme/scheme.service.ts';
import { importSchemeFile } from '../scheme-file/import.ts';
import type { SchemeFileInput } from '../scheme-file/scheme-file.ts';
import { inTransaction } from '../shared/transaction.ts';
import { ENGINES, openTestStore, seededRandom } from '../testing/engines.ts';
import { currentMeasurement, getIndicatorValuesByIndicatorIds } from './indicator-value.service.ts';
import { fillStoredIndicatorValues, getStoredCurrentValues, getStoredIndicatorValuesByIndicatorIds, getStoredPeriodValues } from './stored-value.repository.ts';
import { compareIndicator } from '../progress/progress.service.ts';

/*
 * Stored indicator values (indicator_current, indicator_period_value) against the same values recomputed
 * from the whole history by the one rule, after each batch of seeded random writes of every kind:
 * measurements (revisions, provisional figures, missing reasons, small counts under a secrecy threshold),
 * re-imports that change an indicator's aggregation, threshold, baseline, target or illustrative mark,
 * changes of the scheme's départements, districts, and plain SQL updates and deletions in a transaction.
 */

const PERIODS = ['2023', '2024', '2024-Q1', '2024-Q2', '2024-01', '2024-02', '2024-03', '2024-06', '2025-Q1'];
// dep:78 has one district (sst-3): its value of a period is that district's as it stands, a « not known » included.
const TERRITORIES = ['dep:92', 'dep:78', 'sst-1', 'sst-2', 'sst-3', 'com:92002'];
const AGGREGATIONS = ['sum', 'mean', 'ratio'] as const;
const CODE = '92-78-2024-2028';
const who = { principal: operator() };

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** A measurement input: small counts (secrecy), missing reasons, provisional figures, ratios. */
function measurement(next: () => number, period: string, territory: string) {
  const roll = next();
  if (roll < 0.1) return { period, territory, missingReason: pick(next, ['not_yet_known', 'statistical_secrecy', 'not_applicable'] as const) };
  const denominator = Math.ceil(next() * 60);
  const numerator = Math.floor(next() * denominator);
  return {
    period,
    territory,
    value: Math.round((numerator / denominator) * 1000) / 10,
    numerator,
    denominator,
    provisional: next() < 0.2,
    illustrative: next() < 0.1,
    ...(next() < 0.3 ? { source: pick(next, ['Insee', 'CAF', 'DREES']) } : {}),
  };
}

function schemeFile(next: () => number, indicators: number, withMeasurements: boolean): SchemeFileInput {
  const indicator = (k: number) => ({
    code: `ind-${k}`,
    sharedCode: `cmp-ind-${k}`,
    name: `Indicateur ${k}`,
    periodicity: 'month' as const,
    aggregation: pick(next, AGGREGATIONS),
    unit: pick(next, ['%', 'personnes']),
    ...(next() < 0.5 ? { secrecyThreshold: pick(next, [5, 11, 30]) } : {}),
    ...(next() < 0.7 ? { baseline: { value: Math.round(next() * 40), date: '2023-01-01' }, target: { value: 40 + Math.round(next() * 60), date: '2028-12-31' } } : {}),
    illustrative: next() < 0.3,
    measurements: withMeasurements ? PERIODS.flatMap((period) => TERRITORIES.filter(() => next() < 0.35).map((territory) => measurement(next, period, territory))) : [],
  });
  return {
    scheme: { code: CODE, title: 'Schéma aléatoire', departments: ['92', '78'], period: { start: 2024, end: 2028 }, status: 'in_force', illustrative: true },
    districts: [
      { code: 'sst-1', name: 'SST 1', communes: ['com:92002'] },
      { code: 'sst-2', name: 'SST 2', communes: ['com:92019'] },
      { code: 'sst-3', name: 'SST 3', communes: ['com:78646'] },
    ],
    indicators: Array.from({ length: Math.ceil(indicators / 2) }, (_, k) => indicator(k)),
    orientations: [
      {
        code: '1',
        title: 'Orientation',
        actions: [{ code: '1.1', title: 'Action', status: 'in_progress', indicators: Array.from({ length: Math.floor(indicators / 2) }, (_, k) => indicator(100 + k)) }],
      },
    ],
  };
}

for (const engine of ENGINES) {
  describe(`stored indicator values on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    async function compare(label: string) {
      const pending = await sql<{ n: number }>`select count(*)::int as n from indicator_value_pending`.execute(store.db);
      expect(pending.rows[0]!.n, `${label}: nothing left pending`).toBe(0);
      const ids = (await store.db.selectFrom('indicator').select('id').execute()).map((r) => r.id);
      const currentRows = await sql<{ n: number }>`select count(*)::int as n from indicator_current`.execute(store.db);
      expect(currentRows.rows[0]!.n, `${label}: one stored row per indicator`).toBe(ids.length);
      const orphans = await sql<{ n: number }>`select count(*)::int as n from indicator_period_value where indicator_id not in (select id from indicator)`.execute(store.db);
      expect(orphans.rows[0]!.n, `${label}: no stored series of a deleted indicator`).toBe(0);
      const reports = await getIndicatorValuesByIndicatorIds(store.db, ids);
      const stored = new Map((await getStoredIndicatorValuesByIndicatorIds(store.db, ids)).map((s) => [s.indicatorId, s]));
      let compared = 0;
      for (const report of reports) {
        const mine = stored.get(report.indicatorId);
        expect(mine, `${label}: ${report.indicator.code} stored`).toBeDefined();
        expect(mine!.current, `${label}: current value of ${report.indicator.code}`).toEqual(report.current);
        expect(mine!.completionRate, `${label}: completion rate of ${report.indicator.code}`).toBe(report.completionRate);
        expect(mine!.latestMeasurement, `${label}: latest measurement of ${report.indicator.code}`).toEqual(currentMeasurement(report));
      }
      // A territory's current value: every territory stored, and some with nothing (another département, a district
      // without a measurement, a territory of no scheme).
      for (const territory of [...TERRITORIES, 'dep:13', 'sst-9']) {
        const current = await getStoredCurrentValues(store.db, ids, territory);
        expect(current.size, `${label}: a current value for ${territory} of every indicator`).toBe(ids.length);
        for (const report of reports) {
          expect(current.get(report.indicatorId), `${label}: ${report.indicator.code} current at ${territory}`).toEqual(report.values.current(territory));
          compared += 1;
        }
      }
      // The published series: every period the rule knows, and some it does not, for every territory stored.
      const periods = new Set([...PERIODS, '2022', '2024-Q3', '2024-04', ...reports.flatMap((r) => r.values.periods())]);
      for (const period of periods) {
        const valueFor = await getStoredPeriodValues(store.db, ids, period);
        // The same values as compareIndicator reads them (its one statement reads indicator_period_value as JSON):
        // each indicator carries its own shared code, so a comparison of that code is this indicator's, per département.
        const comparedValues = new Map<string, Map<string, Awaited<ReturnType<typeof compareIndicator>>[number]>>();
        for (const report of reports) {
          const rows = await compareIndicator(store.db, `cmp-${report.indicator.code}`, period, { visibility: { all: true } });
          comparedValues.set(report.indicatorId, new Map(rows.map((r) => [`dep:${r.department}`, r])));
        }
        for (const report of reports) {
          const territories = new Set([...report.scope.departments.map((d) => `dep:${d}`), ...report.measurements.map((m) => m.territory)]);
          for (const territory of territories) {
            expect(valueFor(report.indicatorId, territory), `${label}: ${report.indicator.code} ${period} ${territory}`).toEqual(report.values.valueFor(period, territory));
            const row = comparedValues.get(report.indicatorId)!.get(territory);
            // compareIndicator has a row for each département of the scheme (not for a département measured outside it).
            if (report.scope.departments.some((d) => territory === `dep:${d}`)) {
              const rule = report.values.valueFor(period, territory);
              const { value, status, provisional, illustrative, sources, origin } = rule;
              expect(row, `${label}: ${report.indicator.code} ${period} ${territory} (compareIndicator)`).toMatchObject({ value, status, provisional, illustrative, sources, origin });
            }
            compared += 1;
          }
        }
      }
      return compared;
    }

    it('match the rule after every batch of random writes', { timeout: 240_000 }, async () => {
      const next = seededRandom(20261202);
      await importSchemeFile(store.db, schemeFile(next, 8, true));
      expect(await compare('import')).toBeGreaterThan(100);
      for (let batch = 0; batch < 10; batch++) {
        const ids = (await store.db.selectFrom('indicator').select('id').orderBy('id').execute()).map((r) => r.id);
        for (let k = 0; k < 6; k++) {
          // Revisions: the same period and territory again, final or provisional.
          await recordMeasurement(store.db, who, pick(next, ids), measurement(next, pick(next, PERIODS), pick(next, TERRITORIES)));
        }
        const roll = next();
        if (roll < 0.25) {
          // A re-import: new aggregations, thresholds, baselines, targets, illustrative marks (values kept).
          await importSchemeFile(store.db, schemeFile(next, 8, next() < 0.5));
        } else if (roll < 0.4) {
          await updateScheme(store.db, who, CODE, { departments: next() < 0.5 ? ['92'] : ['92', '78'] });
        } else if (roll < 0.55) {
          await inTransaction(store.db, async (trx) => {
            await sql`update district set communes = ${next() < 0.5 ? ['com:92002', 'com:92019'] : ['com:92002']}::text[] where code = 'sst-1'`.execute(trx);
          });
        } else if (roll < 0.7) {
          await inTransaction(store.db, async (trx) => {
            await sql`delete from measurement where id in (select id from measurement order by md5(id::text || ${String(batch)}) limit 3)`.execute(trx);
            await sql`update indicator set secrecy_threshold = ${pick(next, [null, 5, 11])} where id = ${pick(next, ids)}`.execute(trx);
          });
        } else if (roll < 0.8) {
          // An indicator deleted (its measurements with it).
          await inTransaction(store.db, (trx) => sql`delete from indicator where id = ${pick(next, ids)}`.execute(trx));
        } else {
          await inTransaction(store.db, (trx) => sql`update measurement set provisional = not provisional where id in (select id from measurement order by md5(id::text) limit 5)`.execute(trx));
        }
        await compare(`batch ${batch}`);
      }
    });

    it('fill a store whose indicators are all marked (as the migration leaves it) in batches, with progress', async () => {
      // The state the migration leaves an existing store in: nothing stored, every indicator marked.
      await sql`delete from indicator_current`.execute(store.db);
      await sql`delete from indicator_period_value`.execute(store.db);
      await sql`insert into indicator_value_pending (indicator_id) select id from indicator`.execute(store.db);
      const total = (await store.db.selectFrom('indicator').select('id').execute()).length;
      const progress: [number, number][] = [];
      expect(await fillStoredIndicatorValues(store.db, (done, all) => void progress.push([done, all]), 3)).toBe(total);
      expect(progress.at(-1)).toEqual([total, total]);
      // Batches of 3 at most, the count only growing. On PostgreSQL two batches run at once, and one may take fewer
      // (a row the other just took is skipped), so there can be more batches than total / 3, never fewer.
      expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(total / 3));
      progress.forEach(([done], i) => expect(done - (i === 0 ? 0 : progress[i - 1]![0])).toBeGreaterThan(0));
      progress.forEach(([done], i) => expect(done - (i === 0 ? 0 : progress[i - 1]![0])).toBeLessThanOrEqual(3));
      await compare('fill');
      // Nothing marked: nothing to do.
      expect(await fillStoredIndicatorValues(store.db)).toBe(0);
    });

    it("store a territory's current value that is a « not known » of a period (a département's one district)", async () => {
      // dep:78's value of 2024 is its one district's, not known and with nothing else to say: the rule's current
      // value of dep:78 is that period's, not « no period », though such a pair is otherwise left out of the store.
      const { schemeId } = await importSchemeFile(store.db, {
        scheme: { code: '78-2024-2028', title: 'Un district', departments: ['78'], period: { start: 2024, end: 2028 }, status: 'in_force' },
        districts: [{ code: 'sst-78', name: 'SST 78', communes: ['com:78646'] }],
        indicators: [{ code: 'seul', name: 'Seul', periodicity: 'year', measurements: [{ period: '2024', territory: 'sst-78', missingReason: 'not_yet_known' }] }],
      });
      const [id] = (await store.db.selectFrom('indicator').select('id').where('scheme_id', '=', schemeId).execute()).map((r) => r.id);
      const [report] = await getIndicatorValuesByIndicatorIds(store.db, [id!]);
      expect(report!.values.current('dep:78')).toMatchObject({ status: 'not_known', period: '2024', territory: 'dep:78' });
      for (const territory of ['dep:78', 'sst-78', 'dep:92']) {
        expect((await getStoredCurrentValues(store.db, [id!], territory)).get(id!), territory).toEqual(report!.values.current(territory));
      }
    });
  });
}
