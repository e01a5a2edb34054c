import type { ActionStatus } from '../action/action.ts';
import { dayNumber } from './dates.ts';
import { effectiveProgress } from './progress.ts';
import { countActions, countOf } from './action-counts.ts';

/** How an action is doing against the time elapsed: on track, behind, or at risk. */
export const HEALTHS = ['on_track', 'behind', 'at_risk'] as const;
export type Health = (typeof HEALTHS)[number];

/** Ratios of actual to expected progress (in %) at or above which an action is on track, or behind. */
export const HEALTH_THRESHOLDS = { onTrack: 95, behind: 85 } as const;

/** The dates of an action. */
export interface ActionPeriod {
  readonly startDate?: string | null;
  readonly endDate?: string | null;
}

/**
 * The progress expected from the time elapsed between the start and end dates (0–100, full precision),
 * or `null` without both dates. 0 before the start, 100 from the end date on.
 *
 * ### Examples
 * ```ts
 * expectedProgress({ startDate: '2024-01-01', endDate: '2025-01-01' }, '2024-07-02'); // ≈ 50
 * expectedProgress({ startDate: '2024-01-01', endDate: null }, '2024-07-02'); // null
 * ```
 */
export function expectedProgress(period: ActionPeriod, today: string): number | null {
  if (!period.startDate || !period.endDate) return null;
  const start = dayNumber(period.startDate);
  const end = dayNumber(period.endDate);
  const now = dayNumber(today);
  if (now >= end) return 100;
  if (now <= start) return 0;
  return ((now - start) / (end - start)) * 100;
}

/** What {@link actionHealth} needs to know about an action. */
export interface HealthInput extends ActionPeriod {
  readonly status: ActionStatus;
  readonly progress?: number | null;
}

// Ratios are compared with a small tolerance so that 19 % of 20 % counts as exactly 95 %.
const EPSILON = 1e-9;

/**
 * An action's health: its effective progress divided by the progress expected from elapsed time.
 * At or above 95 % on track, from 85 % behind, below at risk. `done` is on track, `abandoned` has no health;
 * not started yet (expected 0) is on track; `null` without both dates or without any progress to compare.
 *
 * ### Examples
 * ```ts
 * actionHealth({ status: 'in_progress', progress: 48, startDate: '2024-01-01', endDate: '2024-12-31' }, '2024-07-01'); // 'on_track' (48 of ≈ 49.9 expected)
 * actionHealth({ status: 'in_progress', progress: 20, startDate: '2024-01-01', endDate: '2024-12-31' }, '2024-07-01'); // 'at_risk'
 * actionHealth({ status: 'abandoned', progress: 20 }, '2024-07-01'); // null
 * ```
 */
export function actionHealth(action: HealthInput, today: string): Health | null {
  if (action.status === 'done') return 'on_track';
  if (action.status === 'abandoned') return null;
  const expected = expectedProgress(action, today);
  if (expected === null) return null;
  if (expected === 0) return 'on_track';
  const actual = effectiveProgress(action);
  if (actual === null) return null;
  const ratio = (actual * 100) / expected;
  if (ratio >= HEALTH_THRESHOLDS.onTrack - EPSILON) return 'on_track';
  if (ratio >= HEALTH_THRESHOLDS.behind - EPSILON) return 'behind';
  return 'at_risk';
}

/** How many actions are on track, behind, at risk, or of unknown health (no dates, abandoned). */
export interface HealthCounts {
  readonly onTrack: number;
  readonly behind: number;
  readonly atRisk: number;
  readonly unknown: number;
}

/**
 * Count actions by their {@link actionHealth} at `today` (by `countActions`, the one counting rule), in memory: the actions already read are enough,
 * so a dashboard asking for the health of 1,000 actions reads nothing more.
 *
 * ### Examples
 * ```ts
 * countByHealth([{ status: 'done' }, { status: 'abandoned' }, { status: 'planned' }], '2025-06-30');
 * // { onTrack: 1, behind: 0, atRisk: 0, unknown: 2 } (the planned action has no dates)
 * ```
 */
export function countByHealth(actions: readonly HealthInput[], today: string): HealthCounts {
  const { byHealth } = countActions(actions.map((action) => ({ status: action.status, health: actionHealth(action, today) })));
  return { onTrack: countOf(byHealth, 'on_track'), behind: countOf(byHealth, 'behind'), atRisk: countOf(byHealth, 'at_risk'), unknown: countOf(byHealth, 'unknown') };
}
