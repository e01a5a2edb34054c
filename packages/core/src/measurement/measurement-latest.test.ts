import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSchemeFile } from '../scheme-file/import.ts';
import type { SchemeFileInput } from '../scheme-file/scheme-file.ts';
import { ENGINES, openTestStore, seededRandom } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { operator } from '../access/access.ts';
import { getLatestMeasurementsByIndicatorIds } from './measurement.repository.ts';
import { recordMeasurement } from './measurement.service.ts';

/*
 * The stored current measurements (`measurement_latest`, kept by triggers) against the same value
 * recomputed here from the whole history, after seeded random writes of every kind: imports (binary COPY
 * on PGlite, unnest on PostgreSQL), re-imports that drop indicators and values, granular corrections,
 * deletions and updates by plain SQL.
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

type Row = { indicator_id: string; territory: string; period_start: string; period: string; revision: number };
const key = (r: Row) => `${r.indicator_id}|${r.territory}|${r.period}|${r.revision}`;

/** The current measurement of each (indicator, territory), recomputed from the history in memory. */
function recomputed(history: readonly Row[]): string[] {
  const best = new Map<string, Row>();
  for (const row of history) {
    const k = `${row.indicator_id}|${row.territory}`;
    const current = best.get(k);
    const later =
      !current ||
      row.period_start > current.period_start ||
      (row.period_start === current.period_start && (row.revision > current.revision || (row.revision === current.revision && row.period > current.period)));
    if (later) best.set(k, row);
  }
  return [...best.values()].map(key).sort();
}

for (const engine of ENGINES) {
  describe(`stored current measurements on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    async function compare() {
      const stored = await store.db.selectFrom('measurement_latest').selectAll().execute();
      const history = await store.db.selectFrom('measurement').select(['indicator_id', 'territory', 'period_start', 'period', 'revision']).execute();
      expect(stored.map(key).sort()).toEqual(recomputed(history));
      // The read of current values gives, per indicator, the département first among the latest periods.
      const ids = [...new Set(history.map((r) => r.indicator_id))];
      const latest = await getLatestMeasurementsByIndicatorIds(store.db, ids);
      const expected = ids
        .map((id) => {
          const rows = stored.filter((r) => r.indicator_id === id);
          rows.sort((a, b) => (a.period_start < b.period_start ? 1 : a.period_start > b.period_start ? -1 : 0) || Number(b.territory.startsWith('dep:')) - Number(a.territory.startsWith('dep:')) || (a.territory < b.territory ? -1 : 1));
          return key(rows[0]!);
        })
        .sort();
      expect(latest.map((m) => key({ indicator_id: m.indicatorId, territory: m.territory, period_start: m.periodStart, period: m.period, revision: m.revision })).sort()).toEqual(expected);
    }

    it('stays exact after seeded random writes of every kind', async () => {
      const next = seededRandom(7);
      await importSchemeFile(store.db, scheme(next, 12));
      await compare();
      for (let round = 0; round < 6; round += 1) {
        const indicators = await store.db.selectFrom('indicator').select('id').orderBy('code').execute();
        for (let i = 0; i < 15; i += 1) {
          const indicator = indicators[Math.floor(next() * indicators.length)]!;
          const period = PERIODS[Math.floor(next() * PERIODS.length)]!;
          const territory = TERRITORIES[Math.floor(next() * TERRITORIES.length)]!;
          await recordMeasurement(store.db, { principal: operator() }, indicator.id, { period, territory, value: Math.round(next() * 100), illustrative: true });
        }
        await compare();
        const victim = indicators[Math.floor(next() * indicators.length)]!;
        await sql`delete from measurement where indicator_id = ${victim.id} and period = ${PERIODS[Math.floor(next() * PERIODS.length)]!}`.execute(store.db);
        const year = String(2026 + round);
        await sql`update measurement set period = ${year}, period_start = ${`${year}-01-01`}::date 
          where (indicator_id, period, territory, revision) in (select indicator_id, period, territory, revision from measurement where indicator_id = ${victim.id} order by period limit 1)`.execute(store.db);
        await compare();
        // A re-import replaces the scheme's indicators and values (fewer indicators some rounds).
        await importSchemeFile(store.db, scheme(next, 6 + Math.floor(next() * 8)));
        await compare();
      }
      await sql`truncate measurement`.execute(store.db);
      expect(await store.db.selectFrom('measurement_latest').selectAll().execute()).toEqual([]);
    });
  });
}
