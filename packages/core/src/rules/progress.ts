import type { ActionStatus } from '../action/action.ts';

/**
 * The progress an action takes by default from its status (0–100), or `null` when the status says nothing.
 * `planned` means not started (0 %), `done` means finished (100 %); the other statuses keep the recorded progress.
 *
 * ### Examples
 * ```ts
 * DEFAULT_PROGRESS_BY_STATUS.done; // 100
 * DEFAULT_PROGRESS_BY_STATUS.in_progress; // null
 * ```
 */
export const DEFAULT_PROGRESS_BY_STATUS = {
  planned: 0,
  in_progress: null,
  done: 100,
  paused: null,
  abandoned: null,
  blocked: null,
  late: null,
} as const satisfies Record<ActionStatus, number | null>;

/**
 * The default progress of a status (see {@link DEFAULT_PROGRESS_BY_STATUS}), or `null` when it has none.
 *
 * ### Examples
 * ```ts
 * defaultProgressFor('planned'); // 0
 * defaultProgressFor('paused'); // null
 * ```
 */
export function defaultProgressFor(status: ActionStatus): number | null {
  return DEFAULT_PROGRESS_BY_STATUS[status] ?? null;
}

/**
 * The progress an action records after a write, the one rule of every writer (granular write, spreadsheet):
 * a given `progress` wins (`null` clears it); otherwise a new status brings its default progress
 * when it has one; otherwise the stored progress is kept. `before` is `null` for a new action.
 *
 * ### Examples
 * ```ts
 * progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'done' }); // 100
 * progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'paused' }); // 40 (no default: kept)
 * progressAfterWrite({ status: 'done', progress: 100 }, { status: 'in_progress', progress: 80 }); // 80
 * progressAfterWrite(null, { status: 'planned' }); // 0
 * ```
 */
export function progressAfterWrite(
  before: { readonly status: ActionStatus; readonly progress?: number | null } | null,
  next: { readonly status: ActionStatus; readonly progress?: number | null },
): number | null {
  if (next.progress !== undefined) return next.progress;
  const kept = before?.progress ?? null;
  if (next.status === before?.status) return kept;
  return defaultProgressFor(next.status) ?? kept;
}

/** What the progress rules need to know about an action. */
export interface ProgressInput {
  readonly status: ActionStatus;
  readonly progress?: number | null;
}

/**
 * The progress that counts for an action: `null` when abandoned (it counts for nothing),
 * otherwise its recorded progress, else its status's default.
 *
 * ### Examples
 * ```ts
 * effectiveProgress({ status: 'in_progress', progress: 40 }); // 40
 * effectiveProgress({ status: 'done', progress: null }); // 100
 * effectiveProgress({ status: 'abandoned', progress: 70 }); // null
 * ```
 */
export function effectiveProgress(action: ProgressInput): number | null {
  if (action.status === 'abandoned') return null;
  if (typeof action.progress === 'number' && Number.isFinite(action.progress)) return action.progress;
  return defaultProgressFor(action.status);
}

/** One child of a node in the progress tree: a sub-orientation or an action. */
export interface ProgressChild {
  readonly progress: number | null;
  readonly weight?: number | null;
}

/**
 * A parent's progress from its children (Decidim's accountability rule), in full precision.
 * Children without a progress are left out. When any remaining child has a weight, the result is
 * the weighted mean, children without a weight counting with weight 1; otherwise the plain mean.
 * `null` when no child has a progress (or when all their weights are 0).
 *
 * ### Examples
 * ```ts
 * rollUpProgress([{ progress: 100, weight: null }, { progress: 0, weight: null }]); // 50
 * rollUpProgress([{ progress: 100, weight: 3 }, { progress: 0, weight: null }]); // 75
 * rollUpProgress([{ progress: null, weight: 2 }]); // null
 * ```
 */
export function rollUpProgress(children: readonly ProgressChild[]): number | null {
  const known = children.filter((child): child is ProgressChild & { progress: number } => typeof child.progress === 'number' && Number.isFinite(child.progress));
  if (known.length === 0) return null;
  const weighted = known.some((child) => typeof child.weight === 'number');
  let total = 0;
  let weights = 0;
  for (const child of known) {
    const weight = weighted && typeof child.weight === 'number' ? child.weight : 1;
    total += child.progress * weight;
    weights += weight;
  }
  return weights > 0 ? total / weights : null;
}

/**
 * Round a percentage to one decimal, for display at the edges of the computation.
 *
 * ### Examples
 * ```ts
 * roundPercent(33.333333); // 33.3
 * roundPercent(null); // null
 * ```
 */
export function roundPercent(value: number | null): number | null {
  if (value === null) return null;
  return Math.round(value * 10) / 10;
}

/** An orientation as the progress tree needs it. */
export interface ProgressOrientation {
  readonly id: string;
  readonly parentId: string | null;
  readonly weight?: number | null;
}

/** An action as the progress tree needs it. */
export interface ProgressAction extends ProgressInput {
  readonly orientationId: string;
  readonly weight?: number | null;
}

/** The progress of a scheme and of each of its orientations, rounded to one decimal. */
export interface TreeProgress {
  readonly scheme: number | null;
  readonly byOrientation: Map<string, number | null>;
}

/**
 * The progress of every orientation of a scheme and of the scheme itself, from its actions.
 * An orientation's children are its sub-orientations and its actions ({@link rollUpProgress});
 * the scheme's figure is the plain mean of its top-level orientations (`parentId: null`).
 * Any depth; full precision inside, rounded to one decimal in the result.
 * Actions whose orientation is not in the list are ignored. A cycle of parents is a programmer error and throws.
 *
 * ### Examples
 * ```ts
 * const { scheme, byOrientation } = computeTreeProgress(
 *   [{ id: 'o1', parentId: null, weight: null }, { id: 'o2', parentId: null, weight: null }],
 *   [{ orientationId: 'o1', status: 'done', progress: null, weight: null }, { orientationId: 'o2', status: 'in_progress', progress: 20, weight: null }],
 * );
 * scheme; // 60
 * byOrientation.get('o2'); // 20
 * ```
 */
export function computeTreeProgress(orientations: readonly ProgressOrientation[], actions: readonly ProgressAction[]): TreeProgress {
  const ids = new Set(orientations.map((o) => o.id));
  const subOrientations = new Map<string, ProgressOrientation[]>();
  for (const orientation of orientations) {
    if (orientation.parentId === null || !ids.has(orientation.parentId)) continue;
    const list = subOrientations.get(orientation.parentId) ?? [];
    list.push(orientation);
    subOrientations.set(orientation.parentId, list);
  }
  const actionsOf = new Map<string, ProgressAction[]>();
  for (const action of actions) {
    if (!ids.has(action.orientationId)) continue;
    const list = actionsOf.get(action.orientationId) ?? [];
    list.push(action);
    actionsOf.set(action.orientationId, list);
  }

  const exact = new Map<string, number | null>();
  const visiting = new Set<string>();
  const progressOf = (orientation: ProgressOrientation): number | null => {
    const done = exact.get(orientation.id);
    if (done !== undefined) return done;
    if (visiting.has(orientation.id)) throw new Error(`Cycle in the orientation tree at ${orientation.id}`);
    visiting.add(orientation.id);
    const children: ProgressChild[] = [
      ...(subOrientations.get(orientation.id) ?? []).map((child) => ({ progress: progressOf(child), weight: child.weight ?? null })),
      ...(actionsOf.get(orientation.id) ?? []).map((action) => ({ progress: effectiveProgress(action), weight: action.weight ?? null })),
    ];
    const value = rollUpProgress(children);
    visiting.delete(orientation.id);
    exact.set(orientation.id, value);
    return value;
  };

  const byOrientation = new Map<string, number | null>();
  for (const orientation of orientations) byOrientation.set(orientation.id, roundPercent(progressOf(orientation)));
  const topLevel = orientations.filter((o) => o.parentId === null).map((o) => ({ progress: exact.get(o.id) ?? null, weight: null }));
  return { scheme: roundPercent(rollUpProgress(topLevel)), byOrientation };
}
