import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSchemeFile } from '../scheme-file/import.ts';
import type { SchemeFileInput } from '../scheme-file/scheme-file.ts';
import { ENGINES, openTestStore, seededRandom } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { operator } from '../access/access.ts';
import { getLatestMeasurementsByIndicatorIds } from '../indicator/stored-value.repository.ts';
import { recordMeasurement } from './measurement.service.ts';
import { getIndicatorValuesByIndicatorIds, type IndicatorValueReport, type PublishedMeasurement } from '../indicator/indicator-value.service.ts';
import { inTransaction } from '../shared/transaction.ts';

/*
 * The current measurements read from the stored values (`getLatestMeasurementsByIndicatorIds`, which reads
 * what the one rule wrote at write time) against the same measurement recomputed here from the whole
 * history by the rule (`getIndicatorValuesByIndicatorIds`), for every indicator and for each territory,
 * after seeded random writes of every kind: imports (binary COPY on PGlite, unnest on PostgreSQL),
 * re-imports that drop indicators and values, granular corrections (final and provisional), deletions
 * and updates by plain SQL.
 */

const PERIODS = ['2023', '2024', '2024-Q1', '2024-Q3', '2024-01', '2024-06', '2025', '2025-Q2'];
const TERRITORIES = ['dep:48', 'com:48095', 'com:48061'];

function scheme(next: () => number, indicators: number): SchemeFileInput {
  return {
    scheme: { code: '48-2024-2028', title: 'Schéma aléatoire', departments: ['48'], period: { start: 2024, end: 2028 }, status: 'in_force', illustrative: true },
    orientations: [
      {
        code: '1',
        title: 'Orientation',
        actions: [
          {
            code: '1.1',
            title: 'Action',
            status: 'in_progress',
            illustrative: true,
            indicators: Array.from({ length: indicators }, (_, k) => ({
              code: `ind-${k}`,
              name: `Indicateur ${k}`,
              // Monthly: years, quarters and months are all accepted (periodicity is enforced on write).
              periodicity: 'month' as const,
              illustrative: true,
              measurements: PERIODS.flatMap((period) =>
                TERRITORIES.filter(() => next() < 0.4).map((territory) => ({ period, territory, value: Math.round(next() * 1000) / 10, illustrative: true })),
              ),
            })),
          },
        ],
      },
    ],
  };
}

/** The current measurement among the rule's counting revisions of one indicator (one territory, or all). */
function recomputed(report: IndicatorValueReport, territory?: string): PublishedMeasurement | undefined {
  const rank = new Map(report.values.periods().map((p, k) => [p, k]));
  const candidates = report.measurements.filter((m) => territory === undefined || m.territory === territory);
  candidates.sort(
    (a, b) =>
      rank.get(a.period)! - rank.get(b.period)! ||
      Number(b.territory.startsWith('dep:')) - Number(a.territory.startsWith('dep:')) ||
      (a.territory < b.territory ? -1 : a.territory > b.territory ? 1 : 0),
  );
  return candidates[0];
}

for (const engine of ENGINES) {
  describe(`stored current measurements on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    async function compare() {
      const ids = (await store.db.selectFrom('indicator').select('id').execute()).map((r) => r.id);
      const reports = await getIndicatorValuesByIndicatorIds(store.db, ids);
      let found = 0;
      for (const territory of [undefined, ...TERRITORIES]) {
        const latest = new Map((await getLatestMeasurementsByIndicatorIds(store.db, ids, territory ? { territory } : {})).map((m) => [m.indicatorId, m]));
        for (const report of reports) {
          const expected = recomputed(report, territory);
          expect(latest.get(report.indicatorId), `${report.indicator.code} ${territory ?? 'all'}`).toEqual(expected);
          if (expected) found += 1;
        }
      }
      return found;
    }

    it('stays exact after seeded random writes of every kind', async () => {
      const next = seededRandom(7);
      await importSchemeFile(store.db, scheme(next, 12));
      expect(await compare()).toBeGreaterThan(20);
      for (let round = 0; round < 6; round += 1) {
        const indicators = await store.db.selectFrom('indicator').select('id').orderBy('code').execute();
        for (let i = 0; i < 15; i += 1) {
          const indicator = indicators[Math.floor(next() * indicators.length)]!;
          const period = PERIODS[Math.floor(next() * PERIODS.length)]!;
          const territory = TERRITORIES[Math.floor(next() * TERRITORIES.length)]!;
          // Some corrections are provisional: a later provisional estimate does not replace a final figure.
          await recordMeasurement(store.db, { principal: operator() }, indicator.id, { period, territory, value: Math.round(next() * 100), provisional: next() < 0.3, illustrative: true });
        }
        await compare();
        const victim = indicators[Math.floor(next() * indicators.length)]!;
        const year = String(2026 + round);
        await inTransaction(store.db, async (trx) => {
          await sql`delete from measurement where indicator_id = ${victim.id} and period = ${PERIODS[Math.floor(next() * PERIODS.length)]!}`.execute(trx);
          await sql`update measurement set period = ${year}, period_start = ${`${year}-01-01`}::date
            where (indicator_id, period, territory, revision) in (select indicator_id, period, territory, revision from measurement where indicator_id = ${victim.id} order by period limit 1)`.execute(trx);
        });
        await compare();
        // A re-import replaces the scheme's indicators and values (fewer indicators some rounds).
        await importSchemeFile(store.db, scheme(next, 6 + Math.floor(next() * 8)));
        await compare();
      }
      // A truncation bypasses the row triggers: the stored revisions then name no measurement, and none is read.
      await sql`truncate measurement`.execute(store.db);
      const ids = (await store.db.selectFrom('indicator').select('id').execute()).map((r) => r.id);
      expect(await getLatestMeasurementsByIndicatorIds(store.db, ids)).toEqual([]);
    });
  });
}
