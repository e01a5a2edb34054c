import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, listAuditEntries } from '@sosms/core';
import { ENGINES, snapshot } from '@sosms/core/testing';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const LOZERE = '48-2018-2022';
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** Every governance and consultation mutation, aimed at one scheme, with arguments valid there. */
const MUTATIONS: [string, string][] = [
  ['saveGoverningBody', `mutation ($s: String!) { saveGoverningBody(schemeCode: $s, input: { code: "copil", kind: COPIL, name: "Piraté", members: [{ partner: "cd-48" }] }) { id } }`],
  ['deleteGoverningBody', `mutation ($s: String!) { deleteGoverningBody(schemeCode: $s, code: "copil") }`],
  ['addGoverningBodyMember', `mutation ($s: String!) { addGoverningBodyMember(schemeCode: $s, bodyCode: "copil", input: { partner: "cd-48" }) { id } }`],
  ['removeGoverningBodyMember', `mutation ($s: String!) { removeGoverningBodyMember(schemeCode: $s, bodyCode: "copil", partnerCode: "cd-48") { id } }`],
  ['saveMeeting', `mutation ($s: String!) { saveMeeting(schemeCode: $s, bodyCode: "copil", input: { date: "2025-01-01", title: "Réunion pirate" }) { id } }`],
  ['savePhase', `mutation ($s: String!) { savePhase(schemeCode: $s, input: { code: "lancement", kind: VALIDATION, title: "Piraté" }) { id } }`],
  ['saveConsultationEvent', `mutation ($s: String!) { saveConsultationEvent(schemeCode: $s, input: { code: "lancement", kind: PLENARY, title: "Piraté", date: "2025-01-01" }) { id } }`],
  ['saveProposal', `mutation ($s: String!) { saveProposal(schemeCode: $s, input: { code: "p-1", text: "Piraté" }) { id } }`],
  ['linkProposalActions', `mutation ($s: String!, $a: [ID!]!) { linkProposalActions(schemeCode: $s, proposalCode: "p-1", actionIds: $a) { id } }`],
  ['deleteMeeting', `mutation ($s: String!) { deleteMeeting(schemeCode: $s, bodyCode: "copil", meetingId: "00000000-0000-4000-8000-000000000000") }`],
  ['deletePhase', `mutation ($s: String!) { deletePhase(schemeCode: $s, code: "lancement") }`],
  ['deleteConsultationEvent', `mutation ($s: String!) { deleteConsultationEvent(schemeCode: $s, code: "lancement") }`],
  ['deleteProposal', `mutation ($s: String!) { deleteProposal(schemeCode: $s, code: "p-1") }`],
];

for (const engine of ENGINES) {
  describe(`governance and consultation mutations on ${engine}`, () => {
    let t: TestGateway;
    let editor48: string;
    let contributor48: string;
    let actionIds: string[];

    beforeAll(async () => {
      t = await startTestGateway(engine);
      editor48 = (await createToken(t.store.db, { label: 'Équipe schéma Lozère', role: 'editor', departments: ['48'] })).secret;
      const indicator = await t.store.db.selectFrom('indicator').innerJoin('scheme', 'scheme.id', 'indicator.scheme_id').select('indicator.id').where('scheme.code', '=', LOZERE).executeTakeFirstOrThrow();
      contributor48 = (await createToken(t.store.db, { label: 'CAF de la Lozère', role: 'contributor', departments: ['48'], indicatorIds: [indicator.id] })).secret;
      // The Lozère text gives orientations and axes, no fiches-actions: two illustrative ones to link a proposal to.
      actionIds = [];
      for (const code of ['1.1.1', '1.1.2']) {
        const { body } = await post(t.url, `mutation { saveAction(schemeCode: "${LOZERE}", orientationCode: "1.1", input: { code: "${code}", title: "Action ${code}", illustrative: true }) { id } }`, {}, bearer(editor48));
        actionIds.push(body.data.saveAction.id);
      }
    });
    afterAll(() => t?.close());

    /** Every table's checksum but the tokens': authenticating records a token's last use, which is not the command's write. */
    const tables = async () => {
      const { api_token: _tokens, ...rest } = await snapshot(t.store.db);
      return rest;
    };

    /** Run a mutation that must be refused with `code`: no table changes, one refusal in the audit log when a token was given. */
    async function refused(query: string, variables: Record<string, unknown>, headers: Record<string, string>, code: string) {
      const before = await tables();
      const audit = await listAuditEntries(t.store.db, { limit: 10_000 });
      const { body } = await post(t.url, query, variables, headers);
      expect(body.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(await tables()).toEqual(before);
      const after = await listAuditEntries(t.store.db, { limit: 10_000 });
      expect(after.length - audit.length).toBe(headers.authorization ? 1 : 0);
      return body.errors[0] as { message: string; extensions: { code: string; issues?: { path: string; code: string }[] } };
    }

    it("refuses a 48 editor every new mutation on 77's and 92's schemes, a contributor and an anonymous caller on 48's", async () => {
      for (const scheme of ['77-2019-2024', '92-2024-2028', '92-78-2018-2023']) {
        for (const [, query] of MUTATIONS) await refused(query, { s: scheme, a: actionIds }, bearer(editor48), 'FORBIDDEN');
      }
      for (const [, query] of MUTATIONS) await refused(query, { s: LOZERE, a: actionIds }, bearer(contributor48), 'FORBIDDEN');
      for (const [, query] of MUTATIONS) await refused(query, { s: LOZERE, a: actionIds }, {}, 'UNAUTHENTICATED');
    });

    it('lets a 48 editor build a body, its members and a meeting, then delete it; each write audited', async () => {
      const saved = await post(
        t.url,
        `mutation { saveGoverningBody(schemeCode: "${LOZERE}", input: { code: "comite-technique", kind: TECHNICAL_COMMITTEE, name: "Comité technique", members: [{ partner: "cd-48", role: "Animation" }, { partner: "msa-48" }] }) { code kind name position members { nodes { role partner { code } } } } }`,
        {},
        bearer(editor48),
      );
      expect(saved.body.errors).toBeUndefined();
      expect(saved.body.data.saveGoverningBody).toEqual({
        code: 'comite-technique', kind: 'TECHNICAL_COMMITTEE', name: 'Comité technique', position: 1,
        members: { nodes: [{ role: 'Animation', partner: { code: 'cd-48' } }, { role: null, partner: { code: 'msa-48' } }] },
      });
      const added = await post(t.url, `mutation { addGoverningBodyMember(schemeCode: "${LOZERE}", bodyCode: "comite-technique", input: { partner: "ccss-48", role: "Caisse" }) { members { nodes { partner { code } } } } }`, {}, bearer(editor48));
      expect(added.body.data.addGoverningBodyMember.members.nodes.map((n: { partner: { code: string } }) => n.partner.code)).toEqual(['cd-48', 'msa-48', 'ccss-48']);
      const removed = await post(t.url, `mutation { removeGoverningBodyMember(schemeCode: "${LOZERE}", bodyCode: "comite-technique", partnerCode: "msa-48") { members { nodes { partner { code } } } } }`, {}, bearer(editor48));
      expect(removed.body.data.removeGoverningBodyMember.members.nodes.map((n: { partner: { code: string } }) => n.partner.code)).toEqual(['cd-48', 'ccss-48']);
      const meeting = await post(
        t.url,
        `mutation { saveMeeting(schemeCode: "${LOZERE}", bodyCode: "comite-technique", input: { date: "2019-03-01", title: "Premier comité", decisions: [{ text: "Suivre l'orientation 1", orientationCodes: ["1"] }] }) { id date decisions { text orientationCodes actionCodes } } }`,
        {},
        bearer(editor48),
      );
      expect(meeting.body.errors).toBeUndefined();
      expect(meeting.body.data.saveMeeting).toMatchObject({ date: '2019-03-01', decisions: [{ text: "Suivre l'orientation 1", orientationCodes: ['1'], actionCodes: [] }] });
      const moved = await post(t.url, `mutation ($id: ID) { saveMeeting(schemeCode: "${LOZERE}", bodyCode: "comite-technique", meetingId: $id, input: { date: "2019-03-04", title: "Premier comité" }) { id date } }`, { id: meeting.body.data.saveMeeting.id }, bearer(editor48));
      expect(moved.body.data.saveMeeting).toEqual({ id: meeting.body.data.saveMeeting.id, date: '2019-03-04' });
      const read = await post(t.url, `{ scheme(code: "${LOZERE}") { governingBodies { nodes { code meetings { nodes { date } } } } } }`);
      expect(read.body.data.scheme.governingBodies.nodes).toEqual([
        { code: 'copil', meetings: { nodes: [{ date: '2018-04-09' }] } },
        { code: 'comite-technique', meetings: { nodes: [{ date: '2019-03-04' }] } },
      ]);
      const deleted = await post(t.url, `mutation { deleteGoverningBody(schemeCode: "${LOZERE}", code: "comite-technique") }`, {}, bearer(editor48));
      expect(deleted.body.data.deleteGoverningBody).toEqual(expect.any(String));
      const audit = await listAuditEntries(t.store.db, { outcome: 'done', entityType: 'GoverningBody', limit: 10 });
      expect(audit.slice(0, 4).map((e) => e.operation)).toEqual(['governing-body:delete', 'body-member:remove', 'body-member:add', 'governing-body:save']);
      expect(audit[0]).toMatchObject({ tokenLabel: 'Équipe schéma Lozère', after: null, before: { body: { code: 'comite-technique' }, meetings: [{ date: '2019-03-04' }] } });
    });

    it('lets a 48 editor record a phase, an event and a proposal, and link the proposal to its actions', async () => {
      const phase = await post(t.url, `mutation { savePhase(schemeCode: "${LOZERE}", input: { code: "evaluation", kind: EVALUATION, title: "Évaluation finale", startDate: "2022-09-01" }) { code kind startDate endDate } }`, {}, bearer(editor48));
      expect(phase.body.data.savePhase).toEqual({ code: 'evaluation', kind: 'EVALUATION', startDate: '2022-09-01', endDate: null });
      const event = await post(
        t.url,
        `mutation { saveConsultationEvent(schemeCode: "${LOZERE}", input: { code: "restitution-2022", kind: RESTITUTION, title: "Restitution de l'évaluation", date: "2022-11-15", participants: 60, partnerCodes: ["msa-48"] }) { code participants partners { code } } }`,
        {},
        bearer(editor48),
      );
      expect(event.body.errors).toBeUndefined();
      expect(event.body.data.saveConsultationEvent).toEqual({ code: 'restitution-2022', participants: 60, partners: [{ code: 'msa-48' }] });
      const proposal = await post(t.url, `mutation { saveProposal(schemeCode: "${LOZERE}", input: { code: "prop-eval-1", text: "Poursuivre la coordination", eventCode: "restitution-2022", outcome: RETAINED }) { code outcome event { code } actions { code } } }`, {}, bearer(editor48));
      expect(proposal.body.data.saveProposal).toEqual({ code: 'prop-eval-1', outcome: 'RETAINED', event: { code: 'restitution-2022' }, actions: [] });
      const linked = await post(t.url, `mutation ($a: [ID!]!) { linkProposalActions(schemeCode: "${LOZERE}", proposalCode: "prop-eval-1", actionIds: $a) { actionCodes actions { id } } }`, { a: actionIds }, bearer(editor48));
      expect(linked.body.errors).toBeUndefined();
      expect(linked.body.data.linkProposalActions.actions.map((a: { id: string }) => a.id).sort()).toEqual([...actionIds].sort());
      const [entry] = await listAuditEntries(t.store.db, { outcome: 'done', entityType: 'Proposal', limit: 1 });
      expect(entry).toMatchObject({ operation: 'proposal:link-actions', before: { actions: [] }, after: { actions: linked.body.data.linkProposalActions.actionCodes } });
    });

    it('answers VALIDATION with field paths, in French or English, and writes nothing', async () => {
      const scheme92Action = (await post(t.url, `{ scheme(code: "92-2024-2028") { actions(first: 1) { nodes { id } } } }`)).body.data.scheme.actions.nodes[0].id;
      const link = `mutation ($a: [ID!]!) { linkProposalActions(schemeCode: "${LOZERE}", proposalCode: "prop-eval-1", actionIds: $a) { id } }`;
      const other = await refused(link, { a: [actionIds[0], scheme92Action] }, bearer(editor48), 'VALIDATION');
      expect(other.extensions.issues).toEqual([expect.objectContaining({ path: 'actionIds[1]', code: 'action_other_scheme' })]);
      expect(other.message).toMatch(/l'action appartient à un autre schéma/);
      const order = `mutation { savePhase(schemeCode: "${LOZERE}", input: { code: "x", kind: EVALUATION, title: "X", startDate: "2022-09-01", endDate: "2022-01-01" }) { id } }`;
      const en = await refused(order, {}, { ...bearer(editor48), 'accept-language': 'en' }, 'VALIDATION');
      expect(en.extensions.issues).toEqual([expect.objectContaining({ path: 'endDate' })]);
      expect(en.message).toMatch(/the end date is before the start date/);
      const member = await refused(`mutation { addGoverningBodyMember(schemeCode: "${LOZERE}", bodyCode: "copil", input: { partner: "inconnu-48" }) { id } }`, {}, bearer(editor48), 'VALIDATION');
      expect(member.message).toMatch(/partenaire inconnu : inconnu-48/);
      const decision = await refused(`mutation { saveMeeting(schemeCode: "${LOZERE}", bodyCode: "copil", input: { date: "2019-01-01", title: "R", decisions: [{ text: "D", actionCodes: ["9.9.9"] }] }) { id } }`, {}, bearer(editor48), 'VALIDATION');
      expect(decision.extensions.issues).toEqual([expect.objectContaining({ path: 'decisions[0].actions[0]', code: 'unknown_action' })]);
      await refused(`mutation { deleteGoverningBody(schemeCode: "${LOZERE}", code: "absente") }`, {}, bearer(editor48), 'NOT_FOUND');
    });

    it('lets a 48 editor delete a meeting, a phase, an event and a proposal; each deletion audited with the stored row', async () => {
      const meeting = await post(t.url, `mutation { saveMeeting(schemeCode: "${LOZERE}", bodyCode: "copil", input: { date: "2019-06-01", title: "Comité à supprimer" }) { id } }`, {}, bearer(editor48));
      const meetingId = meeting.body.data.saveMeeting.id as string;
      const gone = await post(t.url, `mutation ($id: ID!) { deleteMeeting(schemeCode: "${LOZERE}", bodyCode: "copil", meetingId: $id) }`, { id: meetingId }, bearer(editor48));
      expect(gone.body).toEqual({ data: { deleteMeeting: meetingId } });
      const read = await post(t.url, `{ scheme(code: "${LOZERE}") { governingBodies { nodes { code meetings { nodes { id } } } } } }`);
      expect(read.body.data.scheme.governingBodies.nodes.flatMap((b: { meetings: { nodes: { id: string }[] } }) => b.meetings.nodes.map((m) => m.id))).not.toContain(meetingId);
      const [deletedMeeting] = await listAuditEntries(t.store.db, { outcome: 'done', entityType: 'Meeting', limit: 1 });
      expect(deletedMeeting).toMatchObject({ operation: 'meeting:delete', entityId: meetingId, tokenLabel: 'Équipe schéma Lozère', after: null, before: { title: 'Comité à supprimer' } });
      const again = await refused(`mutation ($id: ID!) { deleteMeeting(schemeCode: "${LOZERE}", bodyCode: "copil", meetingId: $id) }`, { id: meetingId }, { ...bearer(editor48), 'accept-language': 'en' }, 'NOT_FOUND');
      expect(again.message).toBe(`unknown meeting: ${meetingId}`);

      // The event of the proposal recorded above: refused while the proposal comes from it.
      const inUse = await refused(`mutation { deleteConsultationEvent(schemeCode: "${LOZERE}", code: "restitution-2022") }`, {}, bearer(editor48), 'CONFLICT');
      expect(inUse.message).toMatch(/des propositions sont issues de ce temps de concertation.* : prop-eval-1$/);
      const proposal = await post(t.url, `mutation { deleteProposal(schemeCode: "${LOZERE}", code: "prop-eval-1") }`, {}, bearer(editor48));
      const event = await post(t.url, `mutation { deleteConsultationEvent(schemeCode: "${LOZERE}", code: "restitution-2022") }`, {}, bearer(editor48));
      const phase = await post(t.url, `mutation { deletePhase(schemeCode: "${LOZERE}", code: "evaluation") }`, {}, bearer(editor48));
      for (const answer of [proposal, event, phase]) expect(answer.body.errors).toBeUndefined();
      const after = await post(t.url, `{ scheme(code: "${LOZERE}") { phases { nodes { code } } consultationEvents { nodes { code } } proposals { nodes { code } } } }`);
      const codes = (list: { nodes: { code: string }[] }) => list.nodes.map((n) => n.code);
      expect(codes(after.body.data.scheme.phases)).not.toContain('evaluation');
      expect(codes(after.body.data.scheme.consultationEvents)).not.toContain('restitution-2022');
      expect(codes(after.body.data.scheme.proposals)).not.toContain('prop-eval-1');
      expect(codes(after.body.data.scheme.phases).length).toBeGreaterThan(0);
      const entries = await listAuditEntries(t.store.db, { outcome: 'done', limit: 3 });
      expect(entries.map((e) => [e.operation, e.entityId, e.after])).toEqual([
        ['phase:delete', phase.body.data.deletePhase, null],
        ['consultation-event:delete', event.body.data.deleteConsultationEvent, null],
        ['proposal:delete', proposal.body.data.deleteProposal, null],
      ]);
      expect(entries[1]).toMatchObject({ before: { code: 'restitution-2022', participants: 60 } });
      await refused(`mutation { deletePhase(schemeCode: "${LOZERE}", code: "evaluation") }`, {}, bearer(editor48), 'NOT_FOUND');
    });
  });
}
