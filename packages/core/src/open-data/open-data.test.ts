import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../database/store.ts';
import { importSchemeFile } from '../scheme-file/import.ts';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { fixtureScheme } from '../cli/test-fixture.ts';
import { csvField, toCsv } from './csv.ts';
import { ACTION_COLUMNS_OPEN_DATA, INDICATOR_COLUMNS, periodEnd, writeOpenData } from './open-data.ts';

const read = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];

describe('CSV writer', () => {
  it('writes RFC 4180: CRLF, quotes doubled, fields quoted only when needed', () => {
    expect(csvField('simple')).toBe('simple');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('dit "FALC"')).toBe('"dit ""FALC"""');
    expect(csvField('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvField(null)).toBe('');
    expect(csvField(41.5)).toBe('41.5');
    expect(csvField(false)).toBe('false');
    const text = toCsv(['a', 'b'], [['x, "y"', 1], [null, 'é\r\nz']]);
    expect(text).toBe('a,b\r\n"x, ""y""",1\r\n,"é\r\nz"\r\n');
    expect(parse(text)).toEqual([['a', 'b'], ['x, "y"', '1'], ['', 'é\r\nz']]);
  });

  it('dates a period by its last day', () => {
    expect([periodEnd('2024'), periodEnd('2024-Q1'), periodEnd('2024-02'), periodEnd('2023-Q4')]).toEqual(['2024-12-31', '2024-03-31', '2024-02-29', '2023-12-31']);
  });
});

for (const engine of ENGINES) {
  describe(`open data on ${engine}`, () => {
    let store: Store;
    let dir: string;

    beforeAll(async () => {
      store = await openTestStore(engine);
      await importSchemeFile(store.db, fixtureScheme('od-92-78'));
      const single = fixtureScheme('od-92') as { scheme: Record<string, unknown>; orientations: { indicators?: Record<string, unknown>[] }[] };
      single.scheme.departments = ['92'];
      single.scheme.illustrative = false;
      // Its indicator's value for 92 exists but is under statistical secrecy: no value, so no mark either.
      single.orientations[1]!.indicators![0]!.measurements = [{ period: '2024', territory: 'dep:92', missingReason: 'statistical_secrecy' }];
      await importSchemeFile(store.db, single);
      const draft = fixtureScheme('od-draft') as { scheme: Record<string, unknown> };
      draft.scheme.departments = ['48'];
      draft.scheme.status = 'draft';
      await importSchemeFile(store.db, draft);
      dir = mkdtempSync(join(tmpdir(), `sosms-open-data-${engine}-`));
      await writeOpenData(store.db, dir, { today: '2025-07-01' });
    });
    afterAll(() => store.close());

    it('writes two files per département of the public schemes (a draft is left out)', () => {
      expect(readdirSync(dir).sort()).toEqual(['actions-78.csv', 'actions-92.csv', 'indicateurs-78.csv', 'indicateurs-92.csv']);
      expect(readFileSync(join(dir, 'actions-92.csv'), 'utf8').split('\r\n')[0]).toBe(ACTION_COLUMNS_OPEN_DATA.join(','));
      expect(readFileSync(join(dir, 'indicateurs-92.csv'), 'utf8').split('\r\n')[0]).toBe(INDICATOR_COLUMNS.join(','));
    });

    it('puts a scheme of two départements in both, with each département\'s own value', () => {
      const in92 = read(join(dir, 'indicateurs-92.csv'));
      const in78 = read(join(dir, 'indicateurs-78.csv'));
      expect(in92.map((r) => r.schema)).toEqual(['od-92', 'od-92-78']);
      expect(in78.map((r) => r.schema)).toEqual(['od-92-78']);
      expect(in92.find((r) => r.schema === 'od-92-78')).toEqual({
        indicateur: 'Part des bénéficiaires du RSA en emploi après 12 mois',
        code_indicateur: 'rsa-emploi-12m',
        code_partage: 'rsa-emploi-12m',
        code_departement: '92',
        schema: 'od-92-78',
        valeur_initiale: '40',
        date_valeur_initiale: '2023-12-31',
        valeur_actuelle: '45',
        date_valeur_actuelle: '2024-12-31',
        cible: '60',
        date_cible: '2028-12-31',
        unite: '%',
        taux_realisation: '25',
        illustratif: 'true',
        periode_valeur_actuelle: '2024',
        statut_valeur_actuelle: 'known',
        valeur_initiale_illustrative: 'true',
        valeur_actuelle_illustrative: 'true',
        cible_illustrative: 'true',
        source_valeur_initiale: '',
        source_valeur_actuelle: '',
        source_cible: '',
      });
      expect(in78[0]).toMatchObject({ code_departement: '78', valeur_actuelle: '50', taux_realisation: '50' });
    });

    it('leaves the mark of a value empty when there is no value (masked), never `false`', () => {
      const masked = read(join(dir, 'indicateurs-92.csv')).find((r) => r.schema === 'od-92');
      expect(masked).toMatchObject({ statut_valeur_actuelle: 'masked', valeur_actuelle: '', valeur_actuelle_illustrative: '', valeur_initiale_illustrative: 'true' });
    });

    it('lists actions with status, progress, health and pilot, quoting what needs it', () => {
      const actions = read(join(dir, 'actions-78.csv'));
      expect(actions).toHaveLength(5);
      expect(actions[0]).toEqual({
        schema: 'od-92-78',
        code: '1.1',
        titre: 'Créer un 14e Service des Solidarités Territoriales',
        orientation: '1',
        statut: 'En cours',
        avancement: '40',
        sante: 'À risque',
        pilote: 'Département des Hauts-de-Seine',
        date_debut: '2024-01-01',
        date_fin: '2026-12-31',
        illustratif: 'true',
      });
      expect(actions[1]!.titre).toBe('Caravane solidaire, « aller vers » et "maraudes"');
      expect(readFileSync(join(dir, 'actions-78.csv'), 'utf8')).toContain('"Caravane solidaire, « aller vers » et ""maraudes"""');
      // A scheme not marked illustrative: its plain actions are not marked either.
      const single = read(join(dir, 'actions-92.csv')).filter((r) => r.schema === 'od-92');
      expect(single.map((r) => r.illustratif)).toEqual(['true', 'false', 'false', 'false', 'false']);
    });
  });
}
