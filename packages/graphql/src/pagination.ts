import { offsetForArgs, offsetToCursor, resolveOffsetConnection } from '@pothos/plugin-relay';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { DomainError, type Lang } from '@sosms/core';

/** The largest page a connection returns (`first` ≤ 100); also the default page size. */
export const MAX_PAGE_SIZE = 100;

/** Relay arguments of a connection field. */
export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

function checkPageSize(args: ConnectionArgs, lang: Lang): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      const message = lang === 'fr' ? `« ${name} » doit être compris entre 0 et ${MAX_PAGE_SIZE}` : `"${name}" must be between 0 and ${MAX_PAGE_SIZE}`;
      throw new DomainError('VALIDATION', message, [{ path: name, code: 'too_big', message }]);
    }
  }
}

/**
 * A Relay connection over a list already in memory (children grouped by a dataloader). Same page and
 * cursors as Pothos' `resolveArrayConnection`, but a cursor is encoded only when the query reads it: a
 * dashboard listing 5,000 items through `nodes` encodes none, instead of 8,000 base64 strings (edges and
 * page infos).
 *
 * ### Examples
 * ```ts
 * resolve: async (scheme, args, ctx) => arrayConnection(args, await ctx.loaders.orientationsBySchemeId.load(scheme.id), ctx.lang)
 * ```
 */
export function arrayConnection<T>(args: ConnectionArgs, items: readonly T[], lang: Lang) {
  checkPageSize(args, lang);
  const { offset, limit, expectedSize, hasPreviousPage, hasNextPage } = offsetForArgs({ args, defaultSize: MAX_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, totalCount: items.length });
  const nodes = items.slice(offset, offset + limit);
  const edges = nodes.slice(0, expectedSize).map((node, index) => new LazyEdge(node, offset + index));
  return { edges, totalCount: items.length, pageInfo: new LazyPageInfo(offset, edges.length, hasPreviousPage, hasNextPage(nodes.length)) };
}

/**
 * An edge of {@link arrayConnection}: its cursor is encoded when read. Exported, as {@link LazyPageInfo}, so that
 * the declarations of a function returning a connection can name it (an unexported class with private fields
 * fails the packed .d.ts build, TS4094).
 */
export class LazyEdge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return offsetToCursor(this.offset);
  }
}

/** The page info of {@link arrayConnection}: its cursors are encoded when read. */
export class LazyPageInfo {
  constructor(
    private readonly offset: number,
    private readonly size: number,
    readonly hasPreviousPage: boolean,
    readonly hasNextPage: boolean,
  ) {}

  get startCursor(): string {
    return offsetToCursor(this.offset);
  }

  get endCursor(): string {
    return offsetToCursor(this.offset + this.size - 1);
  }
}

/**
 * A Relay connection over a paged core list (`{ limit, offset }` → `{ items, totalCount }`).
 *
 * ### Examples
 * ```ts
 * resolve: (_, args, ctx) => pagedConnection(args, ctx.lang, (page) => listSchemes(ctx.db, filter, page))
 * ```
 */
export async function pagedConnection<T>(
  args: ConnectionArgs,
  lang: Lang,
  fetch: (page: { limit: number; offset: number }) => Promise<{ items: readonly T[]; totalCount: number }>,
) {
  checkPageSize(args, lang);
  let totalCount = 0;
  const connection = await resolveOffsetConnection({ args, defaultSize: MAX_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, async (page) => {
    const result = await fetch(page);
    totalCount = result.totalCount;
    return result.items;
  });
  return { ...connection, totalCount };
}

/**
 * Whether the items of the connection being resolved ask for one of `fields`, under `nodes { … }` or
 * `edges { node { … } }`, fragments included. Directives are not evaluated: a field under `@skip` counts as
 * asked (at worst, something is loaded for nothing).
 *
 * ### Examples
 * ```ts
 * // indicators { nodes { name latestMeasurement { value } } }
 * connectionItemsAsk(info, ['latestMeasurement']); // true
 * ```
 */
export function connectionItemsAsk(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  // GraphQL hands every item of a list the same field nodes: the answer is worked out once per list field.
  let answers = askedByFieldNodes.get(info.fieldNodes);
  if (!answers) askedByFieldNodes.set(info.fieldNodes, (answers = new Map()));
  const key = fields.join(',');
  let answer = answers.get(key);
  if (answer === undefined) {
    const items = [...subfields(info, info.fieldNodes, ['nodes']), ...subfields(info, subfields(info, info.fieldNodes, ['edges']), ['node'])];
    answers.set(key, (answer = subfields(info, items, fields).length > 0));
  }
  return answer;
}

const askedByFieldNodes = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

/** The fields named one of `names` right under the selections of `nodes`, through fragments. */
function subfields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], names: readonly string[]): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (names.includes(selection.name.value)) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return found;
}
