import type { SchemeStatus } from '../scheme/scheme.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../database/store.ts';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { DomainError } from '../validation/issues.ts';
import { getOfficialTerritory } from './geography.ts';
import { getTerritoriesByCodes, getTerritory } from './territory.service.ts';

for (const engine of ENGINES) {
  describe(`getTerritory (${engine})`, () => {
    let store: Store;
    const lozere = crypto.randomUUID();
    const other = crypto.randomUUID();
    const draft = crypto.randomUUID();

    beforeAll(async () => {
      store = await openTestStore(engine);
      const scheme = (id: string, code: string, departments: string[]) => ({
        id,
        code,
        title: `Schéma ${code}`,
        departments,
        period_start: 2018,
        period_end: 2022,
        status: 'in_force' as SchemeStatus,
        principles: '[]',
        key_figures: '[]',
      });
      await store.db
        .insertInto('scheme')
        .values([scheme(lozere, 'lozere-2018', ['48']), scheme(other, 'autre', ['92']), { ...scheme(draft, 'brouillon', ['77']), status: 'draft' as const }])
        .execute();
      await store.db
        .insertInto('district')
        .values([
          // Mende and Marvejols: one district of the Lozère scheme.
          { id: crypto.randomUUID(), scheme_id: lozere, code: 'sst-centre', name: 'SST Centre', kind: 'SST', communes: ['com:48095', 'com:48092'] },
          { id: crypto.randomUUID(), scheme_id: lozere, code: 'mds-1', name: 'MDS 1', kind: 'MDS', communes: ['com:48095'] },
          { id: crypto.randomUUID(), scheme_id: other, code: 'mds-1', name: 'MDS Boulogne', kind: 'MDS', communes: ['com:92012'] },
          { id: crypto.randomUUID(), scheme_id: other, code: 'sst-sud', name: 'SST Sud', kind: 'SST', communes: ['com:92012'] },
          // A draft scheme's districts: one code of its own, one shared with the public 92 scheme.
          { id: crypto.randomUUID(), scheme_id: draft, code: 'sst-sud', name: 'SST Sud (brouillon)', kind: 'SST', communes: ['com:77288'] },
          { id: crypto.randomUUID(), scheme_id: draft, code: 'sst-brouillon', name: 'SST Brouillon', kind: 'SST', communes: ['com:77288'] },
        ])
        .execute();
    });
    afterAll(() => store?.close());

    it('returns official territories from memory', async () => {
      expect(await getTerritory(store.db, 'dep:48')).toMatchObject({ kind: 'departement', name: 'Lozère', parentCode: 'reg:76' });
      expect(await getTerritory(store.db, 'fr')).toMatchObject({ kind: 'country' });
    });

    it("returns a district with its communes' population", async () => {
      const district = await getTerritory(store.db, 'sst-centre');
      const mende = getOfficialTerritory('com:48095')!;
      const marvejols = getOfficialTerritory('com:48092')!;
      expect(mende.name).toBe('Mende');
      expect(marvejols.name).toBe('Marvejols');
      expect(district).toEqual({
        code: 'sst-centre',
        kind: 'district',
        name: 'SST Centre',
        population: mende.population + marvejols.population,
        departmentCode: '48',
        districtKind: 'SST',
        schemeId: lozere,
        communes: ['com:48095', 'com:48092'],
      });
    });

    it('tells apart districts of the same code in two schemes', async () => {
      expect(await getTerritory(store.db, 'mds-1', { schemeId: other })).toMatchObject({ name: 'MDS Boulogne', departmentCode: '92' });
      expect(await getTerritory(store.db, 'mds-1', { schemeId: lozere })).toMatchObject({ name: 'MDS 1', departmentCode: '48' });
      const error = await getTerritory(store.db, 'mds-1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CONFLICT');
    });

    it('leaves out the districts of schemes the reader may not see, when given a visibility', async () => {
      expect(await getTerritory(store.db, 'sst-brouillon')).toMatchObject({ name: 'SST Brouillon', schemeId: draft });
      expect(await getTerritory(store.db, 'sst-brouillon', { visibility: {} })).toBeUndefined();
      expect(await getTerritory(store.db, 'sst-brouillon', { visibility: { departments: ['92'] } })).toBeUndefined();
      expect(await getTerritory(store.db, 'sst-brouillon', { visibility: { departments: ['77'] } })).toMatchObject({ name: 'SST Brouillon' });
      await expect(getTerritory(store.db, 'sst-sud')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await getTerritory(store.db, 'sst-sud', { visibility: {} })).toMatchObject({ name: 'SST Sud', schemeId: other });
      await expect(getTerritory(store.db, 'sst-sud', { visibility: { all: true } })).rejects.toMatchObject({ code: 'CONFLICT', message: 'Plusieurs schémas ont un territoire « sst-sud » : précisez le schéma.' });
      await expect(getTerritory(store.db, 'sst-sud', { lang: 'en' })).rejects.toMatchObject({ message: 'Several schemes have a territory "sst-sud": say which scheme.' });
    });

    it('batches a scheme\'s territories, leaving unknown codes out', async () => {
      const found = await getTerritoriesByCodes(store.db, lozere, ['dep:48', 'mds-1', 'sst-centre', 'mds-1', 'nowhere', 'com:99999']);
      expect(found.map((t) => `${t.code}:${t.name}`).sort()).toEqual(['dep:48:Lozère', 'mds-1:MDS 1', 'sst-centre:SST Centre']);
      expect(await getTerritoriesByCodes(store.db, other, [])).toEqual([]);
    });

    it('returns undefined for unknown codes', async () => {
      expect(await getTerritory(store.db, 'dep:00')).toBeUndefined();
      expect(await getTerritory(store.db, 'com:99999')).toBeUndefined();
      expect(await getTerritory(store.db, 'nowhere')).toBeUndefined();
      expect(await getTerritory(store.db, 'sst-centre', { schemeId: other })).toBeUndefined();
      expect(await getTerritory(store.db, 'sst-centre', { schemeId: 'not-a-uuid' })).toBeUndefined();
      expect(await getTerritoriesByCodes(store.db, 'not-a-uuid', ['sst-centre', 'dep:48'])).toMatchObject([{ code: 'dep:48' }]);
    });
  });
}
