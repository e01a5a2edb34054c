import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { QUERIES } from '../src/data/queries.ts';

// The gateway's printed schema is the contract (docs/decisions/0001-architecture.md): validate against it.
const schema = buildSchema(readFileSync(fileURLToPath(new URL('../../graphql/schema.graphql', import.meta.url)), 'utf8'));

describe('widget queries', () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    test(`${name} is valid against the gateway's printed schema`, () => {
      const document = parse(query.text);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      // Each query's operation name is its key, so static files and the gateway's logs agree.
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
      expect(operation && 'name' in operation ? operation.name?.value : undefined).toBe(name);
    });
  }
});
