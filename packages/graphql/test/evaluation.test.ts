import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, listAuditEntries } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const EVALUATION = `query E($code: String!) { schemeEvaluation(schemeCode: $code) {
  schemeCode
  evaluations { code kind date authors { name kind } questions { code criteria findings indicatorCodes } recommendations { code followUp { status date note } actionCodes } }
  legalTrail { code kind date number assembly body opinion changes { text actionCode indicatorCode } illustrative }
  targetRevisions { indicatorCode date original { value date } revised { value date } justification actCode }
  lineage { predecessorSchemeCode predecessorActionCode fate actionCodes }
  continuations { successorSchemeCode actionCode fate successorActionCodes }
} }`;

for (const engine of ENGINES) {
  describe(`evaluation, legal trail, lineage and reports through GraphQL on ${engine}`, () => {
    let t: TestGateway;
    let editor92: string;
    let editor48: string;
    beforeAll(async () => {
      t = await startTestGateway(engine);
      editor92 = (await createToken(t.store.db, { label: 'Équipe schéma 92', role: 'editor', departments: ['92'] })).secret;
      editor48 = (await createToken(t.store.db, { label: 'Équipe schéma 48', role: 'editor', departments: ['48'] })).secret;
    });
    afterAll(() => t?.close());

    it('reads the evaluation data; internal notes only with a token of the département', async () => {
      const { body } = await post(t.url, EVALUATION, { code: '92-2024-2028' });
      expect(body.errors).toBeUndefined();
      const e = body.data.schemeEvaluation;
      expect(e.legalTrail.map((a: { code: string }) => a.code)).toEqual(['avis-cdca', 'avis-pjj', 'adoption', 'avenant-1']);
      expect(e.legalTrail[1]).toMatchObject({ kind: 'OPINION', opinion: 'FAVOURABLE_WITH_RESERVATIONS', illustrative: true });
      expect(e.targetRevisions[0]).toMatchObject({ indicatorCode: 'nombre-sst', original: { value: 14, date: '2025-12-31' }, revised: { value: 14, date: '2026-12-31' }, actCode: 'avenant-1' });
      expect(e.lineage.find((l: { predecessorActionCode: string }) => l.predecessorActionCode === '2.3')).toEqual({ predecessorSchemeCode: '92-78-2018-2023', predecessorActionCode: '2.3', fate: 'SPLIT', actionCodes: ['2.3', '3.3'] });
      expect(e.evaluations[0].recommendations[0].followUp).toEqual({ status: 'DONE', date: '2026-10-15', note: null });
      const team = await post(t.url, EVALUATION, { code: '92-2024-2028' }, bearer(editor92));
      expect(team.body.data.schemeEvaluation.evaluations[0].recommendations[0].followUp.note).toBe('Avenant n° 1 voté.');
      const previous = await post(t.url, EVALUATION, { code: '92-78-2018-2023' });
      expect(previous.body.data.schemeEvaluation.continuations).toHaveLength(11);
      const series = await post(t.url, `{ indicatorSeries(sharedCode: "rsa-emploi-12m", territory: "dep:92") { schemeCode period value } }`);
      expect(new Set(series.body.data.indicatorSeries.map((p: { schemeCode: string }) => p.schemeCode))).toEqual(new Set(['92-78-2018-2023', '92-2024-2028']));
      const action = await post(t.url, `{ scheme(code: "92-2024-2028") { actions(first: 50) { nodes { code recommendations { code } } } } }`);
      const a51 = action.body.data.scheme.actions.nodes.find((n: { code: string }) => n.code === '5.1');
      expect(a51.recommendations).toEqual([{ code: 'r-fidelisation' }]);
    });

    it('serves the report HTML, and refuses an unknown scheme, a bad kind or a date outside the period', async () => {
      const { body } = await post(t.url, `{ report(schemeCode: "92-2024-2028", kind: COPIL, date: "2026-06-30") { kind date lang html } }`);
      expect(body.errors).toBeUndefined();
      expect(body.data.report).toMatchObject({ kind: 'COPIL', date: '2026-06-30', lang: 'fr' });
      expect(body.data.report.html).toContain('<html lang="fr">');
      expect(body.data.report.html).toContain('Revue du comité de pilotage');
      const en = await post(t.url, `{ report(schemeCode: "48-2018-2022", kind: PUBLIC) { html } }`, {}, { 'accept-language': 'en' });
      expect(en.body.data.report.html).toContain('<html lang="en">');
      const outside = await post(t.url, `{ report(schemeCode: "92-2024-2028", kind: ANNUAL, date: "2030-01-01") { html } }`);
      expect(outside.body.errors[0]).toMatchObject({ message: 'Date hors de la période du schéma : 2030-01-01 (le schéma couvre 2024-2028).', extensions: { code: 'VALIDATION' } });
      const unknown = await post(t.url, `{ report(schemeCode: "99-x", kind: FINAL) { html } }`);
      expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const kind = await post(t.url, `{ report(schemeCode: "92-2024-2028", kind: BILAN) { html } }`);
      expect(kind.body.errors[0].message).toMatch(/BILAN/);
    });

    it('revises a target and follows up a recommendation through mutations, refused to other départements', async () => {
      const REVISE = `mutation { reviseIndicatorTarget(schemeCode: "92-2024-2028", indicatorCode: "rsa-emploi-12m", date: "2027-01-20", revised: { value: 58 }, justification: "Marché du travail dégradé") { original { value } revised { value date } } }`;
      const done = async () => (await listAuditEntries(t.store.db, { outcome: 'done', limit: 1000 })).length;
      const refusals = async () => (await listAuditEntries(t.store.db, { outcome: 'refused', limit: 1000 })).map((a) => `${a.operation}:${a.code}`);
      const audit = await done();
      const refusedBefore = (await refusals()).length;
      const refused = await post(t.url, REVISE, {}, bearer(editor48));
      expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const anonymous = await post(t.url, REVISE);
      expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await done()).toBe(audit);
      // The 48 editor's attempt is on record as refused; the anonymous one is not.
      expect((await refusals()).slice(0, (await refusals()).length - refusedBefore)).toEqual(['indicator:revise-target:FORBIDDEN']);
      const { body } = await post(t.url, REVISE, {}, bearer(editor92));
      expect(body.data.reviseIndicatorTarget).toEqual({ original: { value: 62 }, revised: { value: 58, date: '2028-12-31' } });
      const follow = await post(
        t.url,
        `mutation { setRecommendationFollowUp(schemeCode: "92-2024-2028", evaluationCode: "mi-parcours", recommendationCode: "r-caravane", status: REJECTED, note: "Hors budget") { recommendations { code followUp { status note } } } }`,
        {},
        bearer(editor92),
      );
      expect(follow.body.data.setRecommendationFollowUp.recommendations[2]).toEqual({ code: 'r-caravane', followUp: { status: 'REJECTED', note: 'Hors budget' } });
      const lineage = await post(t.url, `mutation { setActionLineage(schemeCode: "92-2024-2028", predecessorActionCode: "9.9", fate: RENEWED) { fate } }`, {}, bearer(editor92));
      expect(lineage.body.errors[0].extensions.code).toBe('VALIDATION');
      expect(await done()).toBe(audit + 2);
      expect((await refusals())[0]).toBe('lineage:set:VALIDATION');
      // A lineage that names no previous scheme is of the scheme's predecessor, and the answer says which.
      const set = await post(t.url, `mutation { setActionLineage(schemeCode: "92-2024-2028", predecessorActionCode: "1.4", fate: DROPPED) { predecessorSchemeCode predecessorActionCode fate } }`, {}, bearer(editor92));
      expect(set.body).toEqual({ data: { setActionLineage: { predecessorSchemeCode: '92-78-2018-2023', predecessorActionCode: '1.4', fate: 'DROPPED' } } });
    });
  });
}
