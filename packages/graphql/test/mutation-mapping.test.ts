/**
 * Mutation resolvers hand what they are given to the command, which alone decides, on every engine:
 * the adoption facts of changeSchemeStatus and updateScheme (half of them is a VALIDATION naming the field,
 * never dropped while the stored vote stays, nor a cleared vote; both given are stored), and saveIndicator's
 * orientation and action (both given is the command's VALIDATION, not the action chosen by the resolver).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const CODE = '48-2031-2035';
const CHANGE = 'mutation ($code: String!, $input: StatusChangeInput!) { changeSchemeStatus(code: $code, input: $input) { status adoption { date reference } } }';

for (const engine of ENGINES) {
  describe(`mutations mapped onto their command, on ${engine}`, () => {
    let t: TestGateway;
    let headers: Record<string, string>;

    beforeAll(async () => {
      t = await startTestGateway(engine, { seed: false });
      headers = { authorization: `Bearer ${(await createToken(t.store.db, { label: 'Équipe Lozère', role: 'editor', departments: ['48'] })).secret}` };
      const created = await post(t.url, 'mutation ($input: SchemeCreateInput!) { createScheme(input: $input) { code } }', {
        input: { code: CODE, title: 'Schéma des solidarités', departments: ['48'], periodStart: 2031, periodEnd: 2035, status: 'DRAFT' },
      }, headers);
      expect(created.body.errors).toBeUndefined();
    });
    afterAll(() => t?.close());

    const change = async (input: Record<string, unknown>) => (await post(t.url, CHANGE, { code: CODE, input }, headers)).body;
    const issuesOf = (body: { errors?: { extensions: { code: string; issues?: { path: string }[] } }[] }) =>
      [body.errors?.[0]?.extensions.code, [...new Set(body.errors?.[0]?.extensions.issues?.map((i) => i.path))]];

    it('refuses half an adoption, stores a whole one, and never keeps the old vote in silence', async () => {
      expect(issuesOf(await change({ status: 'ADOPTED', adoptionReference: 'CD-2030-112' }))).toEqual(['VALIDATION', ['adoption.date']]);
      expect(issuesOf(await change({ status: 'ADOPTED', adoptionDate: '2030-12-15' }))).toEqual(['VALIDATION', ['adoption']]);
      expect(await change({ status: 'ADOPTED', adoptionDate: '2030-12-15', adoptionReference: 'CD-2030-112' })).toEqual({
        data: { changeSchemeStatus: { status: 'ADOPTED', adoption: { date: '2030-12-15', reference: 'CD-2030-112' } } },
      });
      // A new date alone, once a vote is stored, is refused rather than dropped while the old date stays.
      expect(issuesOf(await change({ status: 'IN_FORCE', adoptionDate: '2030-12-20' }))).toEqual(['VALIDATION', ['adoption']]);
      expect(await change({ status: 'IN_FORCE' })).toEqual({
        data: { changeSchemeStatus: { status: 'IN_FORCE', adoption: { date: '2030-12-15', reference: 'CD-2030-112' } } },
      });
      // updateScheme with a reference alone is refused too; it used to clear the whole vote.
      const update = 'mutation ($code: String!, $input: SchemeInput!) { updateScheme(code: $code, input: $input) { adoption { date reference } } }';
      const referenceOnly = (await post(t.url, update, { code: CODE, input: { adoptionReference: 'CD-2030-113' } }, headers)).body;
      expect(issuesOf(referenceOnly)).toEqual(['VALIDATION', ['adoption.date']]);
      const { body } = await post(t.url, 'query ($code: String!) { scheme(code: $code) { adoption { date reference } } }', { code: CODE }, headers);
      expect(body.data.scheme.adoption).toEqual({ date: '2030-12-15', reference: 'CD-2030-112' });
      const both = (await post(t.url, update, { code: CODE, input: { adoptionDate: '2030-12-16', adoptionReference: 'CD-2030-113' } }, headers)).body;
      expect(both).toEqual({ data: { updateScheme: { adoption: { date: '2030-12-16', reference: 'CD-2030-113' } } } });
    });

    it('refuses an indicator attached to both an orientation and an action', async () => {
      const save = async (query: string, variables: Record<string, unknown>) => (await post(t.url, query, { s: CODE, ...variables }, headers)).body;
      expect((await save('mutation ($s: String!) { saveOrientation(schemeCode: $s, input: { code: "1", title: "Accompagner" }) { code } }', {})).errors).toBeUndefined();
      expect((await save('mutation ($s: String!, $input: ActionInput!) { saveAction(schemeCode: $s, orientationCode: "1", input: $input) { code } }', { input: { code: '1.1', title: 'Observer' } })).errors).toBeUndefined();
      const indicator = 'mutation ($s: String!, $o: String, $a: String) { saveIndicator(schemeCode: $s, orientationCode: $o, actionCode: $a, input: { code: "suivis", name: "Personnes suivies", unit: "personnes" }) { code } }';
      expect(issuesOf(await save(indicator, { o: '1', a: '1.1' }))).toEqual(['VALIDATION', ['owner']]);
      expect(await save(indicator, { a: '1.1' })).toEqual({ data: { saveIndicator: { code: 'suivis' } } });
    });
  });
}
