import { addBodyMember, deleteGoverningBody, deleteMeeting, removeBodyMember, saveGoverningBody, saveMeeting, withoutNulls } from '@sosms/core';
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

const Person = builder.objectRef<{ role: string; name: string | null }>('Person').implement({
  description: 'Personne qui siège par sa fonction (aucune autre donnée personnelle que la fonction et un nom facultatif)',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'Fonction, ex. vice-président chargé des solidarités' }),
    name: t.exposeString('name', { nullable: true, description: 'Nom, facultatif' }),
  }),
});

MemberRef.implement({
  description: "Membre d'une instance : une organisation partenaire, ou une personne par sa fonction (pour une organisation ou non), et son rôle dans l'instance",
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.exposeString('role', { nullable: true, description: "Rôle dans l'instance (président, membre de droit…)" }),
    person: t.field({ type: Person, nullable: true, description: 'La personne, quand le membre siège par sa fonction', resolve: (m) => m.person }),
    position: t.exposeInt('position'),
    partner: t.field({
      type: PartnerRef,
      nullable: true,
      description: "L'organisation membre, ou celle pour laquelle siège la personne",
      resolve: async (m, _args, ctx) => (m.partnerId ? ((await ctx.loaders.partnerById.load(m.partnerId)) ?? null) : null),
    }),
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

const BodyMemberInput = builder.inputType('BodyMemberInput', {
  description: "Membre d'une instance : un partenaire (par son code), ou une personne par sa fonction (pour un partenaire ou non), et son rôle",
  fields: (t) => ({
    partner: t.string({ description: "Code du partenaire membre, ou de l'organisation pour laquelle la personne siège" }),
    personRole: t.string({ description: 'Fonction de la personne, ex. vice-président chargé des solidarités' }),
    personName: t.string({ description: 'Nom de la personne, facultatif (aucune autre donnée personnelle)' }),
    role: t.string({ description: "Rôle dans l'instance" }),
  }),
});

/** A member input as the core's member document. */
function toMemberDocument(input: { partner?: string | null; personRole?: string | null; personName?: string | null; role?: string | null }) {
  const { personRole, personName, ...rest } = input;
  return withoutNulls({ ...rest, person: personRole == null && personName == null ? null : withoutNulls({ role: personRole, name: personName }) });
}
const GoverningBodyInput = builder.inputType('GoverningBodyInput', {
  description: "Une instance de gouvernance (créée ou remplacée d'après son code) ; ses membres sont remplacés quand `members` est donné",
  fields: (t) => ({
    code: t.string({ required: true }),
    kind: t.field({ type: BodyKind, required: true }),
    name: t.string({ required: true }),
    description: t.string(),
    members: t.field({ type: [BodyMemberInput] }),
  }),
});
const DecisionInput = builder.inputType('DecisionInput', {
  fields: (t) => ({ text: t.string({ required: true }), orientationCodes: t.stringList(), actionCodes: t.stringList() }),
});
const MeetingInput = builder.inputType('MeetingInput', {
  description: "Réunion d'une instance et ses décisions (les orientations et actions nommées existent dans le schéma)",
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true }),
    title: t.string({ required: true }),
    summary: t.string(),
    decisions: t.field({ type: [DecisionInput] }),
  }),
});

builder.mutationFields((t) => ({
  saveGoverningBody: t.field({
    type: GoverningBodyRef,
    description: "Créer ou remplacer une instance de gouvernance d'après son code (jeton editor de tous les départements du schéma)",
    args: { schemeCode: t.arg.string({ required: true }), input: t.arg({ type: GoverningBodyInput, required: true }) },
    resolve: async (_root, args, ctx) => (await saveGoverningBody(ctx.db, ctx.caller, args.schemeCode, withoutNulls({ ...args.input, members: args.input.members?.map(toMemberDocument) }))).body,
  }),
  deleteGoverningBody: t.id({
    description: "Supprimer une instance, ses membres et ses réunions ; renvoie l'identifiant de l'instance supprimée (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), code: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await deleteGoverningBody(ctx.db, ctx.caller, args.schemeCode, args.code)).id,
  }),
  addGoverningBodyMember: t.field({
    type: GoverningBodyRef,
    description: "Faire siéger un partenaire dans une instance, ou changer son rôle (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), bodyCode: t.arg.string({ required: true }), input: t.arg({ type: BodyMemberInput, required: true }) },
    resolve: async (_root, args, ctx) => (await addBodyMember(ctx.db, ctx.caller, args.schemeCode, args.bodyCode, toMemberDocument(args.input))).body,
  }),
  removeGoverningBodyMember: t.field({
    type: GoverningBodyRef,
    description: "Retirer un partenaire d'une instance (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), bodyCode: t.arg.string({ required: true }), partnerCode: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await removeBodyMember(ctx.db, ctx.caller, args.schemeCode, args.bodyCode, args.partnerCode)).body,
  }),
  saveMeeting: t.field({
    type: MeetingRef,
    description: "Enregistrer une réunion d'une instance avec ses décisions : nouvelle sans `meetingId`, sinon remplacée (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      bodyCode: t.arg.string({ required: true }),
      meetingId: t.arg.id(),
      input: t.arg({ type: MeetingInput, required: true }),
    },
    resolve: (_root, args, ctx) => {
      const decisions = args.input.decisions?.map((d) => withoutNulls({ text: d.text, orientations: d.orientationCodes, actions: d.actionCodes }));
      return saveMeeting(ctx.db, ctx.caller, args.schemeCode, args.bodyCode, withoutNulls({ ...args.input, decisions }), args.meetingId == null ? null : String(args.meetingId));
    },
  }),
  deleteMeeting: t.id({
    description: "Supprimer une réunion d'une instance avec ses décisions ; renvoie l'identifiant de la réunion supprimée (jeton editor)",
    args: { schemeCode: t.arg.string({ required: true }), bodyCode: t.arg.string({ required: true }), meetingId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => (await deleteMeeting(ctx.db, ctx.caller, args.schemeCode, args.bodyCode, String(args.meetingId))).id,
  }),
}));
