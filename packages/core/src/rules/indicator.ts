import { roundPercent } from './progress.ts';

/** The reference values of an indicator that its completion rate needs. */
export interface CompletionInput {
  readonly baselineValue?: number | null;
  readonly targetValue?: number | null;
}

const isNumber = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * How far an indicator has gone from its baseline to its target, in percent, clamped to 0–100:
 * (current − baseline) / (target − baseline) × 100. Works for falling targets as well.
 * `null` when the baseline, the target or the current value is missing, or when the target equals the baseline.
 * Rounded to one decimal, like every figure the rules hand out.
 *
 * ### Examples
 * ```ts
 * completionRate({ baselineValue: 40, targetValue: 60 }, 50); // 50
 * completionRate({ baselineValue: 20, targetValue: 10 }, 15); // 50 (a falling target)
 * completionRate({ baselineValue: 40, targetValue: 60 }, 75); // 100 (clamped)
 * completionRate({ baselineValue: 40, targetValue: null }, 50); // null
 * ```
 */
export function completionRate(indicator: CompletionInput, current: number | null | undefined): number | null {
  const { baselineValue, targetValue } = indicator;
  if (!isNumber(baselineValue) || !isNumber(targetValue) || !isNumber(current)) return null;
  if (targetValue === baselineValue) return null;
  const rate = ((current - baselineValue) / (targetValue - baselineValue)) * 100;
  return roundPercent(Math.min(100, Math.max(0, rate)));
}
