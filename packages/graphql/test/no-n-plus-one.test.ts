import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSchemeFile, loadDemoSchemes, type SchemeFileInput, type Store } from '@sosms/core';
import { ENGINES, openTestStore } from '@sosms/core/testing';
import { executeQuery } from '../src/index.ts';

/** One deep read: schemes → orientations → sub-orientations → actions → indicators → measurements. */
const DEEP = `query Deep {
  schemes(first: 100) {
    totalCount
    nodes {
      code progress
      orientations(all: true) {
        nodes {
          code progress
          actions {
            nodes {
              code health progress alerts { code }
              partners { nodes { role partner { name } } }
              indicators { nodes { name completionRate latestMeasurement { value } measurements { totalCount nodes { period value } } } }
            }
          }
          indicators { nodes { name latestMeasurement { value } } }
        }
      }
    }
  }
}`;

/** The same depth with compiled fields only (src/compiled.ts): one statement for the whole tree. */
const COMPILED_DEEP = `query CompiledDeep {
  schemes(first: 100) {
    totalCount
    nodes {
      code progress healthSummary { onTrack atRisk }
      orientations(all: true) {
        nodes {
          code level progress
          actions { nodes { code health progress alerts { code } indicators { nodes { name unit baseline { value illustrative } currentValue { status value period } completionRate latestMeasurement { period value } } } } }
          indicators { nodes { name currentValue { status } } }
        }
      }
    }
  }
}`;

const DEPARTMENTS = Array.from({ length: 60 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20');

/** A generated scheme with two levels of orientations, actions, indicators and measurements. */
function generatedScheme(i: number): SchemeFileInput {
  const department = DEPARTMENTS[i]!;
  return {
    scheme: { code: `gen-${department}-2024-2028`, title: `Schéma généré ${i}`, departments: [department], period: { start: 2024, end: 2028 }, status: 'in_force', illustrative: true },
    orientations: [1, 2].map((o) => ({
      code: `${o}`,
      title: `Orientation ${o}`,
      orientations: [1, 2].map((s) => ({
        code: `${o}.${s}`,
        title: `Objectif ${o}.${s}`,
        actions: [1, 2].map((a) => ({
          code: `${o}.${s}.${a}`,
          title: `Action ${o}.${s}.${a}`,
          status: 'in_progress' as const,
          progress: 20 * a,
          startDate: '2024-01-01',
          endDate: '2028-12-31',
          illustrative: true,
          indicators: [
            {
              code: `ind-${o}-${s}-${a}`,
              name: `Indicateur ${o}.${s}.${a}`,
              baseline: { value: 0, date: '2023-12-31' },
              target: { value: 100, date: '2028-12-31' },
              illustrative: true,
              measurements: ['2024', '2025'].map((period, k) => ({ period, territory: `dep:${department}`, value: 10 + k * 10, illustrative: true })),
            },
          ],
        })),
      })),
    })),
  };
}

for (const engine of ENGINES) {
  describe(`no N+1 on ${engine}`, () => {
    let store: Store;
    const statements: string[] = [];
    let counting = false;
    beforeAll(async () => {
      store = await openTestStore(engine, { onQuery: (sql) => void (counting && statements.push(sql)) });
      await loadDemoSchemes(store.db);
    });
    afterAll(() => store?.close());

    async function countDeepQuery(expectedSchemes: number, query = DEEP): Promise<number> {
      statements.length = 0;
      counting = true;
      const result = await executeQuery(store.db, query, {}, { today: '2026-11-23' });
      counting = false;
      expect(result.errors).toBeUndefined();
      expect((result.data as { schemes: { totalCount: number } }).schemes.totalCount).toBe(expectedSchemes);
      return statements.length;
    }

    it('runs the same number of SQL statements for 5 and for 50 schemes', async () => {
      const withFive = await countDeepQuery(5);
      const compiledWithFive = await countDeepQuery(5, COMPILED_DEEP);
      for (let i = 0; i < 45; i += 1) await importSchemeFile(store.db, generatedScheme(i));
      const withFifty = await countDeepQuery(50);
      const compiledWithFifty = await countDeepQuery(50, COMPILED_DEEP);
      console.log(`[${engine}] deep query: ${withFive} statements for 5 schemes, ${withFifty} for 50; compiled: ${compiledWithFive} and ${compiledWithFifty}`);
      expect(withFifty).toBe(withFive);
      // Partners, indicator series (core's one rule: indicators, schemes, districts, every revision) and indicator
      // alerts are not compiled: graphql-js and its dataloaders, a statement per level of relations (18 today).
      expect(withFive).toBeLessThanOrEqual(18);
      // Everything else, stored current values included, is one statement, whatever the number of schemes.
      expect(compiledWithFive).toBe(1);
      expect(compiledWithFifty).toBe(1);
    });

    it('reads stored values once when the indicators ask for them, through fragments too, never the histories, and not otherwise', async () => {
      const valueReads = async (query: string) => {
        statements.length = 0;
        counting = true;
        const result = await executeQuery(store.db, query, {}, { today: '2026-11-23' });
        counting = false;
        expect(result.errors).toBeUndefined();
        return { stored: statements.filter((sql) => /\bindicator_current\b/.test(sql)).length, histories: statements.filter((sql) => /\bmeasurement\b/.test(sql)).length };
      };
      const indicators = (selection: string) => `{ schemes(first: 100) { nodes { orientations(all: true) { nodes { actions { nodes { indicators ${selection} } } } } } } }`;
      expect(await valueReads(indicators('{ nodes { name } }'))).toEqual({ stored: 0, histories: 0 });
      expect(await valueReads(indicators('{ nodes { name latestMeasurement { value } } }'))).toEqual({ stored: 1, histories: 0 });
      expect(await valueReads(`query Q ${indicators('{ edges { node { ...Latest } } }')} fragment Latest on Indicator { latestMeasurement { value } }`)).toEqual({ stored: 1, histories: 0 });
      expect(await valueReads(indicators('{ nodes { ... on Indicator { latestMeasurement { period } currentValue { status value } completionRate } } }'))).toEqual({ stored: 1, histories: 0 });
      // A territory's current value reads the rows the rule stored for that territory, never the histories:
      // compiled, in the one tree statement, whatever the territories asked.
      const oneTerritory = indicators('{ nodes { currentValue(territory: "dep:48") { value } } }');
      const twoTerritories = indicators('{ nodes { a: currentValue(territory: "dep:48") { value } b: currentValue(territory: "dep:92") { value } } }');
      expect(await valueReads(oneTerritory)).toEqual({ stored: 1, histories: 0 });
      expect(await valueReads(twoTerritories)).toEqual({ stored: 1, histories: 0 });
      // Through graphql-js (compiled reads off), once for all indicators (the list preloads the stored values for
      // currentValue whatever its arguments: one statement more), and one statement more per territory.
      process.env.SOSMS_COMPILED_READS = 'off';
      try {
        expect(await valueReads(oneTerritory)).toEqual({ stored: 2, histories: 0 });
        expect(await valueReads(twoTerritories)).toEqual({ stored: 3, histories: 0 });
      } finally {
        delete process.env.SOSMS_COMPILED_READS;
      }
      expect(await valueReads(indicators('{ nodes { measurements { totalCount } } }'))).toEqual({ stored: 0, histories: 1 });
    });
  });
}
