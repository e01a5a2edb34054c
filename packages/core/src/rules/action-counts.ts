import type { ActionStatus } from '../action/action.ts';
import type { Health } from './health.ts';

/** One value counted: how many actions carry it, and how many of those are illustrative. */
export interface CountOf<K extends string> {
  readonly key: K;
  readonly count: number;
  readonly illustrative: number;
}

/** Health as counted: `unknown` for an action without health (no dates, nothing to compare, abandoned). */
export type HealthKey = Health | 'unknown';

/** What {@link countActions} needs to know about an action: its status, its health (already computed), its mark. */
export interface CountedAction {
  readonly status: ActionStatus;
  readonly health: Health | null;
  readonly illustrative?: boolean;
}

/**
 * Actions counted by status and by health, each count saying how many of its actions are illustrative (so a
 * figure computed from them is marked). Only the values present are listed, the most frequent first, then by
 * code; `total` is the number of actions, `illustrative` how many of them are.
 */
export interface ActionCounts {
  readonly total: number;
  readonly illustrative: number;
  readonly byStatus: readonly CountOf<ActionStatus>[];
  readonly byHealth: readonly CountOf<HealthKey>[];
}

/**
 * Count actions by status and by health: the one rule behind the progress widget, the reports' figures and the
 * gateway's `actionCounts` and `healthSummary` (health itself is `actionHealth`'s, computed by the caller at its date).
 *
 * ### Examples
 * ```ts
 * countActions([{ status: 'done', health: 'on_track' }, { status: 'planned', health: null, illustrative: true }]);
 * // { total: 2, illustrative: 1,
 * //   byStatus: [{ key: 'done', count: 1, illustrative: 0 }, { key: 'planned', count: 1, illustrative: 1 }],
 * //   byHealth: [{ key: 'on_track', count: 1, illustrative: 0 }, { key: 'unknown', count: 1, illustrative: 1 }] }
 * ```
 */
export function countActions(actions: readonly CountedAction[]): ActionCounts {
  const byStatus = new Map<ActionStatus, { count: number; illustrative: number }>();
  const byHealth = new Map<HealthKey, { count: number; illustrative: number }>();
  let illustrative = 0;
  const add = <K>(map: Map<K, { count: number; illustrative: number }>, key: K, marked: boolean) => {
    const entry = map.get(key);
    if (entry) {
      entry.count += 1;
      if (marked) entry.illustrative += 1;
    } else map.set(key, { count: 1, illustrative: marked ? 1 : 0 });
  };
  for (const action of actions) {
    const marked = action.illustrative === true;
    if (marked) illustrative += 1;
    add(byStatus, action.status, marked);
    add(byHealth, action.health ?? 'unknown', marked);
  }
  return { total: actions.length, illustrative, byStatus: ranked(byStatus), byHealth: ranked(byHealth) };
}

/**
 * How many actions a count list gives for one value (0 when absent).
 *
 * ### Examples
 * ```ts
 * countOf(countActions(actions).byHealth, 'at_risk'); // 3
 * ```
 */
export function countOf<K extends string>(counts: readonly CountOf<K>[], key: K): number {
  return counts.find((c) => c.key === key)?.count ?? 0;
}

function ranked<K extends string>(map: Map<K, { count: number; illustrative: number }>): CountOf<K>[] {
  return [...map]
    .map(([key, c]) => ({ key, count: c.count, illustrative: c.illustrative }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
