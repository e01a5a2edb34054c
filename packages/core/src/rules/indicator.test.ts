import { describe, expect, it } from 'vitest';
import { completionRate } from './indicator.ts';

describe('completionRate', () => {
  it('measures the way from baseline to target on a rising indicator', () => {
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, 50)).toBe(50);
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, 40)).toBe(0);
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, 60)).toBe(100);
    expect(completionRate({ baselineValue: 0, targetValue: 3 }, 1)).toBe(33.3);
  });
  it('is right for falling targets', () => {
    expect(completionRate({ baselineValue: 20, targetValue: 10 }, 15)).toBe(50);
    expect(completionRate({ baselineValue: 20, targetValue: 10 }, 12)).toBe(80);
  });
  it('clamps to 0..100', () => {
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, 75)).toBe(100);
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, 30)).toBe(0);
    expect(completionRate({ baselineValue: 20, targetValue: 10 }, 25)).toBe(0);
    expect(completionRate({ baselineValue: 20, targetValue: 10 }, 5)).toBe(100);
  });
  it('is null when a value is missing or the target equals the baseline', () => {
    expect(completionRate({ baselineValue: null, targetValue: 60 }, 50)).toBeNull();
    expect(completionRate({ baselineValue: 40 }, 50)).toBeNull();
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, null)).toBeNull();
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, undefined)).toBeNull();
    expect(completionRate({ baselineValue: 40, targetValue: 40 }, 50)).toBeNull();
    expect(completionRate({ baselineValue: 40, targetValue: 60 }, Number.NaN)).toBeNull();
  });
  it('accepts a baseline of 0', () => {
    expect(completionRate({ baselineValue: 0, targetValue: 60 }, 30)).toBe(50);
  });
});
