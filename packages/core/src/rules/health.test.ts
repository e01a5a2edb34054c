import { describe, expect, it } from 'vitest';
import { actionHealth, countByHealth, expectedProgress } from './health.ts';

// 2024-01-01 → 2024-04-10 is exactly 100 days (2024 is a leap year); on 2024-02-20, 50 days have passed.
const period = { startDate: '2024-01-01', endDate: '2024-04-10' };
const midway = '2024-02-20';

describe('expectedProgress', () => {
  it('is the share of elapsed time', () => {
    expect(expectedProgress(period, midway)).toBe(50);
    expect(expectedProgress(period, '2024-01-11')).toBe(10);
  });
  it('is 0 before the start and 100 from the end on', () => {
    expect(expectedProgress(period, '2023-12-01')).toBe(0);
    expect(expectedProgress(period, '2024-01-01')).toBe(0);
    expect(expectedProgress(period, '2024-04-10')).toBe(100);
    expect(expectedProgress(period, '2025-06-01')).toBe(100);
  });
  it('is null without both dates', () => {
    expect(expectedProgress({ startDate: '2024-01-01' }, midway)).toBeNull();
    expect(expectedProgress({ startDate: null, endDate: '2024-04-10' }, midway)).toBeNull();
  });
});

describe('actionHealth', () => {
  const at = (progress: number | null, today = midway) => actionHealth({ status: 'in_progress', progress, ...period }, today);

  it('is on track from 95 % of the expected progress', () => {
    expect(at(50)).toBe('on_track');
    expect(at(80)).toBe('on_track');
    expect(at(47.5)).toBe('on_track'); // exactly 95 %
  });
  it('is behind from 85 % to just under 95 %', () => {
    expect(at(47.4)).toBe('behind'); // 94.8 %
    expect(at(42.5)).toBe('behind'); // exactly 85 %
  });
  it('is at risk below 85 %', () => {
    expect(at(42.4)).toBe('at_risk'); // 84.8 %
    expect(at(0)).toBe('at_risk');
  });
  it('uses the status default when no progress is recorded', () => {
    expect(actionHealth({ status: 'planned', ...period }, midway)).toBe('at_risk'); // should have started
    expect(at(null)).toBeNull(); // in progress, nothing to compare
  });
  it('is on track before the start', () => {
    expect(at(0, '2023-11-15')).toBe('on_track');
    expect(actionHealth({ status: 'planned', ...period }, '2024-01-01')).toBe('on_track');
  });
  it('expects 100 % after the end', () => {
    expect(at(96, '2024-06-01')).toBe('on_track');
    expect(at(90, '2024-06-01')).toBe('behind');
    expect(at(60, '2024-06-01')).toBe('at_risk');
  });
  it('is on track when done and has no health when abandoned', () => {
    expect(actionHealth({ status: 'done', progress: 10, ...period }, '2024-06-01')).toBe('on_track');
    expect(actionHealth({ status: 'done' }, '2024-06-01')).toBe('on_track');
    expect(actionHealth({ status: 'abandoned', progress: 10, ...period }, midway)).toBeNull();
  });
  it('is null without dates', () => {
    expect(actionHealth({ status: 'in_progress', progress: 50, startDate: '2024-01-01' }, midway)).toBeNull();
  });
});

describe('countByHealth', () => {
  it('counts each action once by its health, unknown for no dates or abandoned', () => {
    const actions = [
      { status: 'in_progress' as const, progress: 50, ...period }, // on track
      { status: 'in_progress' as const, progress: 45, ...period }, // behind (90 %)
      { status: 'in_progress' as const, progress: 10, ...period }, // at risk
      { status: 'done' as const }, // on track
      { status: 'abandoned' as const, progress: 10, ...period }, // unknown
      { status: 'in_progress' as const, progress: 50 }, // unknown: no dates
    ];
    expect(countByHealth(actions, midway)).toEqual({ onTrack: 2, behind: 1, atRisk: 1, unknown: 2 });
    expect(countByHealth([], midway)).toEqual({ onTrack: 0, behind: 0, atRisk: 0, unknown: 0 });
  });
});
