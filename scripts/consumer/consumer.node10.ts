// A TypeScript consumer with the settings of an older CommonJS project: `module: commonjs`, whose default
// resolution (node10) ignores `exports` and reads the packages' `types` field. Compiled by `tsc -p
// tsconfig.node10.json` against the shipped declarations (skipLibCheck, as such projects have it: node10 cannot
// follow the dependencies' own subpath exports, kysely/migration); Node 22.12+ loads the ES modules with require().
import { createStore, type SchemeProgress } from '@sosms/core';
import { executeQuery, type QueryResult } from '@sosms/graphql';

export async function count(): Promise<unknown> {
  const store = await createStore();
  const answer: QueryResult = await executeQuery(store.db, '{ schemes { totalCount } }');
  await store.close();
  const progress: SchemeProgress | undefined = undefined;
  void progress;
  return answer.data;
}

// @ts-expect-error a store's location is a string (URL or folder)
void createStore({ location: 42 });
