import { getVisiblePartnersByIds, listPartners, PARTNER_KINDS, type PartnerKind as PartnerKindCode } from '@sosms/core';
import { builder } from '../builder.ts';
import { PartnerConnection } from './connections.ts';
import type { Context } from '../context.ts';
import { pagedConnection } from '../pagination.ts';
import { PartnerKind } from './enums.ts';
import { PartnerRef } from './refs.ts';

builder.node(PartnerRef, {
  description: 'Une organisation partenaire (jamais une personne) : CAF, ARS, association…',
  id: { resolve: (p) => p.id },
  // By global id, only what the caller may see (the rule of the `partners` list): a partner only a hidden draft declares is absent.
  loadMany: async (ids, ctx: Context) => {
    const found = new Map((await getVisiblePartnersByIds(ctx.readDb, ids, ctx.visibility)).map((p) => [p.id, p]));
    return ids.map((id) => found.get(id) ?? null);
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'siren' in value && 'kind' in value,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    kind: t.field({ type: PartnerKind, resolve: (p) => p.kind }),
    kindLabel: t.string({ resolve: (p, _args, ctx) => PARTNER_KINDS.find((k) => k.code === p.kind)?.label[ctx.lang] ?? p.kind }),
    siren: t.exposeString('siren', { nullable: true }),
    departments: t.exposeStringList('departments'),
    illustrative: t.boolean({ description: 'Les partenaires viennent des textes réels', resolve: () => false }),
  }),
});

const PartnerFilter = builder.inputType('PartnerFilter', {
  fields: (t) => ({
    kinds: t.field({ type: [PartnerKind] }),
    departments: t.stringList(),
    text: t.string({ description: 'Partie du nom ou du code' }),
  }),
});

builder.queryFields((t) => ({
  partners: t.connection({
    type: PartnerRef,
    description: 'Les partenaires, par nom',
    args: { filter: t.arg({ type: PartnerFilter }) },
    resolve: (_root, args, ctx) =>
      pagedConnection(args, ctx.lang, (page) =>
        listPartners(
          ctx.readDb,
          {
            kinds: (args.filter?.kinds ?? undefined) as PartnerKindCode[] | undefined,
            departments: args.filter?.departments ?? undefined,
            text: args.filter?.text ?? undefined,
            visibility: ctx.visibility,
            lang: ctx.lang,
          },
          page,
        ),
      ),
  }, PartnerConnection),
}));
