import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ValueChecksPlugin from './value-checks.ts';
import type { Context } from './context.ts';

/**
 * The Pothos schema builder: code-first types, Relay nodes with global ids and connections that
 * carry a `totalCount`. Fields are non-null unless marked `nullable: true`.
 *
 * ### Examples
 * ```ts
 * builder.queryField('themes', (t) => t.field({ type: [Theme], resolve: () => THEMES }));
 * ```
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // ValueChecksPlugin: the core's value rules on every mutation's arguments (VALIDATION with a path).
  plugins: [RelayPlugin, ValueChecksPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // `nodes` next to `edges` lets clients skip the edge level when they do not need cursors.
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // schema/node.ts defines `node` and `nodes`: one bad id answers NOT_FOUND for itself alone.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.queryType({ description: 'Lecture des schémas de tous les départements / Read every département scheme' });
builder.mutationType({ description: 'Écritures, avec un jeton « Authorization: Bearer … » / Writes, with a bearer token' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'Nombre total d’éléments / Total number of items', resolve: (parent) => parent.totalCount }),
);
