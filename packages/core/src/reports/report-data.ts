import type { Kysely } from 'kysely';
import type { Principal } from '../access/access.ts';
import type { ActionDocument } from '../action/action.ts';
import type { Database } from '../database/database.ts';
import { getSchemeEvaluation, getReadableScheme, type SchemeEvaluation } from '../evaluation/evaluation.service.ts';
import { visibilityOf } from '../access/command.ts';
import type { IndicatorDocument } from '../indicator/indicator.ts';
import { periodStart } from '../measurement/measurement.ts';
import { getActionHealthByActionIds, getIndicatorAlertsByIndicatorIds, getProgressBySchemeIds } from '../progress/progress.service.ts';
import type { Alert } from '../rules/alerts.ts';
import type { Health } from '../rules/health.ts';
import { valueCompletionRate, type ValueStatus } from '../rules/indicator-value.ts';
import { getIndicatorValuesByIndicatorIds, indicatorValueReport } from '../indicator/indicator-value.service.ts';
import { getMeasurementsByIndicatorIds } from '../measurement/measurement.repository.ts';
import type { MissingReason } from '../measurement/measurement.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import type { SchemeFile } from '../scheme-file/scheme-file.ts';
import { walkActions, walkIndicators, walkOrientations } from '../scheme-file/validate.ts';
import type { Scheme } from '../scheme/scheme.service.ts';
import { DomainError, type Lang } from '../validation/issues.ts';

/** The kinds of report: COPIL review, yearly report for the assembly, final evaluation report, public version. */
export const REPORT_KINDS = ['copil', 'annual', 'final', 'public'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What a report is asked for. */
export interface ReportRequest {
  readonly schemeCode: string;
  readonly kind: string;
  /** The date the report is written at (`YYYY-MM-DD`); defaults to today within the period, else its end. */
  readonly date?: string;
  readonly lang?: Lang;
  /** The caller: a draft scheme's report needs a token of one of its départements. */
  readonly principal?: Principal;
  /** For tests and benchmarks: the "today" used for the default date. */
  readonly today?: string;
}

/** One action in a report, with health and alerts from the core's rules at the report's date. */
export interface ReportAction {
  readonly action: ActionDocument;
  readonly orientationCode: string;
  readonly health: Health | null;
  readonly alerts: Alert[];
  readonly lastUpdateDate: string | null;
}

/** One value of an indicator series, as the one rule of values publishes it (a masked value is null, `statistical_secrecy`). */
export interface ReportPoint {
  readonly period: string;
  readonly periodStart: string;
  readonly territory: string;
  readonly value: number | null;
  readonly missingReason: string | null;
  readonly provisional: boolean;
  readonly illustrative: boolean;
}

/** One indicator in a report: its series up to the report's date and its latest value per territory. */
export interface ReportIndicator {
  readonly indicator: IndicatorDocument;
  readonly attachedTo: { orientation?: string; action?: string };
  readonly territories: string[];
  readonly points: ReportPoint[];
  readonly latest: (ReportPoint & { completionRate: number | null })[];
  readonly alerts: Alert[];
}

/** Everything a report shows, read once from the store. */
export interface ReportData {
  readonly kind: ReportKind;
  readonly lang: Lang;
  readonly date: string;
  /** The calendar year a yearly report covers (the report date's year). */
  readonly year: number;
  /** Whether internal content (notes, COPIL decisions, alerts) may be shown: never in the public version. */
  readonly internal: boolean;
  readonly scheme: Scheme;
  readonly file: SchemeFile;
  readonly progress: number | null;
  readonly orientationProgress: ReadonlyMap<string, number | null>;
  readonly actions: ReportAction[];
  readonly indicators: ReportIndicator[];
  readonly evaluation: SchemeEvaluation;
  readonly partnerNames: ReadonlyMap<string, string>;
}

const MISSING_OF = { known: null, masked: 'statistical_secrecy', not_known: 'not_yet_known', not_applicable: 'not_applicable' } as const satisfies Record<ValueStatus, MissingReason | null>;

const ERRORS = {
  kind: {
    fr: (k: string) => `Type de rapport inconnu : « ${k} ». Types possibles : copil, annual, final, public.`,
    en: (k: string) => `Unknown report kind: "${k}". Possible kinds: copil, annual, final, public.`,
  },
  date: {
    fr: (d: string, s: number, e: number) => `Date hors de la période du schéma : ${d} (le schéma couvre ${s}-${e}).`,
    en: (d: string, s: number, e: number) => `Date outside the scheme's period: ${d} (the scheme covers ${s}-${e}).`,
  },
  dateFormat: { fr: (d: string) => `Date invalide : « ${d} » (attendu AAAA-MM-JJ).`, en: (d: string) => `Invalid date: "${d}" (expected YYYY-MM-DD).` },
} as const;

/**
 * Check a report request without reading anything: a known kind and a well-formed date.
 * Throws `DomainError('VALIDATION')` with a French (or English) message.
 *
 * ### Examples
 * ```ts
 * checkReportRequest({ schemeCode: '48-2018-2022', kind: 'bilan' }); // throws « Type de rapport inconnu : « bilan »… »
 * ```
 */
export function checkReportRequest(request: ReportRequest): ReportKind {
  const lang = request.lang ?? 'fr';
  if (!(REPORT_KINDS as readonly string[]).includes(request.kind)) {
    throw new DomainError('VALIDATION', ERRORS.kind[lang](request.kind), [{ path: 'kind', code: 'unknown_report_kind', message: ERRORS.kind[lang](request.kind) }]);
  }
  if (request.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(request.date) || Number.isNaN(Date.parse(`${request.date}T00:00:00Z`)) || !new Date(`${request.date}T00:00:00Z`).toISOString().startsWith(request.date))) {
    throw new DomainError('VALIDATION', ERRORS.dateFormat[lang](request.date), [{ path: 'date', code: 'date_format', message: ERRORS.dateFormat[lang](request.date) }]);
  }
  return request.kind as ReportKind;
}

/**
 * Read everything a report shows, in a few statements, with progress, health and alerts from the core's
 * rules (never recomputed here). Refuses an unknown scheme or kind, a date outside the scheme's period, and
 * a draft scheme to a caller without a token of its départements.
 *
 * ### Examples
 * ```ts
 * const data = await readReportData(db, { schemeCode: '92-2024-2028', kind: 'copil', date: '2026-06-30' });
 * data.actions.filter((a) => a.health === 'at_risk');
 * ```
 */
export async function readReportData(db: Kysely<Database>, request: ReportRequest): Promise<ReportData> {
  const lang = request.lang ?? 'fr';
  const kind = checkReportRequest(request);
  const scheme = await getReadableScheme(db, request.schemeCode, request.principal, lang);
  const start = `${scheme.period.start}-01-01`;
  const end = `${scheme.period.end}-12-31`;
  const today = request.today ?? new Date().toISOString().slice(0, 10);
  const date = request.date ?? (today < start ? start : today > end ? end : today);
  if (date < start || date > end) {
    const message = ERRORS.date[lang](date, scheme.period.start, scheme.period.end);
    throw new DomainError('VALIDATION', message, [{ path: 'date', code: 'date_outside_period', message }]);
  }
  const file = await exportSchemeFile(db, scheme.code, lang);
  const [ids, indicatorIds, [progress], evaluation] = await Promise.all([
    db.selectFrom('action').select(['id', 'code']).where('scheme_id', '=', scheme.id).execute(),
    db.selectFrom('indicator').select(['id', 'code']).where('scheme_id', '=', scheme.id).execute(),
    getProgressBySchemeIds(db, [scheme.id]),
    getSchemeEvaluation(db, scheme, { visibility: visibilityOf(request.principal) }),
  ]);
  const orientationIds = await db.selectFrom('orientation').select(['id', 'code']).where('scheme_id', '=', scheme.id).execute();
  const actionIdByCode = new Map(ids.map((r) => [r.code, r.id]));
  const health = new Map((await getActionHealthByActionIds(db, ids.map((r) => r.id), date)).map((h) => [h.actionId, h]));
  const indicatorAlerts = new Map((await getIndicatorAlertsByIndicatorIds(db, indicatorIds.map((i) => i.id))).map((a) => [a.indicatorId, a.alerts]));
  const indicatorIdByCode = new Map(indicatorIds.map((r) => [r.code, r.id]));
  // Values through the one rule (counting revision, roll-up, aggregation, statistical secrecy), from the
  // revisions of the periods begun by the report's date: a report shows what the API shows, never a masked figure.
  const indicatorIdList = indicatorIds.map((i) => i.id);
  const [valueReports, revisions] = await Promise.all([
    getIndicatorValuesByIndicatorIds(db, indicatorIdList),
    getMeasurementsByIndicatorIds(db, indicatorIdList, { history: true }),
  ]);
  const valuesAt = new Map(
    valueReports.map((r) => [r.indicatorId, indicatorValueReport(r.indicator, r.scope, revisions.filter((m) => m.indicatorId === r.indicatorId && m.periodStart <= date))]),
  );

  const actions: ReportAction[] = [...walkActions(file)].map(({ action, orientationCode }) => {
    const h = health.get(actionIdByCode.get(action.code)!);
    return { action, orientationCode, health: h?.health ?? null, alerts: h?.alerts ?? [], lastUpdateDate: h?.lastUpdateDate ?? null };
  });
  const indicators: ReportIndicator[] = [...walkIndicators(file)].map(({ indicator, orientationCode, actionCode }) => {
    const values = valuesAt.get(indicatorIdByCode.get(indicator.code)!);
    const known: ReportPoint[] = (values?.measurements ?? []).map((m) => ({
      period: m.period,
      periodStart: m.periodStart,
      territory: m.territory,
      value: m.value,
      missingReason: m.missingReason,
      provisional: m.provisional,
      illustrative: m.illustrative,
    }));
    const departmentLevel = [...new Set(known.filter((p) => p.territory.startsWith('dep:')).map((p) => p.territory))];
    const territories = (departmentLevel.length ? departmentLevel : [...new Set(known.map((p) => p.territory))]).sort().slice(0, 4);
    const points = known.filter((p) => territories.includes(p.territory)).sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : a.territory < b.territory ? -1 : 1));
    const latest = territories.flatMap((t) => {
      const current = values?.values.current(t);
      if (!current || current.period === null) return [];
      return [{
        period: current.period,
        periodStart: periodStart(current.period),
        territory: t,
        value: current.value,
        missingReason: MISSING_OF[current.status],
        provisional: current.provisional,
        illustrative: current.illustrative,
        completionRate: valueCompletionRate({ baselineValue: indicator.baseline?.value, targetValue: indicator.target?.value }, current),
      }];
    });
    return {
      indicator,
      attachedTo: { ...(orientationCode ? { orientation: orientationCode } : {}), ...(actionCode ? { action: actionCode } : {}) },
      territories,
      points,
      latest,
      alerts: indicatorAlerts.get(indicatorIdByCode.get(indicator.code)!) ?? [],
    };
  });
  const orientationCodeById = new Map(orientationIds.map((o) => [o.id, o.code]));
  const orientationProgress = new Map<string, number | null>();
  for (const { orientation } of walkOrientations(file.orientations)) orientationProgress.set(orientation.code, null);
  for (const [id, value] of progress?.byOrientation ?? []) {
    const code = orientationCodeById.get(id);
    if (code !== undefined) orientationProgress.set(code, value);
  }
  return {
    kind,
    lang,
    date,
    year: Number(date.slice(0, 4)),
    internal: kind !== 'public',
    scheme,
    file,
    progress: progress?.progress ?? null,
    orientationProgress,
    actions,
    indicators,
    evaluation,
    partnerNames: new Map((file.partners ?? []).map((p) => [p.code, p.name])),
  };
}
