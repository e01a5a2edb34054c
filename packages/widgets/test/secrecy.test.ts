// Statistical secrecy and provenance in every output, on both engines: the API (GraphQL), the open-data CSV,
// the static widget JSON and the views the widgets read from it, and the reports. A published total must not
// give a masked cell back; "masked", "not yet known" and "not applicable" stay distinct; each value carries
// its own provenance mark and source.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSchemeFile, readReportData, writeOpenData, type Store } from '@sosms/core';
import { ENGINES, openTestStore, readCsv } from '@sosms/core/testing';
import { executeQuery } from '@sosms/graphql';
import { exportWidgetJson } from '../scripts/export-widget-json.ts';
import { QUERIES } from '../src/data/queries.ts';
import { readComparison, readIndicator } from '../src/data/read.ts';

const QUERIES_COMPARE = QUERIES.CompareIndicator.text;

const CODE = '92-78-secret-2024-2028';
const SOURCE_2024 = 'Observatoire départemental, tableau 3 (2024)';

/** Two départements; `ind-masque` has 4 in 92 (below the threshold of 11) and 100 in 78: their total, 104, is published. */
function schemeFile() {
  const indicator = (code: string, name: string, measurements: object[], more: object = {}) => ({
    code, name, unit: 'personnes', aggregation: 'sum', periodicity: 'year', secrecyThreshold: 11, sharedCode: `secret-${code}`, measurements, ...more,
  });
  return {
    scheme: {
      code: CODE, title: 'Schéma interdépartemental de test du secret statistique', departments: ['92', '78'],
      period: { start: 2024, end: 2028 }, status: 'in_force', adoption: { date: '2024-03-15', reference: 'DEL-2024-12' }, published: true,
    },
    orientations: [{ code: '1', title: 'Orientation', actions: [{ code: '1.1', title: 'Action', status: 'in_progress' }] }],
    indicators: [
      indicator('ind-masque', 'Jeunes accueillis', [
        { period: '2025', territory: 'dep:92', value: 4, source: 'Registre 92' },
        { period: '2025', territory: 'dep:78', value: 100, source: 'Registre 78' },
      ]),
      indicator('ind-suivi', 'Familles suivies', [
        { period: '2024', territory: 'dep:92', value: 50, source: SOURCE_2024 },
        { period: '2024', territory: 'dep:78', value: 60, source: SOURCE_2024, illustrative: true },
        { period: '2025', territory: 'dep:92', missingReason: 'not_applicable' },
        { period: '2025', territory: 'dep:78', missingReason: 'not_yet_known' },
      ], {
        baseline: { value: 40, date: '2023-12-31', source: 'Schéma, p. 12' },
        target: { value: 120, date: '2028-12-31', illustrative: true },
      }),
      indicator('ind-vide', 'Jamais mesuré', []),
    ],
  };
}

const MASKED = ['4', '100', 4, 100];

/** Every object in a JSON tree that names a period and a territory of the masked cells, with its value. */
function cells(tree: unknown, out: { period: unknown; territory: unknown; value: unknown; status?: unknown }[] = []) {
  if (Array.isArray(tree)) for (const x of tree) cells(x, out);
  else if (tree && typeof tree === 'object') {
    const o = tree as Record<string, unknown>;
    if ('period' in o && 'value' in o) out.push({ period: o.period, territory: o.territory ?? (o.department ? `dep:${o.department}` : null), value: o.value, status: o.status });
    for (const v of Object.values(o)) cells(v, out);
  }
  return out;
}

for (const engine of ENGINES) {
  describe(`statistical secrecy and provenance in every output on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await importSchemeFile(store.db, schemeFile());
    });
    afterAll(() => store?.close());

    const query = async (text: string, variables: Record<string, unknown> = {}) => {
      const { data, errors } = (await executeQuery(store.db, text, variables)) as { data: any; errors?: unknown };
      expect(errors).toBeUndefined();
      return data;
    };

    it('API: the total is published, both départements are masked (primary in 92, secondary in 78), in every field', async () => {
      const data = await query(`query($c: String!) { scheme(code: $c) { indicators { nodes { code
        total: currentValue { status value }
        d92: valueFor(period: "2025", territory: "dep:92") { status value numerator }
        d78: valueFor(period: "2025", territory: "dep:78") { status value }
        c92: currentValue(territory: "dep:92") { status value }
        completionRate
        measurements { nodes { period territory status value missingReason } }
        history: measurements(history: true) { nodes { period territory status value } }
      } } } }`, { c: CODE });
      const masked = data.scheme.indicators.nodes.find((n: any) => n.code === 'ind-masque');
      expect(masked.total).toEqual({ status: 'KNOWN', value: 104 });
      expect(masked.d92).toEqual({ status: 'MASKED', value: null, numerator: null });
      expect(masked.d78).toEqual({ status: 'MASKED', value: null });
      expect(masked.c92).toEqual({ status: 'MASKED', value: null });
      for (const m of [...masked.measurements.nodes, ...masked.history.nodes]) expect(m).toMatchObject({ status: 'MASKED', value: null });
      expect(masked.measurements.nodes.map((m: any) => m.missingReason)).toEqual(['STATISTICAL_SECRECY', 'STATISTICAL_SECRECY']);
      const compared = await query(`{ compareIndicator(sharedCode: "secret-ind-masque", period: "2025") { departmentsWithValue nodes { department status value completionRate } } }`);
      expect(compared.compareIndicator).toEqual({
        departmentsWithValue: 0,
        nodes: [
          { department: '78', status: 'MASKED', value: null, completionRate: null },
          { department: '92', status: 'MASKED', value: null, completionRate: null },
        ],
      });
      const shared = await query(`{ sharedIndicators(sharedCodes: ["secret-ind-masque"]) { departments departmentsWithValue } }`);
      expect(shared.sharedIndicators).toEqual([{ departments: ['78', '92'], departmentsWithValue: [] }]);
    });

    it('API: masked, not yet known and not applicable stay distinct, and each value carries its provenance', async () => {
      const data = await query(`query($c: String!) { scheme(code: $c) { indicators { nodes { code
        baseline { value illustrative source } target { value illustrative source }
        a92: valueFor(period: "2025", territory: "dep:92") { status value }
        a78: valueFor(period: "2025", territory: "dep:78") { status value }
        y92: valueFor(period: "2024", territory: "dep:92") { status value illustrative sources }
        y78: valueFor(period: "2024", territory: "dep:78") { status value illustrative sources }
        current: currentValue { status value illustrative sources }
        measurements(territory: "dep:78") { nodes { period illustrative source } }
      } } } }`, { c: CODE });
      const byCode = new Map<string, any>(data.scheme.indicators.nodes.map((n: any) => [n.code, n]));
      const suivi = byCode.get('ind-suivi');
      expect([suivi.a92.status, suivi.a78.status]).toEqual(['NOT_APPLICABLE', 'NOT_KNOWN']);
      expect(byCode.get('ind-vide').current).toEqual({ status: 'NOT_KNOWN', value: null, illustrative: false, sources: [] });
      expect(suivi.baseline).toEqual({ value: 40, illustrative: false, source: 'Schéma, p. 12' });
      expect(suivi.target).toEqual({ value: 120, illustrative: true, source: null });
      expect(suivi.y92).toEqual({ status: 'KNOWN', value: 50, illustrative: false, sources: [SOURCE_2024] });
      expect(suivi.y78).toEqual({ status: 'KNOWN', value: 60, illustrative: true, sources: [SOURCE_2024] });
      // The scheme's current value for 2024 (the total) is illustrative because one of its parts is.
      expect(suivi.current).toEqual({ status: 'KNOWN', value: 110, illustrative: true, sources: [SOURCE_2024] });
      expect(suivi.measurements.nodes).toEqual([
        { period: '2024', illustrative: true, source: SOURCE_2024 },
        { period: '2025', illustrative: false, source: null },
      ]);
      const compared = await query(`{ compareIndicator(sharedCode: "secret-ind-suivi", period: "2025") { departmentsWithValue nodes { department status } } }`);
      expect(compared.compareIndicator).toEqual({ departmentsWithValue: 0, nodes: [{ department: '78', status: 'NOT_KNOWN' }, { department: '92', status: 'NOT_APPLICABLE' }] });
      const provenance = await query(`{ compareIndicator(sharedCode: "secret-ind-suivi", period: "2024") { departmentsWithValue nodes { department value illustrative sources } } }`);
      expect(provenance.compareIndicator).toEqual({
        departmentsWithValue: 2,
        nodes: [
          { department: '78', value: 60, illustrative: true, sources: [SOURCE_2024] },
          { department: '92', value: 50, illustrative: false, sources: [SOURCE_2024] },
        ],
      });
    });

    it('open-data CSV: the same statuses per département, no masked figure, provenance per value', async () => {
      const dir = mkdtempSync(join(tmpdir(), `sosms-secrecy-${engine}-`));
      await writeOpenData(store.db, dir, { today: '2026-06-30' });
      for (const department of ['92', '78']) {
        const text = readFileSync(join(dir, `indicateurs-${department}.csv`), 'utf8');
        const rows = readCsv(text).filter((r) => r.schema === CODE);
        const row = (code: string) => rows.find((r) => r.code_indicateur === code)!;
        expect([row('ind-masque').statut_valeur_actuelle, row('ind-masque').valeur_actuelle, row('ind-masque').taux_realisation]).toEqual(['masked', '', '']);
        expect(row('ind-vide').statut_valeur_actuelle).toBe('not_known');
        expect(row('ind-suivi')).toMatchObject({
          statut_valeur_actuelle: 'known',
          valeur_actuelle: department === '92' ? '50' : '60',
          valeur_actuelle_illustrative: department === '92' ? 'false' : 'true',
          source_valeur_actuelle: SOURCE_2024,
          valeur_initiale_illustrative: 'false',
          source_valeur_initiale: 'Schéma, p. 12',
          cible_illustrative: 'true',
        });
        for (const r of rows) expect(MASKED).not.toContain(r.valeur_actuelle);
      }
    });

    it('widget JSON and the widgets\' views: masked cells stay masked, statuses and provenance are read, not computed', async () => {
      const json = await exportWidgetJson(store.db, CODE);
      const found = cells(json).filter((c) => c.period === '2025' && (c.territory === 'dep:92' || c.territory === 'dep:78'));
      expect(found.length).toBeGreaterThan(0);
      for (const c of found) expect(MASKED).not.toContain(c.value as never);
      const masked = readIndicator(json.SchemeIndicators, CODE, 'ind-masque')!;
      expect(masked.current).toEqual({ status: 'known', value: 104, period: '2025', provisional: false, illustrative: false, sources: ['Registre 92', 'Registre 78'] });
      expect(masked.measurements.map((m) => [m.territory, m.status, m.value])).toEqual([['dep:78', 'masked', null], ['dep:92', 'masked', null]]);
      const suivi = readIndicator(json.SchemeIndicators, CODE, 'ind-suivi')!;
      expect(suivi.measurements.map((m) => [m.period, m.territory, m.status, m.illustrative, m.source])).toEqual([
        ['2024', 'dep:78', 'known', true, SOURCE_2024],
        ['2024', 'dep:92', 'known', false, SOURCE_2024],
        ['2025', 'dep:78', 'not_known', false, null],
        ['2025', 'dep:92', 'not_applicable', false, null],
      ]);
      expect(suivi.baseline).toEqual({ value: 40, date: '2023-12-31', illustrative: false, source: 'Schéma, p. 12' });
      expect(suivi.target).toEqual({ value: 120, date: '2028-12-31', illustrative: true, source: null });
      expect(readIndicator(json.SchemeIndicators, CODE, 'ind-vide')!.current.status).toBe('not_known');
      const comparisons = json.CompareIndicator as { variables: { sharedCode: string; period: string }; data: unknown }[];
      const entry = comparisons.find((c) => c.variables.sharedCode === 'secret-ind-suivi')!;
      expect(entry.variables.period).toBe('2024');
      const view = readComparison(entry.data, 'secret-ind-suivi', '2024')!;
      expect(view.withValue).toBe(2);
      expect(view.rows.map((r) => [r.department, r.status, r.value, r.illustrative, r.sources])).toEqual([
        ['78', 'known', 60, true, [SOURCE_2024]],
        ['92', 'known', 50, false, [SOURCE_2024]],
      ]);
      // Live comparison of the masked period, as the widget reads it.
      const live = readComparison(await query(QUERIES_COMPARE, { sharedCode: 'secret-ind-masque', period: '2025' }), 'secret-ind-masque', '2025')!;
      expect([live.withValue, live.rows.map((r) => [r.department, r.status, r.value])]).toEqual([0, [['78', 'masked', null], ['92', 'masked', null]]]);
    });

    it('reports: no masked figure in the public report, and each value is marked', async () => {
      const report = await readReportData(store.db, { schemeCode: CODE, kind: 'public', date: '2026-06-30' });
      const masked = report.indicators.find((i) => i.indicator.code === 'ind-masque')!;
      for (const p of [...masked.points, ...masked.latest]) expect(p).toMatchObject({ value: null, missingReason: 'statistical_secrecy' });
      const suivi = report.indicators.find((i) => i.indicator.code === 'ind-suivi')!;
      expect(suivi.points.map((p) => [p.period, p.territory, p.value, p.missingReason, p.illustrative])).toEqual([
        ['2024', 'dep:78', 60, null, true],
        ['2024', 'dep:92', 50, null, false],
        ['2025', 'dep:78', null, 'not_yet_known', false],
        ['2025', 'dep:92', null, 'not_applicable', false],
      ]);
      expect(suivi.latest.map((l) => [l.territory, l.period, l.value, l.completionRate])).toEqual([['dep:78', '2024', 60, 25], ['dep:92', '2024', 50, 12.5]]);
    });
  });
}
