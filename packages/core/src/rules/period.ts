// Periods of measurements: a year `2024`, a quarter `2024-Q2`, a month `2024-03`.

/** First day of a period, for ordering: `2024-Q2` → `2024-04-01`. */
export function periodStart(value: string): string {
  const [y, rest] = value.split('-');
  if (!rest) return `${y}-01-01`;
  if (rest.startsWith('Q')) return `${y}-${String((Number(rest.slice(1)) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${y}-${rest}-01`;
}
