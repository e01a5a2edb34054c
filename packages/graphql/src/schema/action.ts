import {
  actionHealth,
  addActionUpdate,
  districtTerritory,
  getOfficialTerritory,
  effectiveProgress,
  isSchemeVisible,
  notFoundError,
  roundPercent,
  saveAction,
  updateAction,
  searchActions,
  PUBLICS,
  THEMES,
  type Action,
  type ActionFilter,
  type Health as HealthCode,
  type Scheme,
  type Territory,
} from '@sosms/core';
import { builder } from '../builder.ts';
import { ActionConnection, ActionPartnerConnection, ActionUpdateConnection, IndicatorConnection } from './connections.ts';
import { canSeeScheme, withLatestMeasurements, type Context } from '../context.ts';
import { arrayConnection, pagedConnection } from '../pagination.ts';
import { ActionRole, ActionStatus, Health, Priority, PublicCode, SchemeStatus, ThemeCode, UpdateKind } from './enums.ts';
import { Public, Theme } from './nomenclature.ts';
import { withoutNulls } from './orientation.ts';
import { idOf } from './ids.ts';
import {
  ActionPartnerRef,
  ActionRef,
  ActionUpdateRef,
  AlertRef,
  BudgetLineRef,
  IndicatorRef,
  MilestoneRef,
  OrientationRef,
  PartnerRef,
  SchemeRef,
  TerritoryRef,
} from './refs.ts';

MilestoneRef.implement({
  description: 'Jalon daté d’une action',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date' }),
    title: t.exposeString('title'),
    done: t.boolean({ resolve: (m) => m.done ?? false }),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

BudgetLineRef.implement({
  description: 'Budget prévu et exécuté d’une action, par année et par financeur',
  fields: (t) => ({
    year: t.exposeInt('year'),
    funderCode: t.string({ description: 'Code du partenaire financeur', resolve: (b) => b.funder }),
    funder: t.field({ type: PartnerRef, nullable: true, resolve: async (b, _args, ctx) => (await ctx.loaders.partnerByCode.load(b.funder)) ?? null }),
    planned: t.float({ nullable: true, resolve: (b) => b.planned ?? null }),
    executed: t.float({ nullable: true, resolve: (b) => b.executed ?? null }),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

ActionPartnerRef.implement({
  description: "Rôle d'un partenaire dans une action (pilote, copilote, partenaire, financeur)",
  fields: (t) => ({
    role: t.field({ type: ActionRole, resolve: (p) => p.role }),
    partner: t.field({ type: PartnerRef, resolve: async (p, _args, ctx) => (await ctx.loaders.partnerById.load(p.partnerId))! }),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

ActionUpdateRef.implement({
  description: "Point d'avancement daté : obstacle, prochaine étape ou réalisation",
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.expose('date', { type: 'Date' }),
    kind: t.field({ type: UpdateKind, resolve: (u) => u.kind }),
    text: t.exposeString('text'),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

builder.node(ActionRef, {
  description: 'Une action (fiche-action) du schéma',
  id: { resolve: (a) => a.id },
  loadMany: async (ids, ctx: Context) => {
    const found = await ctx.loaders.actionById.loadMany(ids);
    return Promise.all(found.map(async (a) => (a instanceof Error || !a || !(await canSeeScheme(ctx, a.schemeId)) ? null : a)));
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'orientationId' in value && 'expectedResults' in value,
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    easyRead: t.exposeString('easyRead', { nullable: true, description: 'Résumé FALC' }),
    objectives: t.exposeStringList('objectives'),
    expectedResults: t.exposeStringList('expectedResults'),
    publics: t.field({ type: [Public], resolve: (a) => PUBLICS.filter((p) => (a.publics as string[]).includes(p.code)) }),
    themes: t.field({ type: [Theme], resolve: (a) => THEMES.filter((th) => (a.themes as string[]).includes(th.code)) }),
    territoryCodes: t.stringList({ description: 'Codes des territoires visés (dep:92, com:…, ou districts du schéma)', resolve: (a) => a.territories }),
    territories: t.field({
      type: [TerritoryRef],
      description: 'Territoires visés, avec nom et population',
      resolve: async (a, _args, ctx) => {
        const districts = a.territories.some((code) => !code.includes(':') && code !== 'fr') ? await ctx.loaders.districtsBySchemeId.load(a.schemeId) : [];
        return a.territories.flatMap((code): Territory[] => {
          const official = code === 'fr' || code.includes(':') ? getOfficialTerritory(code) : undefined;
          const district = districts.find((d) => d.code === code);
          return official ? [official] : district ? [districtTerritory(district)] : [];
        });
      },
    }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    milestones: t.field({ type: [MilestoneRef], resolve: (a) => a.milestones.map((m) => ({ ...m, illustrative: a.illustrative })) }),
    budget: t.field({ type: [BudgetLineRef], resolve: (a) => a.budget.map((b) => ({ ...b, illustrative: a.illustrative })) }),
    priority: t.field({ type: Priority, nullable: true, resolve: (a) => a.priority }),
    status: t.field({ type: ActionStatus, resolve: (a) => a.status }),
    recordedProgress: t.exposeFloat('progress', { nullable: true, description: 'Avancement saisi (0–100), tel quel' }),
    progress: t.float({
      nullable: true,
      description: "Avancement retenu (0–100) : la valeur saisie, sinon celle du statut ; null pour une action abandonnée",
      resolve: (a) => roundPercent(effectiveProgress({ status: a.status, progress: a.progress })),
    }),
    weight: t.exposeFloat('weight', { nullable: true }),
    position: t.exposeInt('position'),
    illustrative: t.exposeBoolean('illustrative'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    health: t.field({
      type: Health,
      nullable: true,
      description: 'Avancement réel comparé au temps écoulé (null sans dates, ou action abandonnée)',
      // From the action already read: no SQL, no dataloader (the alerts below need the latest update).
      resolve: (a, _args, ctx) => actionHealth(a, ctx.today),
    }),
    alerts: t.field({
      type: [AlertRef],
      description: 'Mise à jour trop ancienne, échéance dépassée',
      resolve: async (a, _args, ctx) => (await ctx.loaders.actionHealthByActionId.load(a.id))?.alerts ?? [],
    }),
    lastUpdateDate: t.field({
      type: 'Date',
      nullable: true,
      resolve: async (a, _args, ctx) => (await ctx.loaders.actionHealthByActionId.load(a.id))?.lastUpdateDate ?? null,
    }),
    scheme: t.field({ type: SchemeRef, resolve: async (a, _args, ctx) => (await ctx.loaders.schemeById.load(a.schemeId))! }),
    orientation: t.field({ type: OrientationRef, resolve: async (a, _args, ctx) => (await ctx.loaders.orientationById.load(a.orientationId))! }),
    pilot: t.field({
      type: PartnerRef,
      nullable: true,
      description: 'Le partenaire pilote',
      resolve: async (a, _args, ctx) => {
        const pilot = (await ctx.loaders.actionPartnersByActionId.load(a.id)).find((p) => p.role === 'pilot');
        return pilot ? ((await ctx.loaders.partnerById.load(pilot.partnerId)) ?? null) : null;
      },
    }),
    partners: t.connection({
      type: ActionPartnerRef,
      description: 'Partenaires et leur rôle',
      resolve: async (a, args, ctx) =>
        arrayConnection(args, (await ctx.loaders.actionPartnersByActionId.load(a.id)).map((p) => ({ ...p, illustrative: a.illustrative })), ctx.lang),
    }, ActionPartnerConnection),
    updates: t.connection({
      type: ActionUpdateRef,
      description: "Points d'avancement, du plus récent au plus ancien",
      resolve: async (a, args, ctx) => arrayConnection(args, await ctx.loaders.actionUpdatesByActionId.load(a.id), ctx.lang),
    }, ActionUpdateConnection),
    indicators: t.connection({
      type: IndicatorRef,
      resolve: async (a, args, ctx, info) =>
        arrayConnection(args, await withLatestMeasurements(ctx, info, await ctx.loaders.indicatorsByActionId.load(a.id)), ctx.lang),
    }, IndicatorConnection),
  }),
});

const ActionFilterInput = builder.inputType('ActionFilter', {
  description: 'Filtre des actions, tous schémas confondus (chaque critère doit être vrai ; une liste vaut « l’un de »)',
  fields: (t) => ({
    departments: t.stringList({ description: 'Départements du schéma, ex. ["92"] (sans préfixe dep:)' }),
    regions: t.stringList({ description: 'Codes INSEE de régions, ex. ["11"] (Île-de-France) : les schémas de leurs départements' }),
    schemeCodes: t.stringList(),
    schemeStatuses: t.field({ type: [SchemeStatus] }),
    themes: t.field({ type: [ThemeCode] }),
    publics: t.field({ type: [PublicCode] }),
    statuses: t.field({ type: [ActionStatus] }),
    health: t.field({ type: [Health], description: 'Santé calculée à la date du jour (parmi les 20 000 premières actions correspondant aux autres critères)' }),
    partner: t.string({ description: "Code d'un partenaire ayant un rôle dans l'action" }),
    text: t.string({ description: 'Recherche plein texte en français (« accompagner » trouve « accompagnement »), syntaxe web ("mots exacts", -exclu, or), 200 caractères et 16 mots au plus ; les mots exacts passent avant leurs dérivés' }),
  }),
});

/** How many matching actions a health filter looks at (health is computed, not stored). */
const HEALTH_FILTER_SCAN = 20_000;

builder.queryFields((t) => ({
  actions: t.connection({
    type: ActionRef,
    description: 'Les actions de tous les schémas visibles, filtrées',
    args: { filter: t.arg({ type: ActionFilterInput }) },
    resolve: async (_root, args, ctx) => {
      const f = args.filter;
      const filter: ActionFilter = {
        departments: f?.departments ?? undefined,
        regions: f?.regions ?? undefined,
        lang: ctx.lang,
        schemeCodes: f?.schemeCodes ?? undefined,
        schemeStatuses: (f?.schemeStatuses ?? undefined) as ActionFilter['schemeStatuses'],
        themes: (f?.themes ?? undefined) as ActionFilter['themes'],
        publics: (f?.publics ?? undefined) as ActionFilter['publics'],
        statuses: (f?.statuses ?? undefined) as ActionFilter['statuses'],
        partnerCodes: f?.partner ? [f.partner] : undefined,
        text: f?.text ?? undefined,
        visibility: ctx.visibility,
      };
      const health = f?.health as HealthCode[] | null | undefined;
      if (!health?.length) return pagedConnection(args, ctx.lang, (page) => searchActions(ctx.readDb, filter, page));
      const matching: Action[] = [];
      for (let offset = 0; offset < HEALTH_FILTER_SCAN; offset += 500) {
        const page = await searchActions(ctx.readDb, filter, { limit: 500, offset });
        matching.push(...page.items);
        if (offset + 500 >= page.totalCount) break;
      }
      const kept = matching.filter((a) => {
        const h = actionHealth(a, ctx.today);
        return h !== null && health.includes(h);
      });
      return arrayConnection(args, kept, ctx.lang);
    },
  }, ActionConnection),
}));

const PartnerRoleInput = builder.inputType('ActionPartnerInput', {
  fields: (t) => ({ partner: t.string({ required: true, description: 'Code du partenaire' }), role: t.field({ type: ActionRole, required: true }) }),
});
const MilestoneInput = builder.inputType('MilestoneInput', {
  fields: (t) => ({ date: t.field({ type: 'Date', required: true }), title: t.string({ required: true }), done: t.boolean() }),
});
const BudgetLineInput = builder.inputType('BudgetLineInput', {
  fields: (t) => ({ year: t.int({ required: true }), funder: t.string({ required: true, description: 'Code du partenaire financeur' }), planned: t.float(), executed: t.float() }),
});

const actionInputFields = (required: boolean) => (t: PothosInputFieldBuilder) => ({
  code: t.string({ required }),
  title: t.string({ required }),
  description: t.string(),
  easyRead: t.string(),
  objectives: t.stringList(),
  expectedResults: t.stringList(),
  publics: t.field({ type: [PublicCode] }),
  themes: t.field({ type: [ThemeCode] }),
  territories: t.stringList(),
  pilot: t.string({ description: 'Code du partenaire pilote' }),
  partners: t.field({ type: [PartnerRoleInput] }),
  startDate: t.field({ type: 'Date' }),
  endDate: t.field({ type: 'Date' }),
  milestones: t.field({ type: [MilestoneInput] }),
  budget: t.field({ type: [BudgetLineInput] }),
  priority: t.field({ type: Priority }),
  status: t.field({ type: ActionStatus }),
  progress: t.float({ description: '0–100 ; absent lors d’un changement de statut : avancement par défaut du statut' }),
  weight: t.float(),
  illustrative: t.boolean(),
});
type PothosInputFieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

const ActionInput = builder.inputType('ActionInput', {
  description: "Une action entière (créée ou remplacée d'après son code)",
  fields: (t) => actionInputFields(true)(t),
});
const ActionPatchInput = builder.inputType('ActionPatchInput', {
  description: "Modification partielle d'une action (champ absent : inchangé)",
  fields: (t) => {
    const { code: _code, ...rest } = actionInputFields(false)(t);
    return rest;
  },
});
const ActionUpdateInput = builder.inputType('ActionUpdateInput', {
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true }),
    kind: t.field({ type: UpdateKind, required: true }),
    text: t.string({ required: true }),
    illustrative: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  saveAction: t.field({
    type: ActionRef,
    description: "Créer ou remplacer une action d'après son code, sous une orientation (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      orientationCode: t.arg.string({ required: true }),
      input: t.arg({ type: ActionInput, required: true }),
    },
    resolve: async (_root, args, ctx) => (await saveAction(ctx.db, ctx.caller, args.schemeCode, args.orientationCode, withoutNulls(args.input))).action,
  }),
  updateAction: t.field({
    type: ActionRef,
    description: "Modifier une action (statut, avancement…) ; un changement de statut sans avancement applique l'avancement par défaut du statut",
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: ActionPatchInput, required: true }) },
    resolve: async (_root, args, ctx) => (await updateAction(ctx.db, ctx.caller, idOf(args.id, 'Action'), withoutNulls(args.input))).action,
  }),
  addActionUpdate: t.field({
    type: ActionUpdateRef,
    description: "Ajouter un point d'avancement daté à une action",
    args: { actionId: t.arg.globalID({ required: true }), input: t.arg({ type: ActionUpdateInput, required: true }) },
    resolve: (_root, args, ctx) => addActionUpdate(ctx.db, ctx.caller, idOf(args.actionId, 'Action'), withoutNulls(args.input)),
  }),
}));

