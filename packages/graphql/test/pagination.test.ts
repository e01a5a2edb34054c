import { describe, expect, it } from 'vitest';
import { offsetToCursor, resolveArrayConnection } from '@pothos/plugin-relay';
import { arrayConnection, MAX_PAGE_SIZE, type ConnectionArgs } from '../src/pagination.ts';

/** What a client reads of a connection: every cursor and flag (through the getters of ours). */
interface ReadConnection {
  readonly edges: Iterable<{ readonly cursor: string; readonly node: string } | null>;
  readonly pageInfo: { readonly startCursor?: string | null; readonly endCursor?: string | null; readonly hasPreviousPage: boolean; readonly hasNextPage: boolean };
}

function read({ edges, pageInfo }: ReadConnection) {
  return {
    edges: [...edges].map((e) => ({ cursor: e!.cursor, node: e!.node })),
    pageInfo: { startCursor: pageInfo.startCursor, endCursor: pageInfo.endCursor, hasPreviousPage: pageInfo.hasPreviousPage, hasNextPage: pageInfo.hasNextPage },
  };
}

describe('arrayConnection', () => {
  const items = Array.from({ length: 130 }, (_, i) => `item ${i}`);
  const pages: ConnectionArgs[] = [
    {},
    { first: 0 },
    { first: 3 },
    { first: 100 },
    { first: 5, after: offsetToCursor(2) },
    { first: 5, after: offsetToCursor(127) },
    { last: 4, before: offsetToCursor(10) },
    { first: 10, last: 3 },
    { after: offsetToCursor(129) },
  ];

  it.each(pages)('gives the page and cursors of Pothos for %j', (args) => {
    for (const list of [items, items.slice(0, 7), []]) {
      const ours = arrayConnection(args, list, 'fr');
      const pothos = resolveArrayConnection({ args, defaultSize: MAX_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, list);
      expect(read(ours)).toEqual(read(pothos));
      expect(ours.totalCount).toBe(list.length);
    }
  });

  it('refuses a page larger than 100, in French by default', () => {
    expect(() => arrayConnection({ first: 101 }, items, 'fr')).toThrow('« first » doit être compris entre 0 et 100');
  });
});
