import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoSchemes, type Store } from '@sosms/core';
import { ENGINES, openTestStore } from '@sosms/core/testing';
import { executeQuery } from '../src/index.ts';
import { exampleOperations } from './helpers.ts';

/*
 * The answers of the example queries (examples/queries/*.graphql, with the variables of their
 * `# variables:` line) on the five real schemes, byte for byte, as captured in test/fixtures/examples/
 * before reads were compiled into SQL. A change of data or rules that changes an answer on purpose
 * regenerates them: UPDATE_FIXTURES=1 pnpm --filter @sosms/graphql exec vitest run test/example-answers.test.ts
 */
const FIXTURES = new URL('./fixtures/examples/', import.meta.url);

for (const engine of ENGINES) {
  describe(`example query answers on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await loadDemoSchemes(store.db);
    });
    afterAll(() => store?.close());

    for (const op of exampleOperations()) {
      it(`${op.name} answers byte for byte as captured`, async () => {
        const answer = `${JSON.stringify(await executeQuery(store.db, op.query, op.variables, { today: '2026-11-23' }), null, 1)}\n`;
        const file = new URL(`${op.name}.json`, FIXTURES);
        if (process.env.UPDATE_FIXTURES) writeFileSync(file, answer);
        expect(answer).toBe(readFileSync(file, 'utf8'));
        expect(answer).not.toContain('"errors"');
      });
    }
  });
}
