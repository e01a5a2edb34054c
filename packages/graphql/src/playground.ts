import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of example operations offered by the query page (GraphiQL, graphiql.ts) (examples/queries of the repository). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/queries/', import.meta.url));

/** An example operation: its file name and text. */
export interface ExampleQuery {
  readonly name: string;
  readonly query: string;
}

/**
 * The example `.graphql` files, sorted by name (none when the folder is missing).
 *
 * ### Examples
 * ```ts
 * readExamples().map((e) => e.name); // ['01-dashboard.graphql', …]
 * ```
 */
export function readExamples(dir = EXAMPLES_DIR): ExampleQuery[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  } catch {
    return [];
  }
  return files.map((f) => ({ name: basename(f), query: readFileSync(join(dir, f), 'utf8') }));
}
