import { describe, expect, it } from 'vitest';
import { countActions, countOf } from './action-counts.ts';

describe('countActions', () => {
  it('counts each action once by status and once by health, most frequent first, illustrative ones told apart', () => {
    const counts = countActions([
      { status: 'in_progress', health: 'behind', illustrative: true },
      { status: 'in_progress', health: 'on_track' },
      { status: 'done', health: 'on_track', illustrative: false },
      { status: 'abandoned', health: null, illustrative: true },
      { status: 'in_progress', health: 'at_risk' },
    ]);
    expect(counts).toEqual({
      total: 5,
      illustrative: 2,
      byStatus: [
        { key: 'in_progress', count: 3, illustrative: 1 },
        { key: 'abandoned', count: 1, illustrative: 1 },
        { key: 'done', count: 1, illustrative: 0 },
      ],
      byHealth: [
        { key: 'on_track', count: 2, illustrative: 0 },
        { key: 'at_risk', count: 1, illustrative: 0 },
        { key: 'behind', count: 1, illustrative: 1 },
        { key: 'unknown', count: 1, illustrative: 1 },
      ],
    });
    expect(counts.byStatus.reduce((n, c) => n + c.count, 0)).toBe(counts.total);
    expect(counts.byHealth.reduce((n, c) => n + c.count, 0)).toBe(counts.total);
    expect(countOf(counts.byHealth, 'behind')).toBe(1);
    expect(countOf(counts.byStatus, 'planned')).toBe(0);
  });
  it('lists nothing for no action', () => {
    expect(countActions([])).toEqual({ total: 0, illustrative: 0, byStatus: [], byHealth: [] });
  });
});
