import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import { DomainError } from '@sosms/core';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';

/** The types `node` and `nodes` load (each declared with `builder.node` and a `loadMany`). */
const NODE_TYPES = new Set(['Scheme', 'Orientation', 'Action', 'Indicator', 'Partner']);

/** The id as the client wrote it, shortened: it goes into a message, never into a cache. */
const shown = (id: string) => (id.length > 80 ? `${id.slice(0, 80)}…` : id);

function notFound(id: string, ctx: Context): DomainError {
  const message = ctx.lang === 'fr' ? `Aucun objet visible pour cet identifiant : ${shown(id)}` : `No visible object for this id: ${shown(id)}`;
  return new DomainError('NOT_FOUND', message, [{ path: 'id', code: 'not_found', message }]);
}

/**
 * Resolve global ids one by one: an id that does not decode, names an unknown type, or finds nothing the
 * caller may see (another département's draft) becomes a NOT_FOUND error for its own position only; the
 * other ids load as usual, batched by type (one statement per type).
 */
async function resolveGlobalIds(ids: readonly string[], ctx: Context, info: GraphQLResolveInfo): Promise<unknown[]> {
  const results: unknown[] = ids.map((id) => notFound(id, ctx));
  const decoded: { index: number; typename: string; id: string }[] = [];
  ids.forEach((raw, index) => {
    try {
      const { typename, id } = decodeGlobalID(String(raw));
      if (NODE_TYPES.has(typename)) decoded.push({ index, typename, id });
    } catch {
      // Bad encoding: NOT_FOUND stays in place.
    }
  });
  const byType = new Map<string, typeof decoded>();
  for (const entry of decoded) byType.set(entry.typename, [...(byType.get(entry.typename) ?? []), entry]);
  await Promise.all(
    [...byType.values()].map(async (entries) => {
      const loaded = await resolveNodes(builder, ctx, info, entries.map((e) => ({ typename: e.typename, id: e.id })));
      entries.forEach((entry, i) => {
        const value = loaded[i];
        if (value != null && !(value instanceof Error)) results[entry.index] = value;
      });
    }),
  );
  return results;
}

// Pothos' own `node`/`nodes` fail the whole list on one bad id (and answer an internal error to an
// unknown type): these replace them (builder.ts turns them off), same SDL.
builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const [value] = await resolveGlobalIds([String(args.id)], ctx, info);
      if (value instanceof Error) throw value;
      return value as never;
    },
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true }) },
    // An Error in the list is reported at its index (`path: ['nodes', i]`) and that item alone is null.
    resolve: async (_root, args, ctx, info) => (await resolveGlobalIds(args.ids.map(String), ctx, info)) as never,
  }),
}));
