import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, listAuditEntries, revokeToken } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const LOZERE = '48-2018-2022';
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

for (const engine of ENGINES) {
  describe(`mutations and access on ${engine}`, () => {
    let t: TestGateway;
    let editor48: string;
    let editor92: string;
    let contributor48: string;
    let ownIndicator: { id: string; name: string };
    let otherIndicator: { id: string };
    let action: { id: string; status: string };

    const snapshot = async () => {
      const { body } = await post(
        t.url,
        `query Snapshot($code: String!) { scheme(code: $code) { title published status actions(first: 100) { nodes { id status recordedProgress } } indicators { nodes { id measurements(history: true) { totalCount } } } } }`,
        { code: LOZERE },
        bearer(editor48),
      );
      const audit = await listAuditEntries(t.store.db, { outcome: 'done', limit: 1000 });
      return { scheme: body.data.scheme, audit: audit.length };
    };

    beforeAll(async () => {
      t = await startTestGateway(engine);
      editor48 = (await createToken(t.store.db, { label: 'Équipe schéma Lozère', role: 'editor', departments: ['48'] })).secret;
      editor92 = (await createToken(t.store.db, { label: 'Équipe schéma 92', role: 'editor', departments: ['92'] })).secret;
      const { body } = await post(t.url, `{ indicators(filter: { departments: ["48"] }) { nodes { id name } } }`);
      [ownIndicator, otherIndicator] = body.data.indicators.nodes;
      expect(otherIndicator).toBeDefined();
      const { decodeGlobalID } = await import('@pothos/plugin-relay');
      contributor48 = (await createToken(t.store.db, { label: 'CAF de la Lozère', role: 'contributor', departments: ['48'], indicatorIds: [decodeGlobalID(ownIndicator.id).id] })).secret;
    });
    afterAll(() => t?.close());

    const RECORD = `mutation Record($id: ID!, $input: MeasurementInput!) { recordMeasurement(indicatorId: $id, input: $input) { value revision period territory indicator { name } } }`;

    it('refuses a mutation without a token, and changes nothing', async () => {
      const before = await snapshot();
      const { body } = await post(t.url, `mutation { updateScheme(code: "${LOZERE}", input: { title: "Piraté" }) { title } }`);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(/Authentification requise/);
      expect(await snapshot()).toEqual(before);
    });

    it("refuses an editor of another département, and changes nothing", async () => {
      const before = await snapshot();
      const { body } = await post(t.url, `mutation { unpublishScheme(code: "${LOZERE}") { published } }`, {}, bearer(editor92));
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      const record = await post(t.url, RECORD, { id: ownIndicator.id, input: { period: '2025', territory: 'dep:48', value: 1 } }, bearer(editor92));
      expect(record.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a contributor on an indicator its token does not name, and on scheme edits', async () => {
      const before = await snapshot();
      const other = await post(t.url, RECORD, { id: otherIndicator.id, input: { period: '2025', territory: 'dep:48', value: 3 } }, bearer(contributor48));
      expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const edit = await post(t.url, `mutation { updateScheme(code: "${LOZERE}", input: { summary: "x" }) { title } }`, {}, bearer(contributor48));
      expect(edit.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it('lets a contributor record its indicator: a new revision and an audit row with before and after', async () => {
      const first = await post(t.url, RECORD, { id: ownIndicator.id, input: { period: '2030', territory: 'dep:48', value: 10, illustrative: true } }, bearer(contributor48));
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data.recordMeasurement).toMatchObject({ value: 10, revision: 1, period: '2030' });
      const second = await post(t.url, RECORD, { id: ownIndicator.id, input: { period: '2030', territory: 'dep:48', value: 12, illustrative: true } }, bearer(contributor48));
      expect(second.body.data.recordMeasurement).toMatchObject({ value: 12, revision: 2 });
      const [entry] = await listAuditEntries(t.store.db, { entityType: 'Measurement', limit: 1 });
      expect(entry).toMatchObject({ operation: 'measurement:record', tokenLabel: 'CAF de la Lozère', before: { value: 10, revision: 1 }, after: { value: 12, revision: 2 } });
    });

    it('lets an editor create an orientation, an action, an update and an indicator, each audited', async () => {
      const auditBefore = (await listAuditEntries(t.store.db, { outcome: 'done', limit: 1000 })).length;
      const orientation = await post(
        t.url,
        `mutation { saveOrientation(schemeCode: "${LOZERE}", parentCode: "2", input: { code: "2.9", title: "Orientation de test" }) { code depth parent { code } } }`,
        {},
        bearer(editor48),
      );
      expect(orientation.body.errors).toBeUndefined();
      expect(orientation.body.data.saveOrientation).toEqual({ code: '2.9', depth: 1, parent: { code: '2' } });
      const saved = await post(
        t.url,
        `mutation Save($input: ActionInput!) { saveAction(schemeCode: "${LOZERE}", orientationCode: "2.9", input: $input) { id code status progress illustrative orientation { code } } }`,
        { input: { code: '2.9.1', title: 'Accompagner les aidants de test', status: 'IN_PROGRESS', progress: 40, startDate: '2026-01-01', endDate: '2027-12-31', themes: ['CARER_SUPPORT'], illustrative: true } },
        bearer(editor48),
      );
      expect(saved.body.errors).toBeUndefined();
      action = saved.body.data.saveAction;
      expect(action).toMatchObject({ code: '2.9.1', status: 'IN_PROGRESS', progress: 40, illustrative: true, orientation: { code: '2.9' } });
      const update = await post(
        t.url,
        `mutation Upd($id: ID!) { addActionUpdate(actionId: $id, input: { date: "2026-11-01", kind: ACHIEVEMENT, text: "Premier groupe réuni", illustrative: true }) { kind text } }`,
        { id: action.id },
        bearer(editor48),
      );
      expect(update.body.data.addActionUpdate).toEqual({ kind: 'ACHIEVEMENT', text: 'Premier groupe réuni' });
      const indicator = await post(
        t.url,
        `mutation { saveIndicator(schemeCode: "${LOZERE}", actionCode: "2.9.1", input: { code: "aidants-test", name: "Aidants accompagnés", unit: "personnes", baseline: { value: 0, date: "2025-12-31" }, target: { value: 100, date: "2027-12-31" }, illustrative: true }) { code action { code } } }`,
        {},
        bearer(editor48),
      );
      expect(indicator.body.errors).toBeUndefined();
      expect(indicator.body.data.saveIndicator).toEqual({ code: 'aidants-test', action: { code: '2.9.1' } });
      const read = await post(t.url, `query ($id: ID!) { node(id: $id) { ... on Action { lastUpdateDate updates { nodes { text } } indicators { totalCount } } } }`, { id: action.id });
      expect(read.body.data.node).toEqual({ lastUpdateDate: '2026-11-01', updates: { nodes: [{ text: 'Premier groupe réuni' }] }, indicators: { totalCount: 1 } });
      const audit = await listAuditEntries(t.store.db, { outcome: 'done', limit: 1000 });
      expect(audit.length - auditBefore).toBe(4);
      expect(audit.slice(0, 4).map((e) => e.operation).sort()).toEqual(['action-update:add', 'action:save', 'indicator:save', 'orientation:save']);
    });

    it('lets an editor change an action status; the status default progress applies and the audit keeps both states', async () => {
      const { body } = await post(
        t.url,
        `mutation Done($id: ID!) { updateAction(id: $id, input: { status: DONE }) { status progress recordedProgress health } }`,
        { id: action.id },
        bearer(editor48),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.updateAction).toMatchObject({ status: 'DONE', progress: 100, recordedProgress: 100, health: 'ON_TRACK' });
      const [entry] = await listAuditEntries(t.store.db, { entityType: 'Action', limit: 1 });
      expect(entry).toMatchObject({ operation: 'action:update', tokenLabel: 'Équipe schéma Lozère' });
      expect((entry!.before as { action: { status: string } }).action.status).toBe(action.status.toLowerCase());
      expect((entry!.after as { action: { status: string } }).action.status).toBe('done');
    });

    it('returns VALIDATION with field paths, in French or English, and writes nothing', async () => {
      const before = await snapshot();
      const mutation = `mutation Bad($id: ID!) { updateAction(id: $id, input: { startDate: "2024-06-01", endDate: "2024-01-01" }) { code } }`;
      const fr = await post(t.url, mutation, { id: action.id }, bearer(editor48));
      expect(fr.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'endDate' }] });
      expect(fr.body.errors[0].message).toMatch(/la date de fin précède la date de début/);
      const en = await post(t.url, mutation, { id: action.id }, { ...bearer(editor48), 'accept-language': 'en-GB,en;q=0.9' });
      expect(en.body.errors[0].message).toMatch(/the end date is before the start date/);
      expect(await snapshot()).toEqual(before);
    });

    it('hides an unpublished scheme from the public and other départements, not from its own team', async () => {
      const hide = await post(t.url, `mutation { unpublishScheme(code: "${LOZERE}") { published } }`, {}, bearer(editor48));
      expect(hide.body.data.unpublishScheme.published).toBe(false);
      const query = `query Seen($code: String!, $id: ID!) { scheme(code: $code) { code } schemes(filter: { departments: ["48"] }) { totalCount } actions(filter: { schemeCodes: [$code] }) { totalCount } node(id: $id) { id } }`;
      const anonymous = await post(t.url, query, { code: LOZERE, id: action.id });
      expect(anonymous.body.data).toEqual({ scheme: null, schemes: { totalCount: 0 }, actions: { totalCount: 0 }, node: null });
      const other = await post(t.url, query, { code: LOZERE, id: action.id }, bearer(editor92));
      expect(other.body.data.scheme).toBeNull();
      const team = await post(t.url, query, { code: LOZERE, id: action.id }, bearer(editor48));
      expect(team.body.data.scheme).toEqual({ code: LOZERE });
      expect(team.body.data.actions.totalCount).toBeGreaterThan(0);
      const blind = await post(t.url, `mutation { publishScheme(code: "${LOZERE}") { published } }`, {}, bearer(editor92));
      expect(blind.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const show = await post(t.url, `mutation { publishScheme(code: "${LOZERE}") { published } }`, {}, bearer(editor48));
      expect(show.body.data.publishScheme.published).toBe(true);
      expect((await post(t.url, query, { code: LOZERE, id: action.id })).body.data.scheme).toEqual({ code: LOZERE });
    });

    it('creates a draft scheme that only its département sees; refuses duplicates and other départements', async () => {
      const create = `mutation ($input: SchemeCreateInput!) { createScheme(input: $input) { code status published departments period { start end } } }`;
      const input = { code: '48-2023-2027', title: 'Schéma des solidarités 2023-2027', departments: ['48'], periodStart: 2023, periodEnd: 2027, predecessorCode: LOZERE };
      const forbidden = await post(t.url, create, { input }, bearer(editor92));
      expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const created = await post(t.url, create, { input }, bearer(editor48));
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data.createScheme).toEqual({ code: '48-2023-2027', status: 'DRAFT', published: true, departments: ['48'], period: { start: 2023, end: 2027 } });
      const read = `{ scheme(code: "48-2023-2027") { code predecessor { code } } }`;
      expect((await post(t.url, read)).body.data.scheme).toBeNull();
      expect((await post(t.url, read, {}, bearer(editor92))).body.data.scheme).toBeNull();
      expect((await post(t.url, read, {}, bearer(editor48))).body.data.scheme).toEqual({ code: '48-2023-2027', predecessor: { code: LOZERE } });
      const again = await post(t.url, create, { input }, bearer(editor48));
      expect(again.body.errors[0].extensions.code).toBe('CONFLICT');
      const [entry] = await listAuditEntries(t.store.db, { outcome: 'done', entityType: 'Scheme', limit: 1 });
      expect(entry).toMatchObject({ operation: 'scheme:create', before: null, after: { code: '48-2023-2027' } });
      const [refusal] = await listAuditEntries(t.store.db, { outcome: 'refused', entityType: 'Scheme', limit: 1 });
      expect(refusal).toMatchObject({ operation: 'scheme:create', code: 'CONFLICT', before: null, after: null });
    });

    it('sums the health of a scheme\'s actions', async () => {
      const { body } = await post(t.url, `{ scheme(code: "${LOZERE}") { healthSummary { onTrack behind atRisk unknown illustrative } actions { totalCount } } }`);
      const { healthSummary, actions } = body.data.scheme;
      expect(healthSummary.onTrack + healthSummary.behind + healthSummary.atRisk + healthSummary.unknown).toBe(actions.totalCount);
      expect(healthSummary.onTrack).toBeGreaterThanOrEqual(1);
    });

    it('counts a scheme\'s actions by status and by health as each action states them, the most frequent first', async () => {
      const { body } = await post(
        t.url,
        `{ scheme(code: "${LOZERE}") { healthSummary { onTrack behind atRisk unknown } actionCounts { total illustrative byStatus { status count illustrative } byHealth { health count illustrative } } actions { totalCount nodes { status health illustrative } } } }`,
      );
      const { actionCounts, healthSummary, actions } = body.data.scheme;
      const tally = (key: (a: { status: string; health: string | null }) => string | null) => {
        const counts = new Map<string | null, { count: number; illustrative: number }>();
        for (const a of actions.nodes) {
          const entry = counts.get(key(a)) ?? { count: 0, illustrative: 0 };
          counts.set(key(a), { count: entry.count + 1, illustrative: entry.illustrative + (a.illustrative ? 1 : 0) });
        }
        return counts;
      };
      expect(actionCounts.total).toBe(actions.totalCount);
      expect(actionCounts.illustrative).toBe(actions.nodes.filter((a: { illustrative: boolean }) => a.illustrative).length);
      const byStatus = tally((a) => a.status);
      expect(actionCounts.byStatus).toHaveLength(byStatus.size);
      for (const c of actionCounts.byStatus) expect(byStatus.get(c.status)).toEqual({ count: c.count, illustrative: c.illustrative });
      const byHealth = tally((a) => a.health);
      expect(actionCounts.byHealth).toHaveLength(byHealth.size);
      for (const c of actionCounts.byHealth) expect(byHealth.get(c.health)).toEqual({ count: c.count, illustrative: c.illustrative });
      const counts = actionCounts.byHealth.map((c: { count: number }) => c.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      const of = (health: string | null) => actionCounts.byHealth.find((c: { health: string | null }) => c.health === health)?.count ?? 0;
      expect(healthSummary).toEqual({ onTrack: of('ON_TRACK'), behind: of('BEHIND'), atRisk: of('AT_RISK'), unknown: of(null) });
    });

    it('answers 401 to a revoked token', async () => {
      const { secret, token } = await createToken(t.store.db, { label: 'temporaire', role: 'editor', departments: ['48'] });
      expect((await post(t.url, '{ themes(first: 1) { totalCount } }', {}, bearer(secret))).status).toBe(200);
      await revokeToken(t.store.db, token.id);
      const refused = await post(t.url, '{ themes(first: 1) { totalCount } }', {}, bearer(secret));
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
}
