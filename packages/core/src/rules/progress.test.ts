import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES } from '../action/action.ts';
import { computeTreeProgress, DEFAULT_PROGRESS_BY_STATUS, defaultProgressFor, effectiveProgress, progressAfterWrite, rollUpProgress, roundPercent } from './progress.ts';

describe('DEFAULT_PROGRESS_BY_STATUS', () => {
  it('covers every status: planned 0, done 100, the others none', () => {
    expect(Object.keys(DEFAULT_PROGRESS_BY_STATUS).sort()).toEqual([...ACTION_STATUSES].sort());
    expect(defaultProgressFor('planned')).toBe(0);
    expect(defaultProgressFor('done')).toBe(100);
    for (const status of ['in_progress', 'paused', 'abandoned', 'blocked', 'late'] as const) expect(defaultProgressFor(status)).toBeNull();
  });
});

describe('progressAfterWrite', () => {
  it('takes a given progress, even null or against the status default', () => {
    expect(progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'done', progress: 80 })).toBe(80);
    expect(progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'in_progress', progress: null })).toBeNull();
  });
  it('applies the default of a new status, and keeps the stored progress when the status has none', () => {
    expect(progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'done' })).toBe(100);
    expect(progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'planned' })).toBe(0);
    expect(progressAfterWrite({ status: 'in_progress', progress: 40 }, { status: 'paused' })).toBe(40);
    expect(progressAfterWrite({ status: 'done', progress: 100 }, { status: 'in_progress' })).toBe(100);
  });
  it('keeps the stored progress when the status does not change', () => {
    expect(progressAfterWrite({ status: 'planned', progress: 10 }, { status: 'planned' })).toBe(10);
    expect(progressAfterWrite({ status: 'paused', progress: null }, { status: 'paused' })).toBeNull();
  });
  it('gives a new action its status default', () => {
    expect(progressAfterWrite(null, { status: 'planned' })).toBe(0);
    expect(progressAfterWrite(null, { status: 'in_progress' })).toBeNull();
    expect(progressAfterWrite(null, { status: 'in_progress', progress: 30 })).toBe(30);
  });
});

describe('effectiveProgress', () => {
  it('keeps a recorded progress, even 0', () => {
    expect(effectiveProgress({ status: 'in_progress', progress: 40 })).toBe(40);
    expect(effectiveProgress({ status: 'done', progress: 0 })).toBe(0);
  });
  it('falls back to the status default', () => {
    expect(effectiveProgress({ status: 'done', progress: null })).toBe(100);
    expect(effectiveProgress({ status: 'planned' })).toBe(0);
    expect(effectiveProgress({ status: 'paused', progress: null })).toBeNull();
  });
  it('counts abandoned actions for nothing', () => {
    expect(effectiveProgress({ status: 'abandoned', progress: 70 })).toBeNull();
  });
});

describe('rollUpProgress', () => {
  it('is the plain mean without weights', () => {
    expect(rollUpProgress([{ progress: 100, weight: null }, { progress: 0, weight: null }, { progress: 50, weight: null }])).toBe(50);
  });
  it('is the weighted mean as soon as one child has a weight; the others weigh 1', () => {
    expect(rollUpProgress([{ progress: 100, weight: 3 }, { progress: 0, weight: null }])).toBe(75);
    expect(rollUpProgress([{ progress: 100, weight: 0.2 }, { progress: 0, weight: 0.8 }])).toBeCloseTo(20, 10);
  });
  it('leaves out children without a progress, and their weights', () => {
    expect(rollUpProgress([{ progress: null, weight: 10 }, { progress: 40, weight: null }, { progress: 60, weight: null }])).toBe(50);
  });
  it('is null without any known progress', () => {
    expect(rollUpProgress([])).toBeNull();
    expect(rollUpProgress([{ progress: null, weight: 2 }])).toBeNull();
  });
  it('is null when every weight is 0', () => {
    expect(rollUpProgress([{ progress: 50, weight: 0 }])).toBeNull();
  });
});

describe('roundPercent', () => {
  it('rounds to one decimal', () => {
    expect(roundPercent(100 / 3)).toBe(33.3);
    expect(roundPercent(200 / 3)).toBe(66.7);
    expect(roundPercent(null)).toBeNull();
  });
});

describe('computeTreeProgress', () => {
  // 1 (weight 2)
  // ├── 1.1
  // │   ├── 1.1.1 : action done, action 20 %
  // │   └── action 1.1-a : in progress 30 %
  // └── action 1-a : abandoned (ignored)
  // 2
  // └── action 2-a : planned (0)
  // 3 : no action (null)
  const orientations = [
    { id: 'o1', parentId: null, weight: 2 },
    { id: 'o11', parentId: 'o1', weight: null },
    { id: 'o111', parentId: 'o11', weight: null },
    { id: 'o2', parentId: null, weight: null },
    { id: 'o3', parentId: null, weight: null },
  ];
  const actions = [
    { orientationId: 'o111', status: 'done' as const, progress: null, weight: null },
    { orientationId: 'o111', status: 'in_progress' as const, progress: 20, weight: null },
    { orientationId: 'o11', status: 'in_progress' as const, progress: 30, weight: null },
    { orientationId: 'o1', status: 'abandoned' as const, progress: 90, weight: 5 },
    { orientationId: 'o2', status: 'planned' as const, progress: null, weight: null },
  ];

  it('rolls up three levels, mixing sub-orientations and actions', () => {
    const { byOrientation } = computeTreeProgress(orientations, actions);
    expect(byOrientation.get('o111')).toBe(60); // (100 + 20) / 2
    expect(byOrientation.get('o11')).toBe(45); // (60 + 30) / 2
    expect(byOrientation.get('o1')).toBe(45); // only o11: the abandoned action counts for nothing
    expect(byOrientation.get('o2')).toBe(0);
    expect(byOrientation.get('o3')).toBeNull();
  });

  it('takes the plain mean of top-level orientations for the scheme, ignoring their weights', () => {
    expect(computeTreeProgress(orientations, actions).scheme).toBe(22.5); // (45 + 0) / 2, o3 unknown
  });

  it('weighs sub-orientations and actions together', () => {
    const { byOrientation } = computeTreeProgress(
      [
        { id: 'a', parentId: null, weight: null },
        { id: 'b', parentId: 'a', weight: 3 },
      ],
      [
        { orientationId: 'b', status: 'done', progress: null, weight: null },
        { orientationId: 'a', status: 'in_progress', progress: 20, weight: null },
      ],
    );
    expect(byOrientation.get('a')).toBe(80); // (100 × 3 + 20 × 1) / 4
  });

  it('keeps full precision inside and rounds only the results', () => {
    const step = (orientationId: string, progress: number) => ({ orientationId, status: 'in_progress' as const, progress, weight: null });
    const { byOrientation, scheme } = computeTreeProgress(
      [
        { id: 'p', parentId: null, weight: null },
        { id: 'c1', parentId: 'p', weight: null },
        { id: 'c2', parentId: 'p', weight: null },
        { id: 'c3', parentId: 'p', weight: null },
      ],
      [step('c1', 1), step('c1', 1), step('c1', 0), step('c2', 1), step('c2', 1), step('c2', 0), step('c3', 0)],
    );
    // c1 = c2 = 2/3 (shown 0.7), c3 = 0: p = 4/9 = 0.44… → 0.4; rounding inside would give 1.4 / 3 = 0.47 → 0.5.
    expect(byOrientation.get('c1')).toBe(0.7);
    expect(byOrientation.get('p')).toBe(0.4);
    expect(scheme).toBe(0.4);
  });

  it('is null everywhere for an empty scheme, and ignores actions of unknown orientations', () => {
    expect(computeTreeProgress([], [{ orientationId: 'x', status: 'done', progress: null, weight: null }])).toEqual({ scheme: null, byOrientation: new Map() });
  });

  it('throws on a cycle of parents', () => {
    expect(() =>
      computeTreeProgress(
        [
          { id: 'a', parentId: 'b', weight: null },
          { id: 'b', parentId: 'a', weight: null },
        ],
        [],
      ),
    ).toThrow(/Cycle/);
  });
});
