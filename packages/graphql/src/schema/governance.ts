import { builder } from '../builder.ts';
import { MeetingConnection, MemberConnection } from './connections.ts';
import { arrayConnection } from '../pagination.ts';
import { BodyKind } from './enums.ts';
import { GoverningBodyRef, MeetingRef, MemberRef, PartnerRef, SchemeRef } from './refs.ts';

const schemeIllustrative = async (ctx: { loaders: { schemeById: { load(id: string): Promise<{ illustrative: boolean } | undefined> } } }, schemeId: string) =>
  (await ctx.loaders.schemeById.load(schemeId))?.illustrative ?? false;

GoverningBodyRef.implement({
  description: 'Instance de gouvernance : COPIL, comité technique, instance citoyenne…',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    kind: t.field({ type: BodyKind, resolve: (b) => b.kind }),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    position: t.exposeInt('position'),
    illustrative: t.boolean({ resolve: (b, _args, ctx) => schemeIllustrative(ctx, b.schemeId) }),
    scheme: t.field({ type: SchemeRef, resolve: async (b, _args, ctx) => (await ctx.loaders.schemeById.load(b.schemeId))! }),
    members: t.connection({
      type: MemberRef,
      description: "Membres (organisations) de l'instance",
      resolve: async (b, args, ctx) => arrayConnection(args, await ctx.loaders.membersByBodyId.load(b.id), ctx.lang),
    }, MemberConnection),
    meetings: t.connection({
      type: MeetingRef,
      description: 'Réunions, par date',
      resolve: async (b, args, ctx) => arrayConnection(args, await ctx.loaders.meetingsByBodyId.load(b.id), ctx.lang),
    }, MeetingConnection),
  }),
});

MemberRef.implement({
  description: "Membre d'une instance : une organisation partenaire et son rôle",
  fields: (t) => ({
    role: t.exposeString('role', { nullable: true }),
    position: t.exposeInt('position'),
    partner: t.field({ type: PartnerRef, resolve: async (m, _args, ctx) => (await ctx.loaders.partnerById.load(m.partnerId))! }),
    illustrative: t.boolean({ resolve: () => false }),
  }),
});

const Decision = builder.objectRef<{ text: string; orientations?: string[]; actions?: string[] }>('Decision').implement({
  description: "Décision prise en réunion, avec les orientations et actions qu'elle concerne (codes)",
  fields: (t) => ({
    text: t.exposeString('text'),
    orientationCodes: t.stringList({ resolve: (d) => d.orientations ?? [] }),
    actionCodes: t.stringList({ resolve: (d) => d.actions ?? [] }),
  }),
});

MeetingRef.implement({
  description: "Réunion d'une instance",
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.expose('date', { type: 'Date' }),
    title: t.exposeString('title'),
    summary: t.exposeString('summary', { nullable: true }),
    decisions: t.field({ type: [Decision], resolve: (m) => m.decisions }),
    illustrative: t.boolean({ resolve: () => false }),
  }),
});
