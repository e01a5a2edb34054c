import type { ActionStatus } from '../action/action.ts';
import type { Direction } from '../indicator/indicator.ts';
import { periodStart } from './period.ts';
import { addMonths, frenchDate, monthsBetween } from './dates.ts';

/** Codes of the alerts raised on actions and indicators. */
export const ALERT_CODES = ['stale_update', 'overdue', 'wrong_direction'] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

/** An alert with its message in French and English. */
export interface Alert {
  readonly code: AlertCode;
  readonly message: { readonly fr: string; readonly en: string };
}

/** What {@link actionAlerts} needs to know about an action. */
export interface ActionAlertInput {
  readonly status: ActionStatus;
  readonly endDate?: string | null;
  /** Date of the latest dated update (obstacle, next step, achievement), if any. */
  readonly lastUpdateDate?: string | null;
}

const CLOSED_STATUSES: readonly ActionStatus[] = ['done', 'abandoned'];

const months = (n: number) => ({ fr: `${n} mois`, en: n === 1 ? '1 month' : `${n} months` });

/**
 * Alerts on an action at date `today`:
 * - `stale_update` when an action that is not done or abandoned has its last update more than `staleMonths` months ago,
 *   or no update at all while in progress;
 * - `overdue` when its end date has passed and it is neither done nor abandoned.
 *
 * ### Examples
 * ```ts
 * actionAlerts({ status: 'in_progress', endDate: '2028-12-31', lastUpdateDate: '2024-01-10' }, '2024-09-15');
 * // [{ code: 'stale_update', message: { fr: 'Aucune mise à jour depuis 8 mois', en: 'No update for 8 months' } }]
 * ```
 */
export function actionAlerts(action: ActionAlertInput, today: string, options: { staleMonths?: number } = {}): Alert[] {
  const staleMonths = options.staleMonths ?? 6;
  const alerts: Alert[] = [];
  if (CLOSED_STATUSES.includes(action.status)) return alerts;
  if (action.lastUpdateDate) {
    if (addMonths(action.lastUpdateDate, staleMonths) < today) {
      const m = months(monthsBetween(action.lastUpdateDate, today));
      alerts.push({ code: 'stale_update', message: { fr: `Aucune mise à jour depuis ${m.fr}`, en: `No update for ${m.en}` } });
    }
  } else if (action.status === 'in_progress') {
    alerts.push({
      code: 'stale_update',
      message: { fr: "Aucune mise à jour enregistrée alors que l'action est en cours", en: 'No update recorded while the action is in progress' },
    });
  }
  if (action.endDate && action.endDate < today) {
    alerts.push({
      code: 'overdue',
      message: {
        fr: `Échéance dépassée : l'action devait se terminer le ${frenchDate(action.endDate)}`,
        en: `Overdue: the action was due to end on ${action.endDate}`,
      },
    });
  }
  return alerts;
}

/** What {@link indicatorAlerts} needs to know about an indicator. */
export interface IndicatorAlertInput {
  /** Expected direction; when missing, taken from the baseline and the target. */
  readonly direction?: Direction | null;
  readonly baselineValue?: number | null;
  readonly targetValue?: number | null;
}

/** One measurement of a single series (one territory), as {@link indicatorAlerts} needs it. */
export interface AlertMeasurement {
  /** First day of the period (`periodStart('2024-Q2')` = `2024-04-01`), or the period itself. */
  readonly periodStart: string;
  readonly value: number | null;
}

const numberFormats = { fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }) };

/**
 * Alerts on an indicator's series: `wrong_direction` when its last two known values move away from the target
 * (for `up` the value falls, for `down` it rises). Missing values are skipped; pass one territory's series.
 *
 * ### Examples
 * ```ts
 * indicatorAlerts({ direction: 'up', baselineValue: 40, targetValue: 60 }, [{ periodStart: '2023-01-01', value: 45 }, { periodStart: '2024-01-01', value: 42 }]);
 * // [{ code: 'wrong_direction', message: { fr: "L'indicateur évolue dans le mauvais sens : 45 → 42 (cible : 60)", en: … } }]
 * ```
 */
export function indicatorAlerts(indicator: IndicatorAlertInput, measurements: readonly AlertMeasurement[]): Alert[] {
  const direction = indicator.direction ?? inferDirection(indicator);
  if (!direction) return [];
  const known = measurements
    .filter((m): m is AlertMeasurement & { value: number } => typeof m.value === 'number' && Number.isFinite(m.value))
    .map((m) => ({ start: /^\d{4}-\d{2}-\d{2}$/.test(m.periodStart) ? m.periodStart : periodStart(m.periodStart), value: m.value }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (known.length < 2) return [];
  const previous = known[known.length - 2].value;
  const last = known[known.length - 1].value;
  const wrong = direction === 'up' ? last < previous : last > previous;
  if (!wrong) return [];
  const target = typeof indicator.targetValue === 'number' ? indicator.targetValue : null;
  const fr = `L'indicateur évolue dans le mauvais sens : ${numberFormats.fr.format(previous)} → ${numberFormats.fr.format(last)}`;
  const en = `The indicator is moving the wrong way: ${numberFormats.en.format(previous)} → ${numberFormats.en.format(last)}`;
  return [
    {
      code: 'wrong_direction',
      message: {
        fr: target === null ? fr : `${fr} (cible : ${numberFormats.fr.format(target)})`,
        en: target === null ? en : `${en} (target: ${numberFormats.en.format(target)})`,
      },
    },
  ];
}

function inferDirection({ baselineValue, targetValue }: IndicatorAlertInput): Direction | null {
  if (typeof baselineValue !== 'number' || typeof targetValue !== 'number' || baselineValue === targetValue) return null;
  return targetValue > baselineValue ? 'up' : 'down';
}
