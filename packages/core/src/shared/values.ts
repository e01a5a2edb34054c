// Small value helpers shared by every concept.

/**
 * A timestamp column as an ISO 8601 string, whichever driver read it.
 *
 * ### Examples
 * ```ts
 * toIsoTimestamp(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function toIsoTimestamp(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/**
 * Drop `null` and `undefined` values: the zod schemas take absent optional fields, not nulls.
 *
 * ### Examples
 * ```ts
 * withoutNulls({ a: 1, b: null }); // { a: 1 }
 * ```
 */
export function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
