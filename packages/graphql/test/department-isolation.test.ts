/**
 * A token of one département (48) against every mutation of the schema, through the real gateway on every
 * engine: each mutation has cases aimed at 77's and 92's schemes (public ones: FORBIDDEN; hidden drafts:
 * NOT_FOUND, answered exactly as a code that does not exist), at a joint scheme with another département,
 * at moving or sharing 48's own scheme, and at references (partners, predecessors, actions) that only a
 * hidden draft of 77 holds. Every refusal speaks French (English on request), changes no table, and adds
 * one audit row: the refusal, with its code. The list of cases is checked against the schema's Mutation
 * type: a mutation added without a case fails this test. Then what a 48 token reads: no draft of 77 or 92
 * for an editor, and for a contributor no draft of 48 but those of the indicators it reports on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { accessMessage, createToken, importSchemeFile, parseSchemeFile } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { allTables, snapshot, variant } from '../../core/test/read/fixture.ts';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const LOZERE = '48-2018-2022';
const PUBLIC_77 = '77-2019-2024';
const PUBLIC_92 = '92-2024-2028';
const JOINT_92_78 = '92-78-2018-2023';
/** Drafts no 48 token may see, and codes like theirs that exist nowhere. */
const HIDDEN_77 = '77-2026-2030';
const HIDDEN_92 = '92-2029-2033';
const ABSENT_77 = '77-2097-2099';
const ABSENT_92 = '92-2097-2099';
/** Two drafts of 48: its contributor reports on an indicator of the first only. */
const DRAFT_48_REPORTED = '48-2024-2028';
const DRAFT_48_OTHER = '48-2025-2029';
/** A partner only 77's hidden draft declares, and one no scheme declares. */
const SECRET_PARTNER = 'secret-77';
const ABSENT_PARTNER = 'absent-77';
const ABSENT_ID = '00000000-0000-4000-8000-000000000077';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/**
 * One refused attempt: a mutation, its variables, the code expected. `twin` names the hidden values the
 * case reaches (codes, ids) and values that exist nowhere: the same mutation with the latter must get the
 * same answer, so that the refusal says nothing of what exists.
 */
interface Case {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly code: 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION';
  /** For VALIDATION: the code of the one issue expected. */
  readonly issue?: string;
  readonly twin?: readonly (readonly [hidden: string, absent: string])[];
  readonly lang?: 'en';
}

for (const engine of ENGINES) {
  describe(`a 48 token against every mutation and read, on ${engine}`, () => {
    let t: TestGateway;
    let editor48: string;
    let contributor48: string;
    let tables: string[];
    let cases: Record<string, Case[]>;
    /** Global ids of rows of the hidden drafts and of 92's public scheme. */
    const ids = {} as Record<'action92' | 'indicator92' | 'actionHidden77' | 'indicatorHidden77' | 'actionOther48' | 'indicatorOther48', string>;
    const absentAction = encodeGlobalID('Action', ABSENT_ID);
    const absentIndicator = encodeGlobalID('Indicator', ABSENT_ID);

    beforeAll(async () => {
      t = await startTestGateway(engine);
      const db = t.store.db;
      const draft77 = variant(HIDDEN_77, '77', 'draft');
      draft77.partners = [...(draft77.partners ?? []), { code: SECRET_PARTNER, name: 'Association seulement dans le brouillon de 77', kind: 'association' }];
      for (const file of [draft77, variant(HIDDEN_92, '92', 'draft'), variant(DRAFT_48_REPORTED, '48', 'draft'), variant(DRAFT_48_OTHER, '48', 'draft')]) {
        await importSchemeFile(db, file);
      }
      const rowId = async (table: 'action' | 'indicator', scheme: string) =>
        (await sql<{ id: string }>`select x.id from ${sql.table(table)} x join scheme s on s.id = x.scheme_id where s.code = ${scheme} order by x.code limit 1`.execute(db)).rows[0]!.id;
      ids.action92 = encodeGlobalID('Action', await rowId('action', PUBLIC_92));
      ids.indicator92 = encodeGlobalID('Indicator', await rowId('indicator', PUBLIC_92));
      ids.actionHidden77 = encodeGlobalID('Action', await rowId('action', HIDDEN_77));
      ids.indicatorHidden77 = encodeGlobalID('Indicator', await rowId('indicator', HIDDEN_77));
      ids.actionOther48 = encodeGlobalID('Action', await rowId('action', DRAFT_48_OTHER));
      ids.indicatorOther48 = encodeGlobalID('Indicator', await rowId('indicator', DRAFT_48_OTHER));

      editor48 = (await createToken(db, { label: 'Équipe schéma Lozère', role: 'editor', departments: ['48'] })).secret;
      contributor48 = (await createToken(db, { label: 'CAF de la Lozère', role: 'contributor', departments: ['48'], indicatorIds: [await rowId('indicator', DRAFT_48_REPORTED)] })).secret;
      // A token's last use is recorded on requests (its own column, checked apart); the audit log takes the refusal row.
      tables = (await allTables(db)).filter((name) => name !== 'audit_log' && name !== 'api_token');

      const parsed = await parseSchemeFile(new URL('../../core/data/schemes/92-sosms-2024-2028.yaml', import.meta.url).pathname);
      if (!parsed.ok) throw new Error('92-sosms-2024-2028.yaml');
      const file92 = parsed.data as any;
      const first = async (query: ReturnType<typeof sql<{ v: string }>>) => (await query.execute(db)).rows[0]?.v;
      const body92 = (await first(sql`select b.code as v from governing_body b join scheme s on s.id = b.scheme_id where s.code = ${PUBLIC_92} order by b.position limit 1`))!;
      const meeting92 = (await first(sql`select m.id::text as v from meeting m join governing_body b on b.id = m.body_id join scheme s on s.id = b.scheme_id where s.code = ${PUBLIC_92} limit 1`))!;
      const member92 = (await first(sql`select p.code as v from body_member m join partner p on p.id = m.partner_id join governing_body b on b.id = m.body_id where b.code = ${body92} and b.scheme_id = (select id from scheme where code = ${PUBLIC_92}) limit 1`))!;
      const phase92 = (await first(sql`select x.code as v from phase x join scheme s on s.id = x.scheme_id where s.code = ${PUBLIC_92} limit 1`)) ?? 'p1';
      const event92 = (await first(sql`select x.code as v from consultation_event x join scheme s on s.id = x.scheme_id where s.code = ${PUBLIC_92} limit 1`)) ?? 'gt1';
      const proposal92 = (await first(sql`select x.code as v from proposal x join scheme s on s.id = x.scheme_id where s.code = ${PUBLIC_92} limit 1`)) ?? 'prop-1';
      const orientation92 = (await first(sql`select x.code as v from orientation x join scheme s on s.id = x.scheme_id where s.code = ${PUBLIC_92} order by x.code limit 1`))!;
      const indicatorCode92 = (await first(sql`select x.code as v from indicator x join scheme s on s.id = x.scheme_id where s.code = ${PUBLIC_92} order by x.code limit 1`))!;
      const evaluation92 = file92.evaluations[0];
      for (const [name, value] of Object.entries({ body92, meeting92, member92, orientation92, indicatorCode92 })) expect(value, name).toBeTruthy();

      const schemeAt = (s: string) => ({ s });
      const hidden77 = [[HIDDEN_77, ABSENT_77]] as const;
      const hidden92 = [[HIDDEN_92, ABSENT_92]] as const;
      const createScheme = 'mutation ($input: SchemeCreateInput!) { createScheme(input: $input) { code } }';
      const newScheme = { title: 'Schéma des solidarités', periodStart: 2031, periodEnd: 2035, status: 'DRAFT' };
      const updateScheme = 'mutation ($s: String!, $input: SchemeInput!) { updateScheme(code: $s, input: $input) { code } }';
      const status = 'mutation ($s: String!) { changeSchemeStatus(code: $s, input: { status: CONSULTATION }) { code } }';
      const saveOrientation = 'mutation ($s: String!) { saveOrientation(schemeCode: $s, input: { code: "9", title: "Orientation pirate" }) { code } }';
      const moveOrientation = 'mutation ($s: String!, $o: String!) { moveOrientation(schemeCode: $s, code: $o) { code } }';
      const saveAction = 'mutation ($s: String!, $o: String!, $input: ActionInput!) { saveAction(schemeCode: $s, orientationCode: $o, input: $input) { code } }';
      const updateAction = 'mutation ($id: ID!, $input: ActionPatchInput!) { updateAction(id: $id, input: $input) { code } }';
      const addUpdate = 'mutation ($id: ID!) { addActionUpdate(actionId: $id, input: { date: "2026-01-15", kind: ACHIEVEMENT, text: "Piraté" }) { text } }';
      const saveIndicator = 'mutation ($s: String!) { saveIndicator(schemeCode: $s, input: { code: "pirate", name: "Indicateur pirate", unit: "personnes" }) { code } }';
      const record = 'mutation ($id: ID!, $t: String!) { recordMeasurement(indicatorId: $id, input: { period: "2026", territory: $t, value: 1 }) { value } }';
      const revise = 'mutation ($s: String!, $i: String!) { reviseIndicatorTarget(schemeCode: $s, indicatorCode: $i, date: "2026-01-01", revised: { value: 1, date: "2028-12-31" }, justification: "Pirate") { __typename } }';
      const followUp = 'mutation ($s: String!, $e: String!, $r: String!) { setRecommendationFollowUp(schemeCode: $s, evaluationCode: $e, recommendationCode: $r, status: DONE, date: "2026-01-01") { __typename } }';
      const saveEvaluation = 'mutation ($s: String!, $input: JSON!) { saveEvaluation(schemeCode: $s, input: $input) { __typename } }';
      const legalAct = 'mutation ($s: String!, $input: JSON!) { recordLegalAct(schemeCode: $s, input: $input) { __typename } }';
      const lineage = 'mutation ($s: String!, $a: String!, $p: String) { setActionLineage(schemeCode: $s, predecessorActionCode: $a, fate: DROPPED, predecessorSchemeCode: $p) { __typename } }';
      const saveBody = 'mutation ($s: String!, $m: String!) { saveGoverningBody(schemeCode: $s, input: { code: "pirate", kind: OTHER, name: "Instance pirate", members: [{ partner: $m }] }) { id } }';
      const deleteBody = 'mutation ($s: String!, $b: String!) { deleteGoverningBody(schemeCode: $s, code: $b) }';
      const addMember = 'mutation ($s: String!, $b: String!, $m: String!) { addGoverningBodyMember(schemeCode: $s, bodyCode: $b, input: { partner: $m }) { id } }';
      const removeMember = 'mutation ($s: String!, $b: String!, $m: String!) { removeGoverningBodyMember(schemeCode: $s, bodyCode: $b, partnerCode: $m) { id } }';
      const saveMeeting = 'mutation ($s: String!, $b: String!, $id: ID) { saveMeeting(schemeCode: $s, bodyCode: $b, meetingId: $id, input: { date: "2026-01-15", title: "Réunion pirate" }) { id } }';
      const deleteMeeting = 'mutation ($s: String!, $b: String!, $id: ID!) { deleteMeeting(schemeCode: $s, bodyCode: $b, meetingId: $id) }';
      const savePhase = 'mutation ($s: String!, $c: String!) { savePhase(schemeCode: $s, input: { code: $c, kind: VALIDATION, title: "Phase pirate" }) { id } }';
      const saveEvent = 'mutation ($s: String!, $c: String!, $p: [String!]) { saveConsultationEvent(schemeCode: $s, input: { code: $c, kind: PLENARY, title: "Temps pirate", date: "2026-01-15", partnerCodes: $p }) { id } }';
      const saveProposal = 'mutation ($s: String!, $c: String!) { saveProposal(schemeCode: $s, input: { code: $c, text: "Proposition pirate" }) { id } }';
      const link = 'mutation ($s: String!, $c: String!, $a: [ID!]!) { linkProposalActions(schemeCode: $s, proposalCode: $c, actionIds: $a) { id } }';
      const deletePhase = 'mutation ($s: String!, $c: String!) { deletePhase(schemeCode: $s, code: $c) }';
      const deleteEvent = 'mutation ($s: String!, $c: String!) { deleteConsultationEvent(schemeCode: $s, code: $c) }';
      const deleteProposal = 'mutation ($s: String!, $c: String!) { deleteProposal(schemeCode: $s, code: $c) }';

      cases = {
        createScheme: [
          { query: createScheme, variables: { input: { ...newScheme, code: '48-2031-2035', departments: ['48', '77'], status: 'IN_FORCE' } }, code: 'FORBIDDEN' },
          { query: createScheme, variables: { input: { ...newScheme, code: '77-2031-2035', departments: ['77'] } }, code: 'FORBIDDEN', lang: 'en' },
          // 77's hidden code, created under 48: outside 48's namespace, never a CONFLICT that confirms it exists.
          { query: createScheme, variables: { input: { ...newScheme, code: HIDDEN_77, departments: ['48'] } }, code: 'VALIDATION', issue: 'code_namespace', twin: hidden77 },
          { query: createScheme, variables: { input: { ...newScheme, code: '48-2031-2035', departments: ['48'], predecessorCode: HIDDEN_77 } }, code: 'VALIDATION', issue: 'unknown_predecessor', twin: hidden77 },
        ],
        updateScheme: [
          { query: updateScheme, variables: { s: LOZERE, input: { departments: ['92'] } }, code: 'FORBIDDEN' },
          { query: updateScheme, variables: { s: LOZERE, input: { departments: ['48', '77'] } }, code: 'FORBIDDEN' },
          { query: updateScheme, variables: { s: PUBLIC_92, input: { title: 'Piraté' } }, code: 'FORBIDDEN' },
          { query: updateScheme, variables: { s: JOINT_92_78, input: { title: 'Piraté' } }, code: 'FORBIDDEN' },
          { query: updateScheme, variables: { s: HIDDEN_77, input: { title: 'Piraté' } }, code: 'NOT_FOUND', twin: hidden77 },
          { query: updateScheme, variables: { s: DRAFT_48_OTHER, input: { predecessorCodes: [HIDDEN_92] } }, code: 'VALIDATION', issue: 'unknown_predecessor', twin: hidden92 },
        ],
        changeSchemeStatus: [
          { query: status, variables: schemeAt(PUBLIC_77), code: 'FORBIDDEN' },
          { query: status, variables: schemeAt(HIDDEN_92), code: 'NOT_FOUND', twin: hidden92 },
        ],
        publishScheme: [
          { query: 'mutation ($s: String!) { publishScheme(code: $s) { code } }', variables: schemeAt(HIDDEN_77), code: 'NOT_FOUND', twin: hidden77 },
          { query: 'mutation ($s: String!) { publishScheme(code: $s) { code } }', variables: schemeAt(PUBLIC_92), code: 'FORBIDDEN' },
        ],
        unpublishScheme: [
          { query: 'mutation ($s: String!) { unpublishScheme(code: $s) { code } }', variables: schemeAt(PUBLIC_92), code: 'FORBIDDEN' },
          { query: 'mutation ($s: String!) { unpublishScheme(code: $s) { code } }', variables: schemeAt(JOINT_92_78), code: 'FORBIDDEN' },
        ],
        saveOrientation: [
          { query: saveOrientation, variables: schemeAt(PUBLIC_77), code: 'FORBIDDEN' },
          { query: saveOrientation, variables: schemeAt(HIDDEN_77), code: 'NOT_FOUND', twin: hidden77 },
        ],
        moveOrientation: [
          { query: moveOrientation, variables: { s: PUBLIC_92, o: orientation92 }, code: 'FORBIDDEN' },
          { query: moveOrientation, variables: { s: HIDDEN_77, o: '1.1' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        saveAction: [
          { query: saveAction, variables: { s: PUBLIC_92, o: orientation92, input: { code: 'pirate', title: 'Action pirate' } }, code: 'FORBIDDEN' },
          { query: saveAction, variables: { s: HIDDEN_77, o: '1.1', input: { code: 'pirate', title: 'Action pirate' } }, code: 'NOT_FOUND', twin: hidden77 },
          // The pilot of a public action of 48: a partner only 77's hidden draft declares is unknown, as one that exists nowhere.
          { query: saveAction, variables: { s: LOZERE, o: '1', input: { code: 'pirate', title: 'Action pirate', pilot: SECRET_PARTNER } }, code: 'VALIDATION', issue: 'unknown_partner', twin: [[SECRET_PARTNER, ABSENT_PARTNER]] },
          { query: saveAction, variables: { s: LOZERE, o: '1', input: { code: 'pirate', title: 'Action pirate', budget: [{ year: 2020, funder: SECRET_PARTNER, planned: 1 }] } }, code: 'VALIDATION', issue: 'unknown_partner', twin: [[SECRET_PARTNER, ABSENT_PARTNER]] },
        ],
        updateAction: [
          { query: updateAction, variables: { id: ids.action92, input: { status: 'DONE' } }, code: 'FORBIDDEN' },
          { query: updateAction, variables: { id: ids.actionHidden77, input: { status: 'DONE' } }, code: 'NOT_FOUND', twin: [[ids.actionHidden77, absentAction]] },
          { query: updateAction, variables: { id: ids.actionOther48, input: { partners: [{ partner: SECRET_PARTNER, role: 'PARTNER' }] } }, code: 'VALIDATION', issue: 'unknown_partner', twin: [[SECRET_PARTNER, ABSENT_PARTNER]] },
        ],
        addActionUpdate: [
          { query: addUpdate, variables: { id: ids.action92 }, code: 'FORBIDDEN' },
          { query: addUpdate, variables: { id: ids.actionHidden77 }, code: 'NOT_FOUND', twin: [[ids.actionHidden77, absentAction]] },
        ],
        saveIndicator: [
          { query: saveIndicator, variables: schemeAt(PUBLIC_92), code: 'FORBIDDEN' },
          { query: saveIndicator, variables: schemeAt(HIDDEN_92), code: 'NOT_FOUND', twin: hidden92 },
        ],
        recordMeasurement: [
          { query: record, variables: { id: ids.indicator92, t: 'dep:92' }, code: 'FORBIDDEN' },
          { query: record, variables: { id: ids.indicatorHidden77, t: 'dep:77' }, code: 'NOT_FOUND', twin: [[ids.indicatorHidden77, absentIndicator]] },
        ],
        reviseIndicatorTarget: [
          { query: revise, variables: { s: PUBLIC_92, i: indicatorCode92 }, code: 'FORBIDDEN' },
          { query: revise, variables: { s: HIDDEN_77, i: 'ind-aidants' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        setRecommendationFollowUp: [
          { query: followUp, variables: { s: PUBLIC_92, e: evaluation92.code, r: evaluation92.recommendations[0].code }, code: 'FORBIDDEN' },
          { query: followUp, variables: { s: HIDDEN_92, e: evaluation92.code, r: evaluation92.recommendations[0].code }, code: 'NOT_FOUND', twin: hidden92 },
        ],
        saveEvaluation: [
          { query: saveEvaluation, variables: { s: PUBLIC_92, input: { ...evaluation92, code: 'pirate' } }, code: 'FORBIDDEN' },
          { query: saveEvaluation, variables: { s: HIDDEN_77, input: { ...evaluation92, code: 'pirate' } }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        recordLegalAct: [
          { query: legalAct, variables: { s: PUBLIC_92, input: { ...file92.legalTrail[0], code: 'pirate' } }, code: 'FORBIDDEN' },
          { query: legalAct, variables: { s: HIDDEN_92, input: { ...file92.legalTrail[0], code: 'pirate' } }, code: 'NOT_FOUND', twin: hidden92 },
        ],
        setActionLineage: [
          { query: lineage, variables: { s: PUBLIC_92, a: file92.lineage[0].action }, code: 'FORBIDDEN' },
          { query: lineage, variables: { s: HIDDEN_77, a: '1.1.1' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        saveGoverningBody: [
          { query: saveBody, variables: { s: PUBLIC_92, m: member92 }, code: 'FORBIDDEN' },
          { query: saveBody, variables: { s: JOINT_92_78, m: member92 }, code: 'FORBIDDEN' },
          { query: saveBody, variables: { s: HIDDEN_77, m: 'test-caf' }, code: 'NOT_FOUND', twin: hidden77 },
          { query: saveBody, variables: { s: LOZERE, m: SECRET_PARTNER }, code: 'VALIDATION', issue: 'unknown_partner', twin: [[SECRET_PARTNER, ABSENT_PARTNER]] },
        ],
        deleteGoverningBody: [
          { query: deleteBody, variables: { s: PUBLIC_92, b: body92 }, code: 'FORBIDDEN' },
          { query: deleteBody, variables: { s: HIDDEN_77, b: 'copil' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        addGoverningBodyMember: [
          { query: addMember, variables: { s: PUBLIC_92, b: body92, m: member92 }, code: 'FORBIDDEN' },
          { query: addMember, variables: { s: LOZERE, b: 'copil', m: SECRET_PARTNER }, code: 'VALIDATION', issue: 'unknown_partner', twin: [[SECRET_PARTNER, ABSENT_PARTNER]] },
        ],
        removeGoverningBodyMember: [
          { query: removeMember, variables: { s: PUBLIC_92, b: body92, m: member92 }, code: 'FORBIDDEN' },
          { query: removeMember, variables: { s: HIDDEN_77, b: 'copil', m: 'test-caf' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        saveMeeting: [
          { query: saveMeeting, variables: { s: PUBLIC_92, b: body92, id: meeting92 }, code: 'FORBIDDEN' },
          { query: saveMeeting, variables: { s: HIDDEN_77, b: 'copil' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        deleteMeeting: [
          { query: deleteMeeting, variables: { s: PUBLIC_92, b: body92, id: meeting92 }, code: 'FORBIDDEN' },
          { query: deleteMeeting, variables: { s: HIDDEN_92, b: 'copil', id: ABSENT_ID }, code: 'NOT_FOUND', twin: hidden92 },
        ],
        savePhase: [
          { query: savePhase, variables: { s: PUBLIC_92, c: phase92 }, code: 'FORBIDDEN' },
          { query: savePhase, variables: { s: HIDDEN_77, c: 'p1' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        saveConsultationEvent: [
          { query: saveEvent, variables: { s: PUBLIC_92, c: event92 }, code: 'FORBIDDEN' },
          { query: saveEvent, variables: { s: HIDDEN_92, c: 'gt1' }, code: 'NOT_FOUND', twin: hidden92 },
          { query: saveEvent, variables: { s: LOZERE, c: 'pirate', p: [SECRET_PARTNER] }, code: 'VALIDATION', issue: 'unknown_partner', twin: [[SECRET_PARTNER, ABSENT_PARTNER]] },
        ],
        saveProposal: [
          { query: saveProposal, variables: { s: PUBLIC_92, c: proposal92 }, code: 'FORBIDDEN' },
          { query: saveProposal, variables: { s: HIDDEN_77, c: 'prop-1' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        linkProposalActions: [
          { query: link, variables: { s: PUBLIC_92, c: proposal92, a: [ids.action92] }, code: 'FORBIDDEN' },
          // 48's own draft's proposal, linked to an action of 77's hidden draft: unknown, as an id that exists nowhere.
          { query: link, variables: { s: DRAFT_48_OTHER, c: 'prop-1', a: [ids.actionHidden77] }, code: 'VALIDATION', issue: 'unknown_action', twin: [[ids.actionHidden77, absentAction]] },
        ],
        deletePhase: [
          { query: deletePhase, variables: { s: PUBLIC_92, c: phase92 }, code: 'FORBIDDEN' },
          { query: deletePhase, variables: { s: HIDDEN_77, c: 'p1' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
        deleteConsultationEvent: [
          { query: deleteEvent, variables: { s: PUBLIC_92, c: event92 }, code: 'FORBIDDEN' },
          { query: deleteEvent, variables: { s: HIDDEN_92, c: 'gt1' }, code: 'NOT_FOUND', twin: hidden92 },
        ],
        deleteProposal: [
          { query: deleteProposal, variables: { s: PUBLIC_92, c: proposal92 }, code: 'FORBIDDEN' },
          { query: deleteProposal, variables: { s: HIDDEN_77, c: 'prop-1' }, code: 'NOT_FOUND', twin: hidden77 },
        ],
      };
    }, 180_000);
    afterAll(() => t?.close());

    /** Every table's checksum, the tokens' without their last use, and the audit log's rows as text. */
    async function state() {
      const db = t.store.db;
      const tokens = await sql<{ t: string }>`select md5(string_agg(row(id, label, hash, role, departments, indicators, created_at, revoked_at, expires_at, rotated_from)::text, '|' order by id)) as t from api_token`.execute(db);
      const audit = await sql<{ id: string; t: string }>`select x.id::text as id, x::text as t from audit_log x`.execute(db);
      return { tables: await snapshot(db, tables), tokens: tokens.rows[0]!.t, audit: new Map(audit.rows.map((r) => [r.id, r.t])) };
    }

    /** Send one refused attempt; check it changed nothing but one refusal row, and return its error. */
    async function attempt(name: string, query: string, variables: Record<string, unknown>, secret: string, lang: 'fr' | 'en' = 'fr') {
      const before = await state();
      const { status, body } = await post(t.url, query, variables, { ...bearer(secret), 'accept-language': lang });
      const label = `${name} ${JSON.stringify(variables)}`;
      expect(status, label).toBeLessThan(500);
      expect(body.data?.[name] ?? null, label).toBeNull();
      const error = body.errors?.[0] as { message: string; extensions: { code: string; issues?: { path: string; code: string; message: string }[] } };
      expect(error?.extensions?.code, label).toBeDefined();
      const after = await state();
      expect(after.tables, label).toEqual(before.tables);
      expect(after.tokens, label).toBe(before.tokens);
      const added = [...after.audit.keys()].filter((id) => !before.audit.has(id));
      for (const [id, row] of before.audit) expect(after.audit.get(id), label).toBe(row);
      expect(added, label).toHaveLength(1);
      const refusal = await sql<{ outcome: string; code: string }>`select outcome, code from audit_log where id = ${added[0]!}`.execute(t.store.db);
      expect(refusal.rows[0], label).toEqual({ outcome: 'refused', code: error.extensions.code });
      return error;
    }

    it('has at least one case for every mutation of the schema', async () => {
      const { body } = await post(t.url, '{ __schema { mutationType { fields { name } } } }');
      const names: string[] = body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
      expect(names.length).toBeGreaterThan(20);
      expect(names.filter((name) => !cases[name]?.length), 'mutations without a case').toEqual([]);
      expect(Object.keys(cases).filter((name) => !names.includes(name)), 'cases of no mutation').toEqual([]);
    });

    it("refuses a 48 editor every mutation on 77's and 92's schemes, moving or sharing its own, and naming what only 77's draft holds", async () => {
      const tally = new Map<string, number>();
      for (const [name, list] of Object.entries(cases)) {
        for (const c of list) {
          const label = `${name} ${JSON.stringify(c.variables)}`;
          const error = await attempt(name, c.query, c.variables, editor48, c.lang);
          expect(error.extensions.code, `${label}: ${error.message}`).toBe(c.code);
          tally.set(c.code, (tally.get(c.code) ?? 0) + 1);
          if (c.code === 'FORBIDDEN') expect(error.message, label).toBe(accessMessage('wrong_department', c.lang ?? 'fr'));
          else if (c.code === 'NOT_FOUND') expect(error.message, label).toMatch(/^[a-zéè ]+ inconnue? : /);
          else expect(error.extensions.issues?.map((i) => i.code), `${label}: ${error.message}`).toEqual([c.issue]);
          if (!c.twin) continue;
          // The same attempt with what exists nowhere: the same answer, word for word.
          const swap = (text: string, pairs: readonly (readonly [string, string])[]) => pairs.reduce((s, [a, b]) => s.replaceAll(a, b), text);
          const rawIds = c.twin.flatMap(([hidden, absent]) => (isGlobalId(hidden) ? [[decodeId(hidden), decodeId(absent)] as const] : []));
          const pairs = [...c.twin, ...rawIds];
          const twin = await attempt(name, swap(c.query, pairs), JSON.parse(swap(JSON.stringify(c.variables), pairs)), editor48);
          const back = pairs.map(([a, b]) => [b, a] as const);
          expect({ code: twin.extensions.code, message: swap(twin.message, back), issues: twin.extensions.issues?.map((i) => ({ ...i, message: swap(i.message, back) })) }, label).toEqual({
            code: error.extensions.code,
            message: error.message,
            issues: error.extensions.issues,
          });
        }
      }
      expect([...tally.keys()].sort()).toEqual(['FORBIDDEN', 'NOT_FOUND', 'VALIDATION']);
    }, 300_000);

    it('answers in English on request', async () => {
      const error = await attempt('publishScheme', 'mutation ($s: String!) { publishScheme(code: $s) { code } }', { s: HIDDEN_77 }, editor48, 'en');
      expect(error).toMatchObject({ message: `unknown scheme: ${HIDDEN_77}`, extensions: { code: 'NOT_FOUND' } });
      const forbidden = await attempt('unpublishScheme', 'mutation ($s: String!) { unpublishScheme(code: $s) { code } }', { s: PUBLIC_77 }, editor48, 'en');
      expect(forbidden.message).toBe("This token does not give access to this département's schemes");
    });

    /** A node read by id: what a token gets for a hidden row must be what it gets for an id that exists nowhere. */
    async function nodeAnswer(id: string, secret: string) {
      const { body } = await post(t.url, 'query ($id: ID!) { node(id: $id) { id } }', { id }, bearer(secret));
      return { node: body.data?.node ?? null, code: body.errors?.[0]?.extensions?.code ?? null, message: String(body.errors?.[0]?.message ?? '').replace(id, '<id>') };
    }

    it("shows a 48 editor its own drafts but none of 77's or 92's, and no partner only they declare", async () => {
      const query = `query ($a: String!, $b: String!, $own: String!) {
        a: scheme(code: $a) { code } b: scheme(code: $b) { code } own: scheme(code: $own) { code }
        schemes(filter: { departments: ["48", "77", "92"] }, first: 100) { nodes { code } }
        partners(filter: { text: "seulement dans le brouillon" }) { totalCount }
      }`;
      const { body } = await post(t.url, query, { a: HIDDEN_77, b: HIDDEN_92, own: DRAFT_48_OTHER }, bearer(editor48));
      expect(body.errors).toBeUndefined();
      expect(body.data).toMatchObject({ a: null, b: null, own: { code: DRAFT_48_OTHER }, partners: { totalCount: 0 } });
      const codes = body.data.schemes.nodes.map((n: { code: string }) => n.code);
      expect(codes).toEqual(expect.arrayContaining([LOZERE, PUBLIC_77, PUBLIC_92, DRAFT_48_REPORTED, DRAFT_48_OTHER]));
      expect(codes).not.toContain(HIDDEN_77);
      expect(codes).not.toContain(HIDDEN_92);
      const hidden = await nodeAnswer(ids.actionHidden77, editor48);
      expect(hidden.node).toBeNull();
      expect(hidden).toEqual(await nodeAnswer(absentAction, editor48));
      expect((await nodeAnswer(ids.actionOther48, editor48)).node).toEqual({ id: ids.actionOther48 });
    });

    it('shows a 48 contributor the draft of the indicator it reports on, no other draft, and lets it write nothing there', async () => {
      const query = `query ($reported: String!, $other: String!) {
        reported: scheme(code: $reported) { code } other: scheme(code: $other) { code }
        schemes(filter: { departments: ["48"] }, first: 100) { nodes { code } }
        actions(filter: { schemeCodes: [$other] }) { totalCount }
      }`;
      const variables = { reported: DRAFT_48_REPORTED, other: DRAFT_48_OTHER };
      const { body } = await post(t.url, query, variables, bearer(contributor48));
      expect(body.errors).toBeUndefined();
      expect(body.data).toMatchObject({ reported: { code: DRAFT_48_REPORTED }, other: null, actions: { totalCount: 0 } });
      expect(body.data.schemes.nodes.map((n: { code: string }) => n.code).sort()).toEqual([LOZERE, DRAFT_48_REPORTED].sort());
      for (const [id, absent] of [[ids.actionOther48, absentAction], [ids.indicatorOther48, absentIndicator]] as const) {
        const hidden = await nodeAnswer(id, contributor48);
        expect(hidden.node).toBeNull();
        expect(hidden).toEqual(await nodeAnswer(absent, contributor48));
        // The editor of 48 sees them: the contributor's view is its own rule, not every token's.
        expect((await nodeAnswer(id, editor48)).node).toEqual({ id });
      }
      const editorView = (await post(t.url, query, variables, bearer(editor48))).body.data;
      expect(editorView).toMatchObject({ other: { code: DRAFT_48_OTHER } });
      expect(editorView.actions.totalCount).toBeGreaterThan(0);

      const record = 'mutation ($id: ID!) { recordMeasurement(indicatorId: $id, input: { period: "2026", territory: "dep:48", value: 1 }) { value } }';
      const hidden = await attempt('recordMeasurement', record, { id: ids.indicatorOther48 }, contributor48);
      const absent = await attempt('recordMeasurement', record, { id: absentIndicator }, contributor48);
      expect(hidden.extensions.code).toBe('NOT_FOUND');
      expect([absent.extensions.code, absent.message.replace(decodeId(absentIndicator), decodeId(ids.indicatorOther48))]).toEqual([hidden.extensions.code, hidden.message]);
      const edit = await attempt('updateScheme', 'mutation { updateScheme(code: "48-2024-2028", input: { title: "Piraté" }) { code } }', {}, contributor48);
      expect([edit.extensions.code, edit.message]).toEqual(['FORBIDDEN', accessMessage('editor_only', 'fr')]);
    });
  });
}

/** Whether a value is a global id (`Action:<uuid>` in base64) rather than a code. */
function isGlobalId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(decodeId(value));
}

/** The row id inside a global id (`Action:<uuid>` in base64). */
function decodeId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');
}
