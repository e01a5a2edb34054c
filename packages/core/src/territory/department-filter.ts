import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validationError } from '../shared/errors.ts';
import { messageWithDetail, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { departmentCode } from '../validation/primitives.ts';

const require = createRequire(import.meta.url);
let regionDepartments: Map<string, string[]> | undefined;

/** Région code → its départements, from the small département file of the official geography. */
function departmentsByRegion(): Map<string, string[]> {
  if (regionDepartments) return regionDepartments;
  const file = require.resolve('@etalab/decoupage-administratif/data/departements.json');
  const map = new Map<string, string[]>();
  for (const d of JSON.parse(readFileSync(file, 'utf8')) as { code: string; region: string }[]) map.set(d.region, [...(map.get(d.region) ?? []), d.code]);
  regionDepartments = map;
  return map;
}

/**
 * The départements of a region (INSEE region code, `11` for Île-de-France), or undefined when unknown.
 *
 * ### Examples
 * ```ts
 * departmentsOfRegion('11'); // ['75', '77', '78', '91', '92', '93', '94', '95']
 * ```
 */
export function departmentsOfRegion(region: string): readonly string[] | undefined {
  return departmentsByRegion().get(region);
}

const REGION_MESSAGE = { fr: 'code de région INSEE inconnu (ex. 11, 76, 84)', en: 'unknown INSEE region code (e.g. 11, 76, 84)' } as const;

/**
 * Check a filter by départements (`92`, not `dep:92`) and regions (`11`) and turn it into the set of
 * départements it allows, or undefined when it sets neither. Both given: a département must be in both.
 * A malformed or unknown code is a `DomainError` VALIDATION with the path of the code (`departments[0]`),
 * never an empty result.
 *
 * ### Examples
 * ```ts
 * resolveDepartmentFilter({ regions: ['11'] }); // Set { '75', '77', '78', '91', '92', '93', '94', '95' }
 * resolveDepartmentFilter({ departments: ['dep:92'] }); // throws VALIDATION at departments[0]
 * ```
 */
export function resolveDepartmentFilter(filter: { departments?: readonly string[] | null; regions?: readonly string[] | null }, lang: Lang = 'fr'): Set<string> | undefined {
  const issues: ValidationIssue[] = [];
  filter.departments?.forEach((code, i) => {
    if (!departmentCode.safeParse(code).success) issues.push({ path: `departments[${i}]`, code: 'department_code', message: messageWithDetail('department_code', code, lang) });
  });
  filter.regions?.forEach((code, i) => {
    if (!departmentsByRegion().has(code)) issues.push({ path: `regions[${i}]`, code: 'region_code', message: `${REGION_MESSAGE[lang]}${lang === 'fr' ? ' : ' : ': '}${code}` });
  });
  if (issues.length) throw validationError(issues, lang);
  const byDepartment = filter.departments?.length ? new Set(filter.departments) : undefined;
  const byRegion = filter.regions?.length ? new Set(filter.regions.flatMap((r) => departmentsByRegion().get(r) ?? [])) : undefined;
  if (byDepartment && byRegion) return new Set([...byDepartment].filter((d) => byRegion.has(d)));
  return byDepartment ?? byRegion;
}
