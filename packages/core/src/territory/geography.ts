import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Kinds of official territories (the scheme's own districts are added by `getTerritory`). */
export const OFFICIAL_TERRITORY_KINDS = ['country', 'region', 'departement', 'epci', 'commune'] as const;
export type OfficialTerritoryKind = (typeof OFFICIAL_TERRITORY_KINDS)[number];

/** A territory of the official geography (COG), from `@etalab/decoupage-administratif`. */
export interface OfficialTerritory {
  /** `fr`, `reg:11`, `dep:92`, `epci:200054781` or `com:92012`. */
  readonly code: string;
  readonly kind: OfficialTerritoryKind;
  readonly name: string;
  /** Municipal population (population municipale); for regions, départements and France, the sum of their communes. */
  readonly population: number;
  /** The territory it belongs to: `fr` for a region, `reg:…` for a département, `dep:…` for a commune. None for an EPCI. */
  readonly parentCode?: string;
  /** INSEE code of its département (`92`), for départements, communes and EPCI lying in a single département. */
  readonly departmentCode?: string;
}

interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  population?: number;
}
interface DepartementRecord {
  code: string;
  nom: string;
  region: string;
}
interface RegionRecord {
  code: string;
  nom: string;
  zone: string;
}
interface EpciRecord {
  code: string;
  nom: string;
  populationMunicipale: number;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);

function readData<T>(file: string): T {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}.json`), 'utf8')) as T;
}

let index: Map<string, OfficialTerritory> | undefined;
let epciIndex: Map<string, OfficialTerritory> | undefined;
let lastLoadMs: { main?: number; epci?: number } = {};

/** France, regions, départements and current communes; loaded on first use (about 9 MB of JSON). */
function territories(): Map<string, OfficialTerritory> {
  if (index) return index;
  const started = performance.now();
  const map = new Map<string, OfficialTerritory>();
  const regions = readData<RegionRecord[]>('regions');
  const departements = readData<DepartementRecord[]>('departements');
  const communes = readData<CommuneRecord[]>('communes').filter((c) => c.type === 'commune-actuelle');

  const populationByDepartement = new Map<string, number>();
  const populationByRegion = new Map<string, number>();
  for (const commune of communes) {
    const population = commune.population ?? 0;
    populationByDepartement.set(commune.departement, (populationByDepartement.get(commune.departement) ?? 0) + population);
    populationByRegion.set(commune.region, (populationByRegion.get(commune.region) ?? 0) + population);
    map.set(`com:${commune.code}`, {
      code: `com:${commune.code}`,
      kind: 'commune',
      name: commune.nom,
      population,
      parentCode: `dep:${commune.departement}`,
      departmentCode: commune.departement,
    });
  }
  let france = 0;
  for (const region of regions) {
    const population = populationByRegion.get(region.code) ?? 0;
    // France is metropolitan France plus the five overseas départements-régions (zone `drom`), as INSEE counts it;
    // overseas collectivities (zone `com`) are listed but not summed into it.
    const inFrance = region.zone === 'metro' || region.zone === 'drom';
    if (inFrance) france += population;
    map.set(`reg:${region.code}`, {
      code: `reg:${region.code}`,
      kind: 'region',
      name: region.nom,
      population,
      ...(inFrance ? { parentCode: 'fr' } : {}),
    });
  }
  for (const departement of departements) {
    map.set(`dep:${departement.code}`, {
      code: `dep:${departement.code}`,
      kind: 'departement',
      name: departement.nom,
      population: populationByDepartement.get(departement.code) ?? 0,
      parentCode: `reg:${departement.region}`,
      departmentCode: departement.code,
    });
  }
  map.set('fr', { code: 'fr', kind: 'country', name: 'France', population: france });
  index = map;
  lastLoadMs = { ...lastLoadMs, main: performance.now() - started };
  return map;
}

/** EPCI, loaded apart (4 MB of JSON) only when an `epci:` code is asked for. */
function epcis(): Map<string, OfficialTerritory> {
  if (epciIndex) return epciIndex;
  const started = performance.now();
  const communes = territories();
  const map = new Map<string, OfficialTerritory>();
  for (const epci of readData<EpciRecord[]>('epci')) {
    const departments = new Set(epci.membres.map((m) => communes.get(`com:${m.code}`)?.departmentCode));
    const [only] = departments;
    map.set(`epci:${epci.code}`, {
      code: `epci:${epci.code}`,
      kind: 'epci',
      name: epci.nom,
      population: epci.populationMunicipale,
      ...(departments.size === 1 && only ? { departmentCode: only } : {}),
    });
  }
  epciIndex = map;
  lastLoadMs = { ...lastLoadMs, epci: performance.now() - started };
  return map;
}

/**
 * How long loading the official geography took, in milliseconds (undefined until loaded), for benchmarks.
 *
 * ### Examples
 * ```ts
 * getOfficialTerritory('dep:92');
 * geographyLoadTimes().main; // e.g. 250
 * ```
 */
export function geographyLoadTimes(): { readonly main?: number; readonly epci?: number } {
  return lastLoadMs;
}

/**
 * A territory of the official geography by its code (`fr`, `reg:11`, `dep:92`, `epci:200054781`, `com:92012`),
 * or `undefined` when unknown. The data is read once, on first use.
 *
 * ### Examples
 * ```ts
 * getOfficialTerritory('dep:48'); // { code: 'dep:48', kind: 'departement', name: 'Lozère', population: 76…, parentCode: 'reg:76', departmentCode: '48' }
 * getOfficialTerritory('dep:00'); // undefined
 * ```
 */
export function getOfficialTerritory(code: string): OfficialTerritory | undefined {
  if (code.startsWith('epci:')) return epcis().get(code);
  if (code !== 'fr' && !/^(reg|dep|com):/.test(code)) return undefined;
  return territories().get(code);
}

/**
 * Whether a code names a territory of the official geography.
 *
 * ### Examples
 * ```ts
 * isKnownTerritory('com:92012'); // true (Boulogne-Billancourt)
 * isKnownTerritory('com:99999'); // false
 * ```
 */
export function isKnownTerritory(code: string): boolean {
  // Most files name départements only: their codes come from two small files, without the 35,000 communes.
  if (!index && (code === 'fr' || code.startsWith('reg:') || code.startsWith('dep:'))) return upperLevelCodes().has(code);
  return getOfficialTerritory(code) !== undefined;
}

let upperCodes: Set<string> | undefined;

/** `fr` and the codes of regions and départements, read from the small region and département files. */
function upperLevelCodes(): Set<string> {
  upperCodes ??= new Set([
    'fr',
    ...readData<RegionRecord[]>('regions').map((r) => `reg:${r.code}`),
    ...readData<DepartementRecord[]>('departements').map((d) => `dep:${d.code}`),
  ]);
  return upperCodes;
}

/**
 * The name of a département from its INSEE code, with or without the `dep:` prefix.
 *
 * ### Examples
 * ```ts
 * departmentName('92'); // 'Hauts-de-Seine'
 * departmentName('dep:2A'); // 'Corse-du-Sud'
 * ```
 */
export function departmentName(code: string): string | undefined {
  return getOfficialTerritory(code.startsWith('dep:') ? code : `dep:${code}`)?.name;
}

/**
 * The population of a set of official territories, usually a district's communes (`com:…`; bare five-character
 * codes are read as communes). Each code counts once; unknown codes count for nothing.
 *
 * ### Examples
 * ```ts
 * districtPopulation(['com:92012', 'com:92040']); // Boulogne-Billancourt + Issy-les-Moulineaux
 * ```
 */
export function districtPopulation(communeCodes: readonly string[]): number {
  let total = 0;
  for (const code of new Set(communeCodes.map((c) => (c.includes(':') || c === 'fr' ? c : `com:${c}`)))) {
    total += getOfficialTerritory(code)?.population ?? 0;
  }
  return total;
}
