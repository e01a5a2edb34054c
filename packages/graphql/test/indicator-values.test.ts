import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoSchemes, writeOpenData, type Store } from '@sosms/core';
import { ENGINES, openTestStore, readCsv } from '@sosms/core/testing';
import { executeQuery } from '../src/index.ts';

const CURRENT = `query Current($d: [String!], $t: String) {
  indicators(first: 100, filter: { departments: $d }) {
    totalCount
    nodes { code scheme { code } completionRate currentValue(territory: $t) { status value period illustrative } }
  }
}`;

for (const engine of ENGINES) {
  describe(`indicator values on ${engine}`, () => {
    let store: Store;
    let dir: string;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await loadDemoSchemes(store.db);
      dir = mkdtempSync(join(tmpdir(), `sosms-values-${engine}-`));
      await writeOpenData(store.db, dir, { today: '2026-11-23' });
    });
    afterAll(() => store?.close());

    it('gives the same current values in the API and in the open-data CSV, for the five schemes', async () => {
      const files = readdirSync(dir).filter((f) => f.startsWith('indicateurs-')).sort();
      expect(files).toEqual(['indicateurs-48.csv', 'indicateurs-72.csv', 'indicateurs-77.csv', 'indicateurs-78.csv', 'indicateurs-92.csv']);
      const schemes = new Set<string>();
      let known = 0;
      for (const file of files) {
        const department = file.slice('indicateurs-'.length, -'.csv'.length);
        const { data, errors } = (await executeQuery(store.db, CURRENT, { d: [department], t: `dep:${department}` })) as { data: any; errors?: unknown };
        expect(errors).toBeUndefined();
        const api = new Map<string, any>(data.indicators.nodes.map((n: any) => [`${n.scheme.code}|${n.code}`, n]));
        const rows = readCsv(readFileSync(join(dir, file), 'utf8'));
        expect(rows.length).toBe(data.indicators.totalCount);
        for (const row of rows) {
          schemes.add(row.schema!);
          const node = api.get(`${row.schema}|${row.code_indicateur}`);
          expect(node, `${row.schema} ${row.code_indicateur}`).toBeDefined();
          const value = node.currentValue;
          expect([row.statut_valeur_actuelle, row.periode_valeur_actuelle, row.valeur_actuelle, row.valeur_actuelle_illustrative]).toEqual([
            value.status.toLowerCase(),
            value.period ?? '',
            value.value === null ? '' : String(value.value),
            value.status === 'KNOWN' ? String(value.illustrative) : '',
          ]);
          if (value.status === 'KNOWN') known++;
        }
      }
      expect(schemes.size).toBe(5);
      expect(known).toBeGreaterThan(10);
    });

    it('aggregates the interdepartmental scheme by its rule, and keeps the real target apart from the demo values', async () => {
      const { data, errors } = (await executeQuery(
        store.db,
        `{ indicators(filter: { sharedCode: "rsa-emploi-12m", departments: ["78"] }) { nodes { code scheme { code } illustrative target { value illustrative source } baseline { illustrative }
            currentValue { status value period origin illustrative } d92: currentValue(territory: "dep:92") { value origin } d78: currentValue(territory: "dep:78") { value }
            valueFor(period: "2023", territory: "dep:78") { value } } } }`,
      )) as { data: any; errors?: unknown };
      expect(errors).toBeUndefined();
      const rsa = data.indicators.nodes.find((n: any) => n.scheme.code === '92-78-2018-2023');
      expect(rsa).toBeDefined();
      // Σ numerators / Σ denominators of 2023: (1268 + 911) / (2530 + 1882).
      expect(rsa.currentValue).toMatchObject({ status: 'KNOWN', period: '2023', origin: 'AGGREGATED', illustrative: true });
      expect(rsa.currentValue.value).toBeCloseTo((100 * (1268 + 911)) / (2530 + 1882), 5);
      expect(rsa.d92).toEqual({ value: 50.1, origin: 'MEASURED' });
      expect(rsa.d78.value).toBe(48.4);
      expect(rsa.valueFor.value).toBe(48.4);
      expect(rsa.target).toMatchObject({ value: 60, illustrative: false });
      expect(rsa.target.source).toMatch(/001_763e08bb84947358\.txt/);
      expect(rsa.baseline.illustrative).toBe(true);
    });

    it('refuses malformed département codes, regions and periods instead of answering nothing', async () => {
      const codeOf = async (query: string) => {
        const { errors } = (await executeQuery(store.db, query)) as { errors?: { extensions?: { code?: string; issues?: { path: string }[] } }[] };
        return [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.issues?.map((i) => i.path)];
      };
      expect(await codeOf('{ schemes(filter: { departments: ["dep:92"] }) { totalCount } }')).toEqual(['VALIDATION', ['departments[0]']]);
      expect(await codeOf('{ actions(filter: { regions: ["reg:11"] }) { totalCount } }')).toEqual(['VALIDATION', ['regions[0]']]);
      expect(await codeOf('{ indicators(filter: { departments: ["920"] }) { totalCount } }')).toEqual(['VALIDATION', ['departments[0]']]);
      expect(await codeOf('{ partners(filter: { departments: ["dep:92"] }) { totalCount } }')).toEqual(['VALIDATION', ['departments[0]']]);
      expect(await codeOf('{ compareIndicator(sharedCode: "rsa-emploi-12m", period: "2023-13") { totalCount } }')).toEqual(['VALIDATION', ['period']]);
      expect(await codeOf('{ compareIndicator(sharedCode: "rsa-emploi-12m", period: "2023", departments: ["dep:92"]) { totalCount } }')).toEqual(['VALIDATION', ['departments[0]']]);
      // An unknown shared code is NOT_FOUND at sharedCode, in French or in English, with no data.
      const unknown = '{ compareIndicator(sharedCode: "code-inconnu", period: "2023") { totalCount } }';
      expect(await codeOf(unknown)).toEqual(['NOT_FOUND', ['sharedCode']]);
      const fr = (await executeQuery(store.db, unknown)) as { data?: unknown; errors?: { message: string }[] };
      expect([fr.data, fr.errors?.[0]?.message]).toEqual([null, 'indicateur partagé inconnu : code-inconnu']);
      const en = (await executeQuery(store.db, unknown, {}, { lang: 'en' })) as { errors?: { message: string }[] };
      expect(en.errors?.[0]?.message).toBe('unknown shared indicator: code-inconnu');
    });

    it('filters by region and compares with coverage, rolling up to the year', async () => {
      const { data, errors } = (await executeQuery(
        store.db,
        `{ schemes(filter: { regions: ["11"] }) { nodes { code } }
           sharedIndicators(regions: ["11"]) { sharedCode schemeCount departments departmentsWithValue latestPeriod comparisonPeriod }
           compareIndicator(sharedCode: "rsa-emploi-12m", period: "2022", regions: ["11"]) { totalCount departmentsWithValue nodes { department status value origin } }
           quarters: compareIndicator(sharedCode: "delai-accueil-social-jours", period: "2024") { totalCount departmentsWithValue nodes { department status value origin } } }`,
      )) as { data: any; errors?: unknown };
      expect(errors).toBeUndefined();
      expect(data.schemes.nodes.map((s: any) => s.code).sort()).toEqual(['77-2019-2024', '92-2024-2028', '92-78-2018-2023']);
      const rsa = data.sharedIndicators.find((s: any) => s.sharedCode === 'rsa-emploi-12m');
      expect(rsa).toMatchObject({ schemeCount: 3, departments: ['77', '78', '92'], departmentsWithValue: ['77', '78', '92'] });
      expect(data.sharedIndicators.every((s: any) => s.departments.every((d: string) => ['75', '77', '78', '91', '92', '93', '94', '95'].includes(d)))).toBe(true);
      // The default comparison period is one where every département of the region carrying it has a value.
      const period = (await executeQuery(store.db, `{ compareIndicator(sharedCode: "rsa-emploi-12m", period: "${rsa.comparisonPeriod}", regions: ["11"]) { departmentsWithValue } }`)).data as any;
      expect(period.compareIndicator.departmentsWithValue).toBe(3);
      expect(data.compareIndicator).toMatchObject({ totalCount: 3, departmentsWithValue: 3 });
      expect(data.compareIndicator.nodes.map((n: any) => [n.department, n.status, n.value])).toEqual([
        ['77', 'KNOWN', 39],
        ['78', 'KNOWN', 45.8],
        ['92', 'KNOWN', 47.2],
      ]);
      // A quarterly indicator asked for a year: the mean of 92's four quarters (14, 13, 13, 12); 48 and 72 have nothing for 2024.
      expect(data.quarters).toMatchObject({ totalCount: 4, departmentsWithValue: 2 });
      expect(data.quarters.nodes.find((n: any) => n.department === '92')).toEqual({ department: '92', status: 'KNOWN', value: 13, origin: 'ROLLED_UP' });
      expect(data.quarters.nodes.find((n: any) => n.department === '48')).toMatchObject({ status: 'NOT_KNOWN', value: null });
    });
  });
}
