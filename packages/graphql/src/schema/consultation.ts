import { deleteConsultationEvent, deletePhase, deleteProposal, linkProposalActions, saveConsultationEvent, savePhase, saveProposal, withoutNulls } from '@sosms/core';
import { builder } from '../builder.ts';
import { EventKind, PhaseKind, ProposalOutcome } from './enums.ts';
import { idOf } from './ids.ts';
import { FuzzyDateRef } from './fuzzy-date.ts';
import { ActionRef, ConsultationEventRef, PartnerRef, PhaseRef, ProposalRef, SchemeRef } from './refs.ts';

PhaseRef.implement({
  description: "Phase datée de la vie du schéma : élaboration, concertation, validation, mise en œuvre, évaluation",
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    kind: t.field({ type: PhaseKind, resolve: (p) => p.kind }),
    title: t.exposeString('title'),
    when: t.field({ type: FuzzyDateRef, description: 'Quand : un jour, un mois, une année, une période, ou non daté', resolve: (p) => p.when }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true, description: 'Premier jour couvert ; voir when' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true, description: 'Dernier jour couvert ; voir when' }),
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
    when: t.field({ type: FuzzyDateRef, description: 'Quand : un jour, un mois, une année, une période (18 entretiens sur plusieurs mois), ou non daté', resolve: (e) => e.when }),
    date: t.expose('date', { type: 'Date', nullable: true, description: 'Premier jour couvert (null si non daté) ; voir when' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true, description: 'Dernier jour couvert ; voir when' }),
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

const PhaseInput = builder.inputType('PhaseInput', {
  description: "Une phase de la vie du schéma (créée ou remplacée d'après son code)",
  fields: (t) => ({
    code: t.string({ required: true }),
    kind: t.field({ type: PhaseKind, required: true }),
    title: t.string({ required: true }),
    date: t.string({ description: 'Date floue : 2018-01-30, 2023-03, 2015, 2018-05/2018-07, 2019/.. ; absente : non datée' }),
    startDate: t.string({ description: 'Début (jour, mois ou année), autre écriture que date' }),
    endDate: t.string({ description: 'Fin (jour, mois ou année), incluse' }),
    description: t.string(),
  }),
});
const ConsultationEventInput = builder.inputType('ConsultationEventInput', {
  description: "Un temps de concertation (créé ou remplacé d'après son code)",
  fields: (t) => ({
    code: t.string({ required: true }),
    kind: t.field({ type: EventKind, required: true }),
    title: t.string({ required: true }),
    date: t.string({ description: 'Date floue : 2018-01-30, 2023-03, 2015, 2018-05/2018-07 ; absente : non daté' }),
    endDate: t.string({ description: 'Fin (jour, mois ou année) quand date est le début' }),
    participants: t.int(),
    proposalsCount: t.int(),
    partnerCodes: t.stringList({ description: 'Codes des partenaires présents' }),
    description: t.string(),
  }),
});
const ProposalInput = builder.inputType('ProposalInput', {
  description: "Une proposition issue de la concertation (créée ou remplacée d'après son code)",
  fields: (t) => ({
    code: t.string({ required: true }),
    text: t.string({ required: true }),
    eventCode: t.string({ description: 'Code du temps de concertation dont elle est issue' }),
    outcome: t.field({ type: ProposalOutcome, description: 'Absente : en attente' }),
    actionCodes: t.stringList({ description: 'Codes des actions du schéma qui en découlent' }),
    illustrative: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  savePhase: t.field({
    type: PhaseRef,
    description: "Créer ou remplacer une phase d'après son code (jeton editor de tous les départements du schéma)",
    args: { schemeCode: t.arg.string({ required: true }), input: t.arg({ type: PhaseInput, required: true }) },
    resolve: (_root, args, ctx) => savePhase(ctx.db, ctx.caller, args.schemeCode, withoutNulls(args.input)),
  }),
  saveConsultationEvent: t.field({
    type: ConsultationEventRef,
    description: "Créer ou remplacer un temps de concertation d'après son code (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), input: t.arg({ type: ConsultationEventInput, required: true }) },
    resolve: (_root, args, ctx) => {
      const { partnerCodes, ...rest } = args.input;
      return saveConsultationEvent(ctx.db, ctx.caller, args.schemeCode, withoutNulls({ ...rest, partners: partnerCodes }));
    },
  }),
  saveProposal: t.field({
    type: ProposalRef,
    description: "Créer ou remplacer une proposition d'après son code (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), input: t.arg({ type: ProposalInput, required: true }) },
    resolve: (_root, args, ctx) => {
      const { eventCode, actionCodes, ...rest } = args.input;
      return saveProposal(ctx.db, ctx.caller, args.schemeCode, withoutNulls({ ...rest, event: eventCode, actions: actionCodes }));
    },
  }),
  linkProposalActions: t.field({
    type: ProposalRef,
    description: 'Enregistrer les actions issues d’une proposition (remplace la liste) : des actions du même schéma (jeton editor)',
    args: { schemeCode: t.arg.string({ required: true }), proposalCode: t.arg.string({ required: true }), actionIds: t.arg.globalIDList({ required: true }) },
    resolve: (_root, args, ctx) => linkProposalActions(ctx.db, ctx.caller, args.schemeCode, args.proposalCode, args.actionIds.map((id) => idOf(id, 'Action'))),
  }),
  deletePhase: t.id({
    description: "Supprimer une phase d'après son code ; renvoie l'identifiant de la phase supprimée (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), code: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await deletePhase(ctx.db, ctx.caller, args.schemeCode, args.code)).id,
  }),
  deleteConsultationEvent: t.id({
    description: "Supprimer un temps de concertation d'après son code, refusé (CONFLICT) tant que des propositions en sont issues ; renvoie son identifiant (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), code: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await deleteConsultationEvent(ctx.db, ctx.caller, args.schemeCode, args.code)).id,
  }),
  deleteProposal: t.id({
    description: "Supprimer une proposition d'après son code (les actions qui en sont issues restent) ; renvoie son identifiant (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), code: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await deleteProposal(ctx.db, ctx.caller, args.schemeCode, args.code)).id,
  }),
}));
