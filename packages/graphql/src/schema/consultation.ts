import { builder } from '../builder.ts';
import { EventKind, PhaseKind, ProposalOutcome } from './enums.ts';
import { ActionRef, ConsultationEventRef, PartnerRef, PhaseRef, ProposalRef, SchemeRef } from './refs.ts';

PhaseRef.implement({
  description: "Phase datée de la vie du schéma : élaboration, concertation, validation, mise en œuvre, évaluation",
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    kind: t.field({ type: PhaseKind, resolve: (p) => p.kind }),
    title: t.exposeString('title'),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    position: t.exposeInt('position'),
    illustrative: t.boolean({ resolve: async (p, _args, ctx) => (await ctx.loaders.schemeById.load(p.schemeId))?.illustrative ?? false }),
    scheme: t.field({ type: SchemeRef, resolve: async (p, _args, ctx) => (await ctx.loaders.schemeById.load(p.schemeId))! }),
  }),
});

ConsultationEventRef.implement({
  description: 'Temps de concertation : groupe de travail, plénière, réunion publique…',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    kind: t.field({ type: EventKind, resolve: (e) => e.kind }),
    title: t.exposeString('title'),
    date: t.expose('date', { type: 'Date' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    participants: t.exposeInt('participants', { nullable: true }),
    proposalsCount: t.exposeInt('proposalsCount', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    position: t.exposeInt('position'),
    partnerCodes: t.exposeStringList('partners'),
    partners: t.field({
      type: [PartnerRef],
      resolve: async (e, _args, ctx) => (await ctx.loaders.partnerByCode.loadMany(e.partners)).filter((p) => p && !(p instanceof Error)) as never,
    }),
    illustrative: t.boolean({ resolve: async (e, _args, ctx) => (await ctx.loaders.schemeById.load(e.schemeId))?.illustrative ?? false }),
    scheme: t.field({ type: SchemeRef, resolve: async (e, _args, ctx) => (await ctx.loaders.schemeById.load(e.schemeId))! }),
  }),
});

ProposalRef.implement({
  description: 'Proposition issue de la concertation, et les actions qui en découlent',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    text: t.exposeString('text'),
    outcome: t.field({ type: ProposalOutcome, resolve: (p) => p.outcome }),
    eventCode: t.exposeString('eventCode', { nullable: true }),
    event: t.field({
      type: ConsultationEventRef,
      nullable: true,
      resolve: async (p, _args, ctx) => (p.eventCode ? ((await ctx.loaders.consultationEventsBySchemeId.load(p.schemeId)).find((e) => e.code === p.eventCode) ?? null) : null),
    }),
    actionCodes: t.exposeStringList('actions'),
    actions: t.field({
      type: [ActionRef],
      description: 'Actions issues de la proposition',
      resolve: async (p, _args, ctx) => (p.actions.length ? (await ctx.loaders.actionsBySchemeId.load(p.schemeId)).filter((a) => p.actions.includes(a.code)) : []),
    }),
    position: t.exposeInt('position'),
    illustrative: t.exposeBoolean('illustrative'),
    scheme: t.field({ type: SchemeRef, resolve: async (p, _args, ctx) => (await ctx.loaders.schemeById.load(p.schemeId))! }),
  }),
});
