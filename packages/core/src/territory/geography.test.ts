import { describe, expect, it } from 'vitest';
import { departmentName, districtPopulation, geographyLoadTimes, getOfficialTerritory, isKnownTerritory } from './geography.ts';

describe('official geography', () => {
  it('checks fr, région and département codes without loading the communes', () => {
    for (const code of ['fr', 'reg:76', 'dep:48', 'dep:2A', 'dep:974']) expect(isKnownTerritory(code), code).toBe(true);
    for (const code of ['dep:00', 'dep:20', 'reg:99', 'dep:', 'reg:']) expect(isKnownTerritory(code), code).toBe(false);
    expect(geographyLoadTimes().main).toBeUndefined();
  });

  it('loads lazily and once', () => {
    expect(geographyLoadTimes().main).toBeUndefined();
    const started = performance.now();
    getOfficialTerritory('dep:92');
    const first = performance.now() - started;
    const again = performance.now();
    getOfficialTerritory('dep:78');
    expect(geographyLoadTimes().main).toBeGreaterThan(0);
    expect(performance.now() - again).toBeLessThan(first);
    console.info(`geography first load: ${first.toFixed(0)} ms`);
  });

  it('counts about 3.1 million inhabitants in Hauts-de-Seine and Yvelines together', () => {
    const total = getOfficialTerritory('dep:92')!.population + getOfficialTerritory('dep:78')!.population;
    expect(total).toBeGreaterThan(2_900_000);
    expect(total).toBeLessThan(3_300_000);
  });

  it('sums a département from its communes', () => {
    const lozere = getOfficialTerritory('dep:48')!;
    expect(lozere).toMatchObject({ code: 'dep:48', kind: 'departement', name: 'Lozère', parentCode: 'reg:76', departmentCode: '48' });
    expect(lozere.population).toBeGreaterThan(70_000);
    expect(lozere.population).toBeLessThan(80_000);
  });

  it('puts Lozère in Occitanie, and Occitanie in France', () => {
    expect(getOfficialTerritory('dep:48')!.parentCode).toBe('reg:76');
    expect(getOfficialTerritory('reg:76')).toMatchObject({ kind: 'region', name: 'Occitanie', parentCode: 'fr' });
  });

  it('knows regions, France, communes and EPCI', () => {
    const idf = getOfficialTerritory('reg:11')!;
    expect(idf.name).toBe('Île-de-France');
    expect(idf.population).toBeGreaterThan(11_500_000);
    const france = getOfficialTerritory('fr')!;
    expect(france).toMatchObject({ kind: 'country', name: 'France' });
    expect(france.population).toBeGreaterThan(65_000_000);
    expect(france.population).toBeLessThan(70_000_000);
    expect(getOfficialTerritory('com:92012')).toMatchObject({ kind: 'commune', name: 'Boulogne-Billancourt', parentCode: 'dep:92', departmentCode: '92' });
    const grandParis = getOfficialTerritory('epci:200054781')!;
    expect(grandParis).toMatchObject({ kind: 'epci', name: 'Métropole du Grand Paris' });
    expect(grandParis.population).toBeGreaterThan(7_000_000);
    expect(grandParis.departmentCode).toBeUndefined(); // spans four départements
    expect(getOfficialTerritory('com:2A004')).toMatchObject({ name: 'Ajaccio', departmentCode: '2A' });
  });

  it('returns undefined for unknown or malformed codes', () => {
    for (const code of ['dep:00', 'com:99999', 'reg:99', 'epci:000000000', '92', 'FR', '', 'district-1', 'com:75101']) {
      expect(getOfficialTerritory(code), code).toBeUndefined();
      expect(isKnownTerritory(code), code).toBe(false);
    }
    expect(isKnownTerritory('dep:2B')).toBe(true);
  });

  it('names départements with or without prefix', () => {
    expect(departmentName('92')).toBe('Hauts-de-Seine');
    expect(departmentName('dep:78')).toBe('Yvelines');
    expect(departmentName('2A')).toBe('Corse-du-Sud');
    expect(departmentName('974')).toBe('La Réunion');
    expect(departmentName('00')).toBeUndefined();
  });

  it('sums a district from its communes, each once, ignoring unknown ones', () => {
    const boulogne = getOfficialTerritory('com:92012')!.population;
    const issy = getOfficialTerritory('com:92040')!.population;
    expect(districtPopulation(['com:92012', 'com:92040'])).toBe(boulogne + issy);
    expect(districtPopulation(['com:92012', '92040', 'com:92012', 'com:99999'])).toBe(boulogne + issy);
    expect(districtPopulation([])).toBe(0);
  });

  it('has département populations that add up to their region', () => {
    const occitanie = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];
    const sum = occitanie.reduce((total, code) => total + getOfficialTerritory(`dep:${code}`)!.population, 0);
    expect(sum).toBe(getOfficialTerritory('reg:76')!.population);
  });
});
