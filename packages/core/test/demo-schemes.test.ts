import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Store } from '../src/database/store.ts';
import { demoSchemeFiles, loadDemoSchemes } from '../src/scheme-file/demo.ts';
import { exportSchemeFile } from '../src/scheme-file/export.ts';
import { importSchemeFile } from '../src/scheme-file/import.ts';
import { validateSchemeFile, walkActions, walkIndicators, walkOrientations } from '../src/scheme-file/validate.ts';
import type { SchemeFile } from '../src/scheme-file/scheme-file.ts';
import { isKnownTerritory } from '../src/territory/geography.ts';
import { ENGINES, openTestStore } from '../src/testing/engines.ts';

// The five real schemes of data/schemes: they must stay valid, faithful to their seed texts in
// structure, honest about what is illustrative, and importable on every engine.

const files = demoSchemeFiles();
const parsed = new Map<string, SchemeFile>();
for (const path of files) {
  const result = validateSchemeFile(YAML.parse(readFileSync(path, 'utf8')), 'fr', { isOfficialTerritory: isKnownTerritory });
  if (!result.ok) throw new Error(`${basename(path)} : ${JSON.stringify(result.issues.slice(0, 5))}`);
  parsed.set(basename(path), result.data);
}
const scheme = (name: string) => parsed.get(name)!;

describe('demo scheme files', () => {
  it('are the five seed schemes, each naming its seed file and the JSON Schema', () => {
    expect([...parsed.keys()]).toEqual([
      '48-schema-solidarites-2018-2022.yaml',
      '72-schema-unique-2015-2019.yaml',
      '77-schema-solidarites-2019-2024.yaml',
      '92-78-siosms-2018-2023.yaml',
      '92-sosms-2024-2028.yaml',
    ]);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=../../scheme-file.schema.json\n')).toBe(true);
      // The seed is named by document, never by a path of one machine.
      expect(text).toMatch(/\.\.\/shared\/seeds\/00\d_[0-9a-f]{16}\.txt/);
      expect(text).not.toMatch(/\/work\/|\/home\/|\/tmp\//);
    }
  });

  it('use statuses that match their periods and link 2024-2028 to its predecessor', () => {
    const schemes = [...parsed.values()].map((f) => f.scheme);
    expect(schemes.filter((s) => s.status === 'in_force').map((s) => s.code)).toEqual(['92-2024-2028']);
    for (const s of schemes) if (s.code !== '92-2024-2028') expect(s.status).toBe('closed');
    expect(scheme('92-sosms-2024-2028.yaml').scheme.predecessors).toEqual([scheme('92-78-siosms-2018-2023.yaml').scheme.code]);
    expect(scheme('92-78-siosms-2018-2023.yaml').scheme.departments).toEqual(['92', '78']);
    expect(scheme('92-78-siosms-2018-2023.yaml').scheme.adoption?.date).toBe('2018-09-28');
    expect(scheme('72-schema-unique-2015-2019.yaml').scheme.adoption?.date).toBe('2016-03-10');
  });

  it('keep the structure the seed texts state', () => {
    const shape = (f: SchemeFile) => (f.orientations ?? []).map((o) => (o.orientations ?? []).length);
    expect(shape(scheme('48-schema-solidarites-2018-2022.yaml'))).toEqual([4, 4, 4, 4]);
    expect(shape(scheme('72-schema-unique-2015-2019.yaml'))).toEqual([3, 7, 5]);
    expect([...walkActions(scheme('72-schema-unique-2015-2019.yaml'))]).toHaveLength(0); // 38 actions stated, not listed
    expect(scheme('72-schema-unique-2015-2019.yaml').scheme.keyFigures?.find((k) => k.value === 38)).toBeDefined();
    expect([...walkOrientations(scheme('77-schema-solidarites-2019-2024.yaml').orientations)].map((o) => o.orientation.code)).toEqual(
      ['1', '1.1', '1.2', '2', '2.1', '2.2', '2.3', '3', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6'],
    );
    expect((scheme('92-sosms-2024-2028.yaml').orientations ?? []).length).toBe(5);
    expect(
      [...walkActions(scheme('92-sosms-2024-2028.yaml'))].some((a) => a.action.title === 'Créer un 14e Service des Solidarités Territoriales (SST)'),
    ).toBe(true);
    const copil = scheme('48-schema-solidarites-2018-2022.yaml').governingBodies?.find((b) => b.kind === 'copil');
    expect(copil?.members).toHaveLength(10);
  });

  it('mark every invented value as illustrative', () => {
    for (const [name, file] of parsed) {
      for (const { indicator } of walkIndicators(file)) {
        for (const m of indicator.measurements ?? []) expect(m.illustrative, `${name} ${indicator.code} ${m.period}`).toBe(true);
        // Per value: a reference value is illustrative (its own mark, else the indicator's), or real and cites its seed.
        for (const [key, v] of [['baseline', indicator.baseline], ['target', indicator.target]] as const) {
          if (!v) continue;
          const illustrative = v.illustrative ?? indicator.illustrative ?? false;
          if (!illustrative) expect(v.source, `${name} ${indicator.code} ${key}`).toMatch(/^\.\.\/shared\/seeds\/00\d_[0-9a-f]{16}\.txt/);
          else if (key === 'baseline') expect(illustrative).toBe(true);
        }
      }
      for (const { action } of walkActions(file)) {
        const invented = action.status !== 'planned' || action.progress !== undefined || action.startDate || action.pilot || action.budget;
        if (invented) expect(action.illustrative, `${name} ${action.code}`).toBe(true);
        for (const u of action.updates ?? []) expect(u.illustrative, `${name} ${action.code} ${u.date}`).toBe(true);
      }
      for (const p of file.proposals ?? []) expect(p.illustrative, `${name} ${p.code}`).toBe(true);
    }
  });

  it('read the real targets as real, and their invented values as illustrative', () => {
    const rsa = [...walkIndicators(scheme('92-78-siosms-2018-2023.yaml'))].find(({ indicator }) => indicator.code === 'rsa-emploi-12m')!.indicator;
    expect(rsa.illustrative ?? false).toBe(false);
    expect(rsa.target).toMatchObject({ value: 60, illustrative: false });
    expect(rsa.baseline?.illustrative).toBe(true);
    expect(rsa.measurements?.every((m) => m.illustrative)).toBe(true);
    const sst = [...walkIndicators(scheme('92-sosms-2024-2028.yaml'))].find(({ indicator }) => indicator.code === 'nombre-sst')!.indicator;
    expect([sst.baseline?.value, sst.baseline?.illustrative, sst.target?.value, sst.target?.illustrative]).toEqual([13, false, 14, false]);
  });

  it('give every scheme two indicators with baseline, target and 6 to 12 measurements', () => {
    for (const [name, file] of parsed) {
      const full = [...walkIndicators(file)].filter(({ indicator: i }) => {
        const n = i.measurements?.length ?? 0;
        return i.baseline && i.target && n >= 6 && n <= 12;
      });
      expect(full.length, name).toBeGreaterThanOrEqual(2);
    }
  });
});

for (const engine of ENGINES) {
  describe(`demo schemes on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('import, then re-import without changing anything', async () => {
      const first = await loadDemoSchemes(store.db, { isOfficialTerritory: isKnownTerritory });
      expect(first.map((r) => r.schemeCode).sort()).toEqual(['48-2018-2022', '72-2015-2019', '77-2019-2024', '92-2024-2028', '92-78-2018-2023']);
      expect(first.every((r) => r.counts.created > 0 && r.measurements > 0)).toBe(true);
      const second = await loadDemoSchemes(store.db, { isOfficialTerritory: isKnownTerritory });
      for (const r of second) {
        expect(r.counts.created + r.counts.updated, r.schemeCode).toBe(0);
        expect(r.measurements, r.schemeCode).toBe(0);
      }
    });

    it('round-trip through export: the exported file equals the source file and re-imports to no change', async () => {
      for (const [name, file] of parsed) {
        const exported = await exportSchemeFile(store.db, file.scheme.code);
        const { $schema: _ignored, ...source } = JSON.parse(JSON.stringify(file)) as SchemeFile & { $schema?: string };
        const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
        source.partners = [...(source.partners ?? [])].sort(byCode);
        // Measurements come back in (period, territory) order and action partners by code: the only orders the file does not keep.
        const sortMeasurements = (value: unknown): unknown =>
          JSON.parse(JSON.stringify(value), (key, v: unknown) =>
            key === 'measurements' && Array.isArray(v)
              ? [...v].sort((a: { period: string; territory: string }, b: { period: string; territory: string }) => `${a.period}|${a.territory}`.localeCompare(`${b.period}|${b.territory}`))
              : key === 'partners' && Array.isArray(v) && typeof v[0] === 'object'
                ? [...v].sort((a: { partner: string; role: string }, b: { partner: string; role: string }) => `${a.partner}|${a.role}`.localeCompare(`${b.partner}|${b.role}`))
                : v,
          );
        expect(sortMeasurements({ ...exported, partners: [...(exported.partners ?? [])].sort(byCode) }), name).toEqual(sortMeasurements(source));
        const again = await importSchemeFile(store.db, exported);
        expect(again.counts.created + again.counts.updated, name).toBe(0);
      }
    });

    it('hold a shared indicator measured in at least three départements for one year', async () => {
      const rows = await store.db
        .selectFrom('measurement as m')
        .innerJoin('indicator as i', 'i.id', 'm.indicator_id')
        .select(['i.shared_code', 'm.territory'])
        .where('m.period', '=', '2019')
        .where('i.shared_code', 'in', ['rsa-emploi-12m', 'delai-accueil-social-jours'])
        .execute();
      const byCode = new Map<string, Set<string>>();
      for (const r of rows) byCode.set(r.shared_code!, (byCode.get(r.shared_code!) ?? new Set()).add(r.territory));
      expect([...(byCode.get('rsa-emploi-12m') ?? [])].sort()).toEqual(['dep:48', 'dep:77', 'dep:78', 'dep:92']);
      expect([...(byCode.get('delai-accueil-social-jours') ?? [])].sort()).toEqual(['dep:48', 'dep:72', 'dep:77']);
    });
  });
}
