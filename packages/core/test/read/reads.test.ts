import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../src/testing/engines.ts';
import type { Store } from '../../src/database/store.ts';
import { getSchemesByIds, listSchemes } from '../../src/scheme/scheme.repository.ts';
import { getOrientationsByIds, getOrientationsBySchemeIds } from '../../src/orientation/orientation.repository.ts';
import {
  getActionPartnersByActionIds,
  getActionUpdatesByActionIds,
  getActionsByIds,
  getActionsByOrientationIds,
  getActionsBySchemeIds,
  searchActions,
} from '../../src/action/action.repository.ts';
import { getPartnersByCodes, getPartnersByIds, listPartners } from '../../src/partner/partner.repository.ts';
import { getIndicatorsByIds, getIndicatorsByOwnerIds, getIndicatorsBySchemeIds, listIndicators } from '../../src/indicator/indicator.repository.ts';
import { getMeasurementsByIndicatorIds } from '../../src/measurement/measurement.repository.ts';
import { getLatestMeasurementsByIndicatorIds } from '../../src/indicator/stored-value.repository.ts';
import { recordMeasurement } from '../../src/measurement/measurement.service.ts';
import { operator } from '../../src/access/access.ts';
import { getDistrictsBySchemeIds } from '../../src/territory/district.repository.ts';
import { getBodyMembersByBodyIds, getGoverningBodiesBySchemeIds, getMeetingsByBodyIds } from '../../src/governance/governance.repository.ts';
import { getConsultationEventsBySchemeIds, getPhasesBySchemeIds, getProposalsBySchemeIds } from '../../src/consultation/consultation.repository.ts';
import type { Scheme } from '../../src/scheme/scheme.service.ts';
import { loadFixture } from './fixture.ts';
import { importSchemeFile } from '../../src/scheme-file/import.ts';

for (const engine of ENGINES) {
  describe(`batch reads and lists on ${engine}`, () => {
    let store: Store;
    const statements: string[] = [];
    let s48: Scheme;
    let s92: Scheme;
    /** Run `read` and return its result with the number of SQL statements it executed. */
    const counted = async <T>(read: () => Promise<T>): Promise<[T, number]> => {
      statements.length = 0;
      const result = await read();
      return [result, statements.length];
    };

    beforeAll(async () => {
      store = await openTestStore(engine, { onQuery: (s) => statements.push(s) });
      ({ s48, s92 } = await loadFixture(store.db));
    });
    afterAll(() => store?.close());

    it('maps scheme rows to camelCase domain objects', async () => {
      const [schemes, n] = await counted(() => getSchemesByIds(store.db, [s48.id, s92.id, 'not-a-uuid']));
      expect(n).toBe(1);
      expect(schemes.map((s) => s.code).sort()).toEqual(['t-48', 't-92']);
      expect(s48).toMatchObject({
        departments: ['48'],
        period: { start: 2024, end: 2028 },
        status: 'in_force',
        adoption: { date: '2024-03-15', reference: 'DEL-2024-12' },
        predecessorCode: null,
        levels: ['Orientation', 'Axe'],
        principles: [{ kind: 'value', text: 'La bienveillance' }],
        published: true,
        illustrative: true,
      });
      expect(s48.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await getSchemesByIds(store.db, [])).toEqual([]);
    });

    it('reads the trees of several schemes in one statement each', async () => {
      const [orientations, n1] = await counted(() => getOrientationsBySchemeIds(store.db, [s48.id, s92.id]));
      expect(n1).toBe(1);
      expect(orientations.filter((o) => o.schemeId === s48.id).map((o) => o.code)).toEqual(['1', '2', '1.1']);
      expect(orientations.filter((o) => o.schemeId === s92.id)).toHaveLength(3);
      const o11 = orientations.find((o) => o.schemeId === s48.id && o.code === '1.1')!;
      const o1 = orientations.find((o) => o.schemeId === s48.id && o.code === '1')!;
      expect(o11).toMatchObject({ parentId: o1.id, depth: 1, position: 0, objectives: [] });
      expect((await getOrientationsByIds(store.db, [o1.id, o11.id])).length).toBe(2);

      const [actions, n2] = await counted(() => getActionsBySchemeIds(store.db, [s48.id, s92.id]));
      expect(n2).toBe(1);
      expect(actions.filter((a) => a.schemeId === s92.id).map((a) => a.code).sort()).toEqual(['1.1.1', '2.1', '2.2']);
      const a111 = actions.find((a) => a.schemeId === s48.id && a.code === '1.1.1')!;
      expect(a111).toMatchObject({
        orientationId: o11.id,
        publics: ['carers', 'elderly'],
        startDate: '2024-01-01',
        milestones: [{ date: '2025-06-30', title: 'Ouverture du guichet' }],
        budget: [{ year: 2024, funder: 'test-caf', planned: 10000, executed: 8000 }],
        status: 'in_progress',
        progress: 40,
        priority: 'high',
      });
      const top2 = orientations.filter((o) => o.code === '2').map((o) => o.id);
      const [byOrientation, n3] = await counted(() => getActionsByOrientationIds(store.db, top2));
      expect(n3).toBe(1);
      expect(byOrientation.map((a) => `${a.schemeId === s48.id ? 48 : 92}:${a.code}`).sort()).toEqual(['48:2.1', '92:2.1', '92:2.2']);
      expect((await getActionsByIds(store.db, [a111.id])).map((a) => a.code)).toEqual(['1.1.1']);

      const actionIds = actions.filter((a) => a.code === '1.1.1').map((a) => a.id);
      const [links, n4] = await counted(() => getActionPartnersByActionIds(store.db, actionIds));
      expect(n4).toBe(1);
      expect(links).toHaveLength(4);
      const partners = await getPartnersByIds(store.db, [...new Set(links.map((l) => l.partnerId))]);
      const pilot = links.find((l) => l.actionId === a111.id && l.role === 'pilot')!;
      expect(partners.find((p) => p.id === pilot.partnerId)?.code).toBe('test-ars');
      const [updates, n5] = await counted(() => getActionUpdatesByActionIds(store.db, actionIds));
      expect(n5).toBe(1);
      expect(new Set(updates.map((u) => u.actionId))).toEqual(new Set(actionIds));
      expect(updates[0]).toMatchObject({ date: '2024-06-01', kind: 'achievement', text: 'Recrutement fait', illustrative: true });
    });

    it('reads indicators, measurements, districts, governance and consultation by parent ids', async () => {
      const ids = [s48.id, s92.id];
      const [indicators, n1] = await counted(() => getIndicatorsBySchemeIds(store.db, ids));
      expect(n1).toBe(1);
      expect(indicators).toHaveLength(4);
      const shared = indicators.find((i) => i.schemeId === s48.id && i.code === 'ind-aidants')!;
      expect(shared).toMatchObject({ baseline: { value: 100, date: '2023-12-31' }, target: { value: 300, date: '2028-12-31' }, sharedCode: 'aidants-accompagnes', orientationId: null });
      expect(shared.actionId).not.toBeNull();
      expect(shared.ownerPartnerId).not.toBeNull();
      const schemeLevel = await getIndicatorsByOwnerIds(store.db, 'scheme', ids);
      expect(schemeLevel.map((i) => i.code)).toEqual(['ind-pop', 'ind-pop']);
      const actionLevel = await getIndicatorsByOwnerIds(store.db, 'action', indicators.map((i) => i.actionId).filter((a): a is string => a !== null));
      expect(actionLevel.map((i) => i.code)).toEqual(['ind-aidants', 'ind-aidants']);
      expect((await getIndicatorsByIds(store.db, [shared.id]))[0]).toEqual(shared);

      const sharedIds = indicators.filter((i) => i.code === 'ind-aidants').map((i) => i.id);
      const [series, n2] = await counted(() => getMeasurementsByIndicatorIds(store.db, sharedIds));
      expect(n2).toBe(1);
      expect(series.filter((m) => m.indicatorId === shared.id).map((m) => `${m.period} ${m.territory} ${m.value ?? m.missingReason}`)).toEqual([
        '2024 dep:48 150',
        '2025 com:48095 statistical_secrecy',
        '2025 dep:48 180',
      ]);

      const [districts, n3] = await counted(() => getDistrictsBySchemeIds(store.db, ids));
      expect(n3).toBe(1);
      expect(districts.map((d) => d.schemeId).sort()).toEqual([...ids].sort());
      expect(districts[0]).toMatchObject({ code: 'mds-nord', kind: 'MDS', communes: ['com:48095', 'com:48166'] });

      const [bodies, n4] = await counted(() => getGoverningBodiesBySchemeIds(store.db, ids));
      expect(n4).toBe(1);
      expect(bodies).toHaveLength(2);
      const [members, n5] = await counted(() => getBodyMembersByBodyIds(store.db, bodies.map((b) => b.id)));
      expect(n5).toBe(1);
      expect(members.map((m) => m.role)).toEqual(['membre', 'membre']);
      const [meetings, n6] = await counted(() => getMeetingsByBodyIds(store.db, bodies.map((b) => b.id)));
      expect(n6).toBe(1);
      expect(meetings[0]).toMatchObject({ date: '2024-04-09', decisions: [{ text: 'Orientations validées', orientations: ['1'] }] });

      const [phases, n7] = await counted(() => getPhasesBySchemeIds(store.db, ids));
      const [events, n8] = await counted(() => getConsultationEventsBySchemeIds(store.db, ids));
      const [proposals, n9] = await counted(() => getProposalsBySchemeIds(store.db, ids));
      expect([n7, n8, n9]).toEqual([1, 1, 1]);
      expect(phases.map((p) => p.startDate)).toEqual(['2023-01-30', '2023-01-30']);
      expect(events[0]).toMatchObject({ participants: 107, proposalsCount: 93, partners: ['test-caf'] });
      expect(proposals[0]).toMatchObject({ eventCode: 'gt1', outcome: 'retained', actions: ['1.1.1'] });
    });

    it('latest measurement takes the latest period and the highest revision', async () => {
      const [indicator] = (await getIndicatorsBySchemeIds(store.db, [s48.id])).filter((i) => i.code === 'ind-aidants');
      const [latest, n] = await counted(() => getLatestMeasurementsByIndicatorIds(store.db, [indicator!.id]));
      expect(n).toBe(1);
      expect(latest).toHaveLength(1);
      expect(latest[0]).toMatchObject({ period: '2025', territory: 'dep:48', value: 180, revision: 1 });
      const corrected = await recordMeasurement(store.db, { principal: operator() }, indicator!.id, { period: '2025', territory: 'dep:48', value: 185, comment: 'correction' });
      expect(corrected.revision).toBe(2);
      const after = await getLatestMeasurementsByIndicatorIds(store.db, [indicator!.id]);
      expect(after[0]).toMatchObject({ value: 185, revision: 2, comment: 'correction' });
      const district = await getLatestMeasurementsByIndicatorIds(store.db, [indicator!.id], { territory: 'com:48095' });
      expect(district[0]).toMatchObject({ value: null, missingReason: 'statistical_secrecy' });
      const current = await getMeasurementsByIndicatorIds(store.db, [indicator!.id]);
      expect(current.filter((m) => m.period === '2025' && m.territory === 'dep:48').map((m) => m.value)).toEqual([185]);
      const history = await getMeasurementsByIndicatorIds(store.db, [indicator!.id], { history: true });
      expect(history.filter((m) => m.period === '2025' && m.territory === 'dep:48').map((m) => [m.revision, m.value])).toEqual([
        [1, 180],
        [2, 185],
      ]);
    });

    it('hides drafts and unpublished schemes unless the reader may see them', async () => {
      const codes = async (visibility: { all?: boolean; departments?: string[] }) =>
        (await listSchemes(store.db, { visibility })).items.map((s) => s.code).sort();
      expect(await codes({})).toEqual(['t-48', 't-92']);
      expect(await codes({ departments: ['77'] })).toEqual(['t-48', 't-77', 't-92']);
      expect(await codes({ departments: ['72', '77'] })).toEqual(['t-48', 't-72', 't-77', 't-92']);
      expect(await codes({ all: true })).toEqual(['t-48', 't-72', 't-77', 't-92']);
      const [filtered, n] = await counted(() => listSchemes(store.db, { departments: ['92'], statuses: ['in_force'], visibility: {} }));
      expect(n).toBe(1);
      expect(filtered).toMatchObject({ totalCount: 1, items: [{ code: 't-92' }] });
      expect((await listSchemes(store.db, { text: 'familles', visibility: {} })).totalCount).toBe(2);
      expect((await searchActions(store.db, { schemeCodes: ['t-77'], visibility: {} })).totalCount).toBe(0);
      expect((await searchActions(store.db, { schemeCodes: ['t-77'], visibility: { departments: ['77'] } })).totalCount).toBe(3 - 1);
      expect((await listIndicators(store.db, { sharedCodes: ['aidants-accompagnes'], visibility: {} })).totalCount).toBe(2);
      expect((await listIndicators(store.db, { sharedCodes: ['aidants-accompagnes'], visibility: { all: true } })).totalCount).toBe(4);
    });

    it('searches actions in French, with filters and pages', async () => {
      const [found, n] = await counted(() => searchActions(store.db, { text: 'accompagnement', visibility: {} }));
      expect(n).toBe(1);
      expect(found.items.map((a) => a.title)).toEqual(['Accompagner les aidants des personnes âgées', 'Accompagner les aidants des personnes âgées']);
      expect(found.totalCount).toBe(2);
      const none = await searchActions(store.db, { text: 'accompagnement -aidants', visibility: {} });
      expect(none.totalCount).toBe(0);
      const byTheme = await searchActions(store.db, { themes: ['collective_support', 'carer_support'], departments: ['92'], visibility: {} });
      expect(byTheme.items.map((a) => a.code)).toEqual(['1.1.1', '2.2']);
      const byPartner = await searchActions(store.db, { partnerCodes: ['test-caf'], statuses: ['in_progress'], visibility: {} });
      expect(byPartner.items.map((a) => a.code)).toEqual(['1.1.1', '1.1.1']);
      const byPublic = await searchActions(store.db, { publics: ['elderly'], schemeStatuses: ['in_force'], visibility: { all: true } });
      expect(byPublic.totalCount).toBe(3);
      const page = await searchActions(store.db, { visibility: {} }, { limit: 2, offset: 2 });
      expect(page.totalCount).toBe(5);
      expect(page.items.map((a) => `${a.schemeId === s92.id ? 92 : 48}:${a.code}`)).toEqual(['92:1.1.1', '92:2.1']);
      const beyond = await searchActions(store.db, { visibility: {} }, { limit: 2, offset: 50 });
      expect(beyond).toEqual({ items: [], totalCount: 5 });
      // `limit: 0` asks for the count alone (GraphQL `first: 0`): it must not read as "nothing matches".
      expect(await searchActions(store.db, { visibility: {} }, { limit: 0 })).toEqual({ items: [], totalCount: 5 });
      expect((await listSchemes(store.db, { visibility: {} }, { limit: 0 })).totalCount).toBe(2);
      expect((await listIndicators(store.db, { visibility: {} }, { limit: 0 })).totalCount).toBeGreaterThan(0);
      expect((await listPartners(store.db, {}, { limit: 0 })).totalCount).toBe(2);
      expect((await searchActions(store.db, { text: 'introuvable', visibility: {} })).totalCount).toBe(0);
    });

    it('lists and finds partners', async () => {
      const [byCode, n] = await counted(() => getPartnersByCodes(store.db, ['test-caf', 'test-ars', 'nobody']));
      expect(n).toBe(1);
      expect(byCode.map((p) => p.kind).sort()).toEqual(['ars', 'caf']);
      expect((await listPartners(store.db, { kinds: ['caf'] })).items.map((p) => p.code)).toEqual(['test-caf']);
      expect((await listPartners(store.db, { text: 'ars de' })).items.map((p) => p.name)).toEqual(['ARS de test']);
      expect((await listPartners(store.db, {})).totalCount).toBe(2);
      // A département given in the wrong form is an error with its path, as for schemes and actions, not zero partners.
      const wrong = await listPartners(store.db, { departments: ['92', 'dep:92'], lang: 'en' }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'departments[1]', code: 'department_code', message: 'invalid INSEE département code (e.g. 92, 2A, 974): dep:92' }] });
    });

    // Last: it adds a scheme, which would change the counts of the tests above.
    it('sorts actions in the order of the scheme tree, not by code text', async () => {
      await importSchemeFile(store.db, {
        scheme: { code: 't-2a-order', title: 'Ordre', departments: ['2A'], period: { start: 2024, end: 2028 }, status: 'in_force' },
        orientations: [
          {
            code: '1',
            title: 'Un',
            actions: [
              { code: '1.2', title: 'Deuxième' },
              { code: '1.10', title: 'Dixième' },
            ],
            orientations: [{ code: '1.1', title: 'Sous-orientation', actions: [{ code: '1.1.1', title: 'Sous-action' }] }],
          },
          { code: '2', title: 'Deux', actions: [{ code: '2.1', title: 'Autre' }] },
        ],
      });
      const { items } = await searchActions(store.db, { schemeCodes: ['t-2a-order'], visibility: {} });
      expect(items.map((a) => a.code)).toEqual(['1.2', '1.10', '1.1.1', '2.1']);
    });
  });
}
