// Identifiers from outside are checked before they reach a `uuid` column.

/**
 * Whether a string is a UUID: ids from outside are checked before they reach a `uuid` column, so a
 * malformed id reads as "not found" instead of failing the statement.
 *
 * ### Examples
 * ```ts
 * isUuid('not-an-id'); // false
 * ```
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
