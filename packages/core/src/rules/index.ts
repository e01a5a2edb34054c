// Pure rules of @sosms/core: progress roll-up, indicator completion, health and alerts.
export * from './progress.ts';
export * from './indicator.ts';
export * from './health.ts';
export * from './action-counts.ts';
export * from './alerts.ts';
export { addMonths, monthsBetween } from './dates.ts';
export * from './lifecycle.ts';
export * from './indicator-value.ts';
export { chartSeries, comparePeriods, compareSeries, formatPeriod } from './period.ts';
