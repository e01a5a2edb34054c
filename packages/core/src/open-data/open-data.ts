import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { getIndicatorValuesByIndicatorIds, type IndicatorValueReport } from '../indicator/indicator-value.service.ts';
import { getIndicatorsBySchemeIds } from '../indicator/indicator.repository.ts';
import { actionHealth } from '../rules/health.ts';
import { valueCompletionRate } from '../rules/indicator-value.ts';
import { effectiveProgress } from '../rules/progress.ts';
import { listSchemes } from '../scheme/scheme.repository.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import type { SchemeFile } from '../scheme-file/scheme-file.ts';
import { walkActions, walkIndicators } from '../scheme-file/validate.ts';
import { LABELS } from '../shared/labels.ts';
import { toCsv, type CsvValue } from './csv.ts';

/** Columns of `indicateurs-<dep>.csv`, after the State's per-département indicator files. */
export const INDICATOR_COLUMNS = [
  'indicateur', 'code_indicateur', 'code_partage', 'code_departement', 'schema', 'valeur_initiale', 'date_valeur_initiale',
  'valeur_actuelle', 'date_valeur_actuelle', 'cible', 'date_cible', 'unite', 'taux_realisation', 'illustratif',
  'periode_valeur_actuelle', 'statut_valeur_actuelle', 'valeur_initiale_illustrative', 'valeur_actuelle_illustrative', 'cible_illustrative',
  'source_valeur_initiale', 'source_valeur_actuelle', 'source_cible',
] as const;

/** Columns of `actions-<dep>.csv`. */
export const ACTION_COLUMNS_OPEN_DATA = [
  'schema', 'code', 'titre', 'orientation', 'statut', 'avancement', 'sante', 'pilote', 'date_debut', 'date_fin', 'illustratif',
] as const;

/** French labels of an action's health in the open-data files. */

/**
 * Last day of a period: `2024` → `2024-12-31`, `2024-Q2` → `2024-06-30`, `2024-02` → `2024-02-29`.
 *
 * ### Examples
 * ```ts
 * periodEnd('2024-Q1'); // '2024-03-31'
 * ```
 */
export function periodEnd(period: string): string {
  const [year, rest] = period.split('-');
  const y = Number(year);
  const lastMonth = !rest ? 12 : rest.startsWith('Q') ? Number(rest.slice(1)) * 3 : Number(rest);
  const last = new Date(Date.UTC(y, lastMonth, 0));
  return last.toISOString().slice(0, 10);
}

const round = (value: number | null, digits = 1): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * One row per indicator for a département: the current value is the one rule's (`getIndicatorValuesByIndicatorIds`)
 * for `dep:<code>`, the same figure as the API's `currentValue(territory: "dep:<code>")`; each value carries its
 * own illustrative mark and source.
 */
function indicatorRows(file: SchemeFile, department: string, reports: ReadonlyMap<string, IndicatorValueReport>): CsvValue[][] {
  const rows: CsvValue[][] = [];
  for (const { indicator } of walkIndicators(file)) {
    const report = reports.get(indicator.code);
    if (!report) continue;
    const current = report.values.current(`dep:${department}`);
    const known = current.status === 'known';
    const { baseline, target } = report.indicator;
    const rate = valueCompletionRate({ baselineValue: baseline?.value, targetValue: target?.value }, current);
    rows.push([
      indicator.name,
      indicator.code,
      indicator.sharedCode,
      department,
      file.scheme.code,
      baseline?.value,
      baseline?.date,
      known ? current.value : undefined,
      current.period ? periodEnd(current.period) : undefined,
      target?.value,
      target?.date,
      indicator.unit,
      rate,
      Boolean(report.indicator.illustrative || baseline?.illustrative || target?.illustrative || current.illustrative || file.scheme.illustrative),
      current.period ?? undefined,
      current.status,
      baseline ? baseline.illustrative : undefined,
      known ? current.illustrative : undefined,
      target ? target.illustrative : undefined,
      baseline?.source ?? undefined,
      current.sources.join(' ; ') || undefined,
      target?.source ?? undefined,
    ]);
  }
  return rows;
}

function actionRows(file: SchemeFile, today: string): CsvValue[][] {
  const partnerNames = new Map((file.partners ?? []).map((p) => [p.code, p.name]));
  return [...walkActions(file)].map(({ action, orientationCode }) => {
    const pilot = action.pilot ?? action.partners?.find((p) => p.role === 'pilot')?.partner;
    const health = actionHealth(action, today);
    return [
      file.scheme.code,
      action.code,
      action.title,
      orientationCode,
      LABELS.actionStatus[action.status].fr,
      round(effectiveProgress(action)),
      health ? LABELS.health[health].fr : undefined,
      pilot ? (partnerNames.get(pilot) ?? pilot) : undefined,
      action.startDate,
      action.endDate,
      Boolean(action.illustrative || file.scheme.illustrative),
    ];
  });
}

/**
 * Write the open-data files of every public scheme (not draft, published) into `dir`: per département,
 * `indicateurs-<dep>.csv` (the State's columns) and `actions-<dep>.csv`. A scheme of two départements
 * appears in both départements' files. UTF-8, RFC 4180 (CRLF, quotes doubled), decimal point, booleans
 * `true`/`false`; illustrative (demo) values are marked in the `illustratif` column. Returns the paths written.
 *
 * ### Examples
 * ```ts
 * await writeOpenData(db, 'public/open-data'); // ['public/open-data/actions-48.csv', 'public/open-data/indicateurs-48.csv', …]
 * ```
 */
export async function writeOpenData(db: Kysely<Database>, dir: string, options: { today?: string } = {}): Promise<string[]> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const files: SchemeFile[] = [];
  const reportsByScheme = new Map<string, ReadonlyMap<string, IndicatorValueReport>>();
  for (let offset = 0; ; offset += 500) {
    const page = await listSchemes(db, { visibility: {} }, { limit: 500, offset });
    for (const scheme of page.items) {
      files.push(await exportSchemeFile(db, scheme.code));
      const indicators = await getIndicatorsBySchemeIds(db, [scheme.id]);
      const reports = await getIndicatorValuesByIndicatorIds(db, indicators.map((i) => i.id));
      reportsByScheme.set(scheme.code, new Map(reports.map((r) => [r.indicator.code, r])));
    }
    if (page.items.length < 500) break;
  }
  files.sort((a, b) => a.scheme.code.localeCompare(b.scheme.code));
  const departments = [...new Set(files.flatMap((f) => f.scheme.departments))].sort();
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const department of departments) {
    const mine = files.filter((f) => f.scheme.departments.includes(department));
    const actionsPath = join(dir, `actions-${department}.csv`);
    await writeFile(actionsPath, toCsv(ACTION_COLUMNS_OPEN_DATA, mine.flatMap((f) => actionRows(f, today))));
    const indicatorsPath = join(dir, `indicateurs-${department}.csv`);
    await writeFile(indicatorsPath, toCsv(INDICATOR_COLUMNS, mine.flatMap((f) => indicatorRows(f, department, reportsByScheme.get(f.scheme.code) ?? new Map()))));
    written.push(actionsPath, indicatorsPath);
  }
  return written;
}
