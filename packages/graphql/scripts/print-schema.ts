// Print the GraphQL schema to packages/graphql/schema.graphql (the contract the widgets read).
// Usage: pnpm --filter @sosms/graphql print-schema
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from '../src/schema/index.ts';

/** Where the printed schema is committed. */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/**
 * The schema as committed: SDL plus a trailing newline.
 *
 * ### Examples
 * ```ts
 * expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
 * ```
 */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  process.stdout.write(`Schéma écrit / schema written: ${SCHEMA_FILE}\n`);
}
