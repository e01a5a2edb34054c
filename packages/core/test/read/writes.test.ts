import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../src/testing/engines.ts';
import type { Store } from '../../src/database/store.ts';
import { DomainError } from '../../src/validation/issues.ts';
import { operator } from '../../src/access/access.ts';
import { listAuditEntries } from '../../src/access/audit.repository.ts';
import { getSchemesByCodes } from '../../src/scheme/scheme.repository.ts';
import { setSchemePublished, updateScheme } from '../../src/scheme/scheme.service.ts';
import { getOrientationsBySchemeIds } from '../../src/orientation/orientation.repository.ts';
import { saveOrientation } from '../../src/orientation/orientation.service.ts';
import { getActionPartnersByActionIds, getActionsBySchemeIds } from '../../src/action/action.repository.ts';
import { addActionUpdate, saveAction } from '../../src/action/action.service.ts';
import { getPartnersByIds } from '../../src/partner/partner.repository.ts';
import { getIndicatorsBySchemeIds } from '../../src/indicator/indicator.repository.ts';
import { saveIndicator } from '../../src/indicator/indicator.service.ts';
import { recordMeasurement } from '../../src/measurement/measurement.service.ts';

/** The operator (the CLI's own principal), French and English; every write here is audited under it. */
const op = { principal: operator('tests') };
const en = { principal: operator('tests'), lang: 'en' as const };
/** The `before` the audit log recorded for the last write of an entity. */
const lastBefore = async (store: Store, entityId: string) => (await listAuditEntries(store.db, { entityId, outcome: 'done', limit: 1 }))[0]?.before;
import { loadFixture, snapshot } from './fixture.ts';

/**
 * Run a write that must fail: returns the DomainError and checks that nothing changed in the database
 * but one audit row of outcome `refused` carrying the error's code.
 */
async function refused(store: Store, write: () => Promise<unknown>): Promise<DomainError> {
  const before = await snapshot(store.db);
  const refusals = (await listAuditEntries(store.db, { outcome: 'refused', limit: 10_000 })).length;
  const error = await write().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(await snapshot(store.db)).toEqual(before);
  const after = await listAuditEntries(store.db, { outcome: 'refused', limit: 10_000 });
  expect(after).toHaveLength(refusals + 1);
  expect(after[0]).toMatchObject({ code: (error as DomainError).code, before: null, after: null, tokenLabel: 'tests' });
  return error as DomainError;
}

for (const engine of ENGINES) {
  describe(`granular writes on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await loadFixture(store.db);
    });
    afterAll(() => store?.close());

    it('updateScheme patches metadata, clears with null, and returns the state before', async () => {
      const [before] = await getSchemesByCodes(store.db, ['t-48']);
      const scheme = await updateScheme(store.db, op, 't-48', { title: 'Schéma unique des solidarités', summary: null, status: 'closed', adoption: { date: '2024-01-15', reference: 'CD-2024-01' } });
      if (!before) throw new Error('fixture');
      expect(before).toMatchObject({ title: 'Schéma de test des solidarités', status: 'in_force' });
      expect(before.summary).not.toBeNull();
      expect(scheme).toMatchObject({ code: 't-48', title: 'Schéma unique des solidarités', summary: null, status: 'closed', period: { start: 2024, end: 2028 } });
      expect(scheme.updatedAt >= before.updatedAt).toBe(true);
    });

    it('updateScheme refuses bad input in French, naming the field path, and writes nothing', async () => {
      const error = await refused(store, () => updateScheme(store.db, op, 't-48', { period: { start: 2024, end: 2040 }, title: '  ' }));
      expect(error.code).toBe('VALIDATION');
      expect(error.issues.map((i) => i.path).sort()).toEqual(['period.end', 'title']);
      expect(error.message).toContain('period.end : un schéma couvre au plus cinq ans');
      const english = await refused(store, () => updateScheme(store.db, en, 't-48', { departments: ['999'] }));
      expect(english.issues[0]).toMatchObject({ path: 'departments[0]', message: 'invalid INSEE département code (e.g. 92, 2A, 974)' });
      expect(english.message).toBe('Invalid data: departments[0]: invalid INSEE département code (e.g. 92, 2A, 974)');
      const renamed = await refused(store, () => updateScheme(store.db, op, 't-48', { code: 't-49' } as never));
      expect(renamed.issues).toEqual([{ path: 'code', code: 'code_immutable', message: "le code d'un schéma ne peut pas être modifié" }]);
      const missing = await refused(store, () => updateScheme(store.db, op, 'nope', { title: 'x' }));
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.message).toBe('schéma inconnu : nope');
      const missingEn = await refused(store, () => updateScheme(store.db, en, 'nope', { title: 'x' }));
      expect(missingEn.message).toBe('unknown scheme: nope');
    });

    it('setSchemePublished hides and shows a scheme', async () => {
      const scheme = await setSchemePublished(store.db, op, 't-92', false);
      expect([(await lastBefore(store, scheme.id) as { published: boolean }).published, scheme.published]).toEqual([true, false]);
      expect((await setSchemePublished(store.db, op, 't-92', true)).published).toBe(true);
      await refused(store, () => setSchemePublished(store.db, op, 'nope', true));
    });

    it('saveOrientation creates, updates and moves an orientation', async () => {
      const created = await saveOrientation(store.db, op, 't-48', { code: '1.2', title: 'Informer les publics', objectives: ['Un site lisible'] }, '1');
      expect(await lastBefore(store, created.id)).toBeNull();
      const tree = await getOrientationsBySchemeIds(store.db, [created.schemeId]);
      const o1 = tree.find((o) => o.code === '1')!;
      expect(created).toMatchObject({ parentId: o1.id, depth: 1, position: 1, objectives: ['Un site lisible'] });
      const updated = await saveOrientation(store.db, op, 't-48', { code: '1.2', title: 'Informer tous les publics', weight: 2 });
      expect((await lastBefore(store, updated.id) as { title: string }).title).toBe('Informer les publics');
      expect(updated).toMatchObject({ parentId: o1.id, title: 'Informer tous les publics', weight: 2, objectives: [] });
      const moved = await saveOrientation(store.db, op, 't-48', { code: '1', title: 'Gouvernance' }, '2');
      expect(moved.depth).toBe(1);
      const after = await getOrientationsBySchemeIds(store.db, [o1.schemeId]);
      expect(after.find((o) => o.code === '1.1')!.depth).toBe(2);
      const back = await saveOrientation(store.db, op, 't-48', { code: '1', title: 'Gouvernance' }, null);
      expect(back).toMatchObject({ parentId: null, depth: 0 });
      expect((await getOrientationsBySchemeIds(store.db, [o1.schemeId])).find((o) => o.code === '1.1')!.depth).toBe(1);
    });

    it('saveOrientation refuses bad input, unknown parents and cycles, writing nothing', async () => {
      const bad = await refused(store, () => saveOrientation(store.db, op, 't-48', { code: 'a b', title: '', weight: -1 }));
      expect(bad.issues.map((i) => i.path).sort()).toEqual(['code', 'title', 'weight']);
      expect(bad.issues.find((i) => i.path === 'code')?.message).toBe('code invalide : lettres, chiffres, points, tirets ou soulignés');
      const parent = await refused(store, () => saveOrientation(store.db, op, 't-48', { code: '9', title: 'X' }, 'nope'));
      expect(parent).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: 'parentCode', code: 'unknown_orientation' }] });
      const cycle = await refused(store, () => saveOrientation(store.db, op, 't-48', { code: '1', title: 'Gouvernance' }, '1.1'));
      expect(cycle.issues[0]).toMatchObject({ path: 'parentCode', code: 'cycle' });
    });

    it('saveAction creates and updates an action, applying status default progress', async () => {
      const created = await saveAction(store.db, op, 't-48', '2', { code: '2.9', title: 'Créer un accueil de jour', status: 'done', pilot: 'test-caf', territories: ['mds-nord', 'com:48095'] });
      expect(await lastBefore(store, created.action.id)).toBeNull();
      expect(created.action).toMatchObject({ code: '2.9', status: 'done', progress: 100, position: 1, territories: ['mds-nord', 'com:48095'] });
      expect(created.partners).toEqual([{ actionId: created.action.id, partnerId: expect.any(String), role: 'pilot' }]);

      const reopened = await saveAction(store.db, op, 't-48', '2', { code: '2.9', title: 'Créer un accueil de jour', status: 'planned' });
      expect((await lastBefore(store, reopened.action.id) as { action: { progress: number } }).action.progress).toBe(100);
      expect(reopened.action.progress).toBe(0);
      expect(reopened.partners).toHaveLength(1);

      const progressed = await saveAction(store.db, op, 't-48', '2', { code: '2.9', title: 'Créer un accueil de jour', status: 'in_progress', progress: 30, partners: [{ partner: 'test-ars', role: 'copilot' }] });
      expect(progressed.action).toMatchObject({ status: 'in_progress', progress: 30 });
      const links = await getActionPartnersByActionIds(store.db, [progressed.action.id]);
      expect((await getPartnersByIds(store.db, links.map((l) => l.partnerId))).map((p) => p.code)).toEqual(['test-ars']);

      const kept = await saveAction(store.db, op, 't-48', '1.1', { code: '2.9', title: 'Créer un accueil de jour' });
      expect(kept.action).toMatchObject({ status: 'in_progress', progress: 30 });
      const tree = await getOrientationsBySchemeIds(store.db, [kept.action.schemeId]);
      expect(kept.action.orientationId).toBe(tree.find((o) => o.code === '1.1')!.id);
    });

    it('saveAction refuses bad input and unknown references, writing nothing', async () => {
      const bad = await refused(store, () => saveAction(store.db, op, 't-48', '2', { code: '2.8', title: 'X', startDate: '2025-02-30', endDate: '2024-01-01', progress: 140 }));
      expect(bad.code).toBe('VALIDATION');
      expect([...new Set(bad.issues.map((i) => i.path))].sort()).toEqual(['endDate', 'progress', 'startDate']);
      expect(bad.issues.find((i) => i.path === 'startDate')?.message).toBe("cette date n'existe pas");
      expect(bad.message).toMatch(/^Données invalides : /);
      const order = await refused(store, () => saveAction(store.db, op, 't-48', '2', { code: '2.8', title: 'X', startDate: '2025-01-01', endDate: '2024-01-01' }));
      expect(order.issues).toEqual([{ path: 'endDate', code: 'end_before_start', message: 'la date de fin précède la date de début' }]);
      const refs = await refused(store, () =>
        saveAction(store.db, op, 't-48', '2', { code: '2.8', title: 'X', pilot: 'nobody', budget: [{ year: 2025, funder: 'ghost' }], territories: ['com:99999', 'mds-sud'] }),
      );
      expect(refs.issues.map((i) => `${i.path} ${i.code}`)).toEqual([
        'pilot unknown_partner',
        'budget[0].funder unknown_partner',
        'territories[0] unknown_territory',
        'territories[1] unknown_territory',
      ]);
      expect(refs.issues[0]!.message).toBe('partenaire inconnu : nobody');
      await refused(store, () => saveAction(store.db, op, 't-48', 'nope', { code: '2.8', title: 'X' }));
      await refused(store, () => saveAction(store.db, op, 'nope', '2', { code: '2.8', title: 'X' }));
    });

    it('addActionUpdate adds a dated update, or refuses and writes nothing', async () => {
      const [action] = (await getActionsBySchemeIds(store.db, (await getSchemesByCodes(store.db, ['t-92'])).map((s) => s.id))).filter((a) => a.code === '2.1');
      const update = await addActionUpdate(store.db, op, action!.id, { date: '2025-01-15', kind: 'obstacle', text: 'Recrutement difficile' });
      expect(update).toMatchObject({ actionId: action!.id, date: '2025-01-15', kind: 'obstacle', illustrative: false });
      const [touched] = (await getActionsBySchemeIds(store.db, [action!.schemeId])).filter((a) => a.id === action!.id);
      expect(touched!.updatedAt >= action!.updatedAt).toBe(true);
      const bad = await refused(store, () => addActionUpdate(store.db, op, action!.id, { date: '15/01/2025', kind: 'rumour', text: '' }));
      expect([...new Set(bad.issues.map((i) => i.path))].sort()).toEqual(['date', 'kind', 'text']);
      expect(bad.issues.find((i) => i.path === 'date')?.message).toBe('date attendue au format AAAA-MM-JJ');
      const missing = await refused(store, () => addActionUpdate(store.db, op, 'not-an-id', { date: '2025-01-15', kind: 'obstacle', text: 'x' }));
      expect(missing.code).toBe('NOT_FOUND');
      await refused(store, () => addActionUpdate(store.db, op, crypto.randomUUID(), { date: '2025-01-15', kind: 'obstacle', text: 'x' }));
    });

    it('saveIndicator creates, updates and re-attaches an indicator', async () => {
      const created = await saveIndicator(store.db, op, 't-48', { code: 'ind-new', name: 'Places en accueil de jour', unit: 'places', target: { value: 40, date: '2028-12-31' }, owner: 'test-caf' }, { actionCode: '2.1' });
      expect(await lastBefore(store, created.id)).toBeNull();
      expect(created).toMatchObject({ type: 'impact', direction: 'up', target: { value: 40, date: '2028-12-31' }, baseline: null, orientationId: null });
      expect(created.actionId).not.toBeNull();
      const updated = await saveIndicator(store.db, op, 't-48', { code: 'ind-new', name: 'Places en accueil de jour', unit: 'places', type: 'deployment' });
      expect((await lastBefore(store, updated.id) as { target: { value: number } }).target.value).toBe(40);
      expect(updated).toMatchObject({ type: 'deployment', target: null, actionId: created.actionId, ownerPartnerId: null });
      const moved = await saveIndicator(store.db, op, 't-48', { code: 'ind-new', name: 'Places en accueil de jour' }, { orientationCode: '2' });
      expect(moved.actionId).toBeNull();
      expect(moved.orientationId).not.toBeNull();
      const top = await saveIndicator(store.db, op, 't-48', { code: 'ind-new', name: 'Places en accueil de jour' }, {});
      expect([top.actionId, top.orientationId]).toEqual([null, null]);
    });

    it('saveIndicator refuses bad input and unknown owners, writing nothing', async () => {
      const bad = await refused(store, () => saveIndicator(store.db, op, 't-48', { code: 'ind-x', name: 'X', type: 'vanity', baseline: { value: 'ten', date: '2024-01-01' } }));
      expect(bad.issues.map((i) => i.path).sort()).toEqual(['baseline.value', 'type']);
      const owner = await refused(store, () => saveIndicator(store.db, op, 't-48', { code: 'ind-x', name: 'X', owner: 'ghost' }));
      expect(owner.issues).toEqual([{ path: 'owner', code: 'unknown_partner', message: 'partenaire inconnu : ghost' }]);
      const action = await refused(store, () => saveIndicator(store.db, op, 't-48', { code: 'ind-x', name: 'X' }, { actionCode: '7.7' }));
      expect(action).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: 'owner.actionCode' }] });
    });

    it('recordMeasurement inserts revision n+1, or refuses and writes nothing', async () => {
      const [indicator] = (await getIndicatorsBySchemeIds(store.db, (await getSchemesByCodes(store.db, ['t-92'])).map((s) => s.id))).filter((i) => i.code === 'ind-pop');
      // Quarterly, so that a quarter is accepted (periodicity is enforced on write).
      await store.db.updateTable('indicator').set({ periodicity: 'quarter' }).where('id', '=', indicator!.id).execute();
      const first = await recordMeasurement(store.db, op, indicator!.id, { period: '2024-Q2', territory: 'mds-nord', value: 12, provisional: true });
      expect(await lastBefore(store, first.id)).toBeNull();
      expect(first).toMatchObject({ revision: 1, periodStart: '2024-04-01', territory: 'mds-nord', provisional: true });
      const second = await recordMeasurement(store.db, op, indicator!.id, { period: '2024-Q2', territory: 'mds-nord', value: 13 });
      expect(second.revision).toBe(2);
      expect((await lastBefore(store, second.id) as { value: number }).value).toBe(12);
      const bad = await refused(store, () => recordMeasurement(store.db, op, indicator!.id, { period: '2024-13', territory: 'dep:92' }));
      expect(bad.issues.map((i) => `${i.path} ${i.message}`).sort()).toEqual([
        'period période attendue : AAAA, AAAA-T1…T4 écrit AAAA-Q1, ou AAAA-MM',
        "value une valeur ou la raison de son absence (missingReason) est obligatoire",
      ]);
      const territory = await refused(store, () => recordMeasurement(store.db, op, indicator!.id, { period: '2024', territory: 'dep:00', value: 1 }));
      expect(territory.issues[0]).toMatchObject({ path: 'territory', code: 'unknown_territory' });
      await refused(store, () => recordMeasurement(store.db, op, crypto.randomUUID(), { period: '2024', territory: 'dep:92', value: 1 }));
    });
  });
}
