import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/access/access.ts';
import { listAuditEntries } from '../src/access/audit.repository.ts';
import type { Caller } from '../src/access/command.ts';
import { deleteConsultationEvent, deletePhase, deleteProposal, linkProposalActions, saveConsultationEvent, savePhase, saveProposal } from '../src/consultation/consultation.service.ts';
import { getConsultationEventsBySchemeIds, getPhasesBySchemeIds, getProposalsBySchemeIds } from '../src/consultation/consultation.repository.ts';
import type { Store } from '../src/database/store.ts';
import { getBodyMembersByBodyIds, getGoverningBodiesBySchemeIds, getMeetingsByBodyIds } from '../src/governance/governance.repository.ts';
import { addBodyMember, deleteGoverningBody, deleteMeeting, removeBodyMember, saveGoverningBody, saveMeeting } from '../src/governance/governance.service.ts';
import { exportSchemeFile } from '../src/scheme-file/export.ts';
import { validateSchemeFile } from '../src/scheme-file/validate.ts';
import type { Scheme } from '../src/scheme/scheme.service.ts';
import { importSchemeFile } from '../src/scheme-file/import.ts';
import { ENGINES, openTestStore } from '../src/testing/engines.ts';
import { DomainError } from '../src/validation/issues.ts';
import { loadFixture, snapshot, variant } from './read/fixture.ts';

const editor = (departments: string[]): Principal => ({ tokenId: null, label: `équipe ${departments.join('+')}`, role: 'editor', departments, indicatorIds: [] });
const as = (principal: Principal | undefined, lang: 'fr' | 'en' = 'fr'): Caller => ({ principal, lang });
const e48 = as(editor(['48']));

for (const engine of ENGINES) {
  describe(`governance and consultation commands on ${engine}`, () => {
    let store: Store;
    let s48: Scheme;
    /** Action ids by `<scheme code>/<action code>`. */
    const actionIds = new Map<string, string>();
    beforeAll(async () => {
      store = await openTestStore(engine);
      ({ s48 } = await loadFixture(store.db));
      // A joint scheme of 92 and 78, and a partner only 77's hidden draft declares.
      const joint = variant('t-9278', '92');
      (joint.scheme as { departments: string[] }).departments = ['92', '78'];
      await importSchemeFile(store.db, joint);
      const draft = variant('t-77b', '77', 'draft');
      draft.partners = [{ code: 'secret-77', name: 'Association cachée', kind: 'association', departments: ['77'] }];
      await importSchemeFile(store.db, draft);
      const rows = await store.db.selectFrom('action').innerJoin('scheme', 'scheme.id', 'action.scheme_id').select(['action.id', 'action.code', 'scheme.code as scheme']).execute();
      for (const r of rows) actionIds.set(`${r.scheme}/${r.code}`, r.id);
    }, 180_000);
    afterAll(() => store?.close());

    /** A command that must be refused: its code, nothing written but, for a token, the one refusal row. */
    async function refused(write: () => Promise<unknown>, audited = true): Promise<DomainError> {
      const before = await snapshot(store.db);
      const audit = (await listAuditEntries(store.db, { limit: 10_000 })).length;
      const error = await write().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(await snapshot(store.db)).toEqual(before);
      const entries = await listAuditEntries(store.db, { limit: 10_000 });
      expect(entries.length).toBe(audit + (audited ? 1 : 0));
      if (audited) expect(entries[0]).toMatchObject({ outcome: 'refused', code: (error as DomainError).code, before: null, after: null });
      return error as DomainError;
    }

    /** Every new command, aimed at one scheme with inputs that would be valid there. */
    const everyCommand = (scheme: string): [string, (caller: Caller) => Promise<unknown>][] => [
      ['saveGoverningBody', (c) => saveGoverningBody(store.db, c, scheme, { code: 'copil', kind: 'copil', name: 'Piraté' })],
      ['deleteGoverningBody', (c) => deleteGoverningBody(store.db, c, scheme, 'copil')],
      ['addBodyMember', (c) => addBodyMember(store.db, c, scheme, 'copil', { partner: 'test-caf' })],
      ['removeBodyMember', (c) => removeBodyMember(store.db, c, scheme, 'copil', 'test-ars')],
      ['saveMeeting', (c) => saveMeeting(store.db, c, scheme, 'copil', { date: '2025-01-01', title: 'Réunion pirate' })],
      ['savePhase', (c) => savePhase(store.db, c, scheme, { code: 'p1', kind: 'validation', title: 'Piraté' })],
      ['saveConsultationEvent', (c) => saveConsultationEvent(store.db, c, scheme, { code: 'gt1', kind: 'plenary', title: 'Piraté', date: '2025-01-01' })],
      ['saveProposal', (c) => saveProposal(store.db, c, scheme, { code: 'prop-1', text: 'Piraté' })],
      ['linkProposalActions', (c) => linkProposalActions(store.db, c, scheme, 'prop-1', [actionIds.get(`${scheme}/2.1`)!])],
      ['deleteMeeting', async (c) => deleteMeeting(store.db, c, scheme, 'copil', await meetingOf(scheme))],
      ['deletePhase', (c) => deletePhase(store.db, c, scheme, 'p1')],
      ['deleteConsultationEvent', (c) => deleteConsultationEvent(store.db, c, scheme, 'gt1')],
      ['deleteProposal', (c) => deleteProposal(store.db, c, scheme, 'prop-1')],
    ];

    /** The id of the first meeting of a scheme's COPIL. */
    async function meetingOf(scheme: string): Promise<string> {
      const row = await store.db
        .selectFrom('meeting')
        .innerJoin('governing_body', 'governing_body.id', 'meeting.body_id')
        .innerJoin('scheme', 'scheme.id', 'governing_body.scheme_id')
        .select('meeting.id')
        .where('scheme.code', '=', scheme)
        .where('governing_body.code', '=', 'copil')
        .orderBy('meeting.date')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it('lets a 48 editor write none of 92’s (FORBIDDEN), 77’s or 72’s hidden schemes (NOT_FOUND), nor a joint 92 + 78 scheme with a 92 token', async () => {
      for (const [name, command] of everyCommand('t-92')) expect((await refused(() => command(e48))).code, name).toBe('FORBIDDEN');
      for (const scheme of ['t-77', 't-72']) {
        for (const [name, command] of everyCommand(scheme)) {
          expect(await refused(() => command(e48)), `${name} ${scheme}`).toMatchObject({ code: 'NOT_FOUND', message: `schéma inconnu : ${scheme}` });
        }
      }
      for (const [name, command] of everyCommand('t-9278')) expect((await refused(() => command(as(editor(['92']))))).code, name).toBe('FORBIDDEN');
    });

    it('refuses a contributor every one of them, and an anonymous caller without writing a thing', async () => {
      const contributor = as({ tokenId: null, label: 'CAF de test', role: 'contributor', departments: ['48'], indicatorIds: [], schemeIds: [s48.id] });
      for (const [name, command] of everyCommand('t-48')) expect((await refused(() => command(contributor))).code, name).toBe('FORBIDDEN');
      for (const [name, command] of everyCommand('t-48')) expect((await refused(() => command(as(undefined)), false)).code, name).toBe('UNAUTHENTICATED');
    });

    it('creates, updates and deletes a governing body with its members and meetings, each audited with the stored rows', async () => {
      const created = await saveGoverningBody(store.db, e48, 't-48', {
        code: 'comite-technique', kind: 'technical_committee', name: 'Comité technique', members: [{ partner: 'test-caf', role: 'rapporteur' }, { partner: 'test-ars' }],
      });
      expect(created.body).toMatchObject({ code: 'comite-technique', kind: 'technical_committee', position: 1 });
      const partnerIds = new Map((await store.db.selectFrom('partner').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
      expect(created.members.map((m) => [m.partnerId, m.role, m.position])).toEqual([[partnerIds.get('test-caf'), 'rapporteur', 0], [partnerIds.get('test-ars'), null, 1]]);
      let [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'governing-body:save', entityType: 'GoverningBody', entityId: created.body.id, outcome: 'done', before: null, after: { body: { name: 'Comité technique' } } });

      // Saved again without members: its fields change, its members and place stay.
      const renamed = await saveGoverningBody(store.db, e48, 't-48', { code: 'comite-technique', kind: 'technical_committee', name: 'Comité technique départemental' });
      expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Comité technique départemental', position: 1 });
      expect(renamed.members).toEqual(created.members);
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ before: { body: { name: 'Comité technique' } }, after: { body: { name: 'Comité technique départemental' } } });

      const removed = await removeBodyMember(store.db, e48, 't-48', 'comite-technique', 'test-caf');
      expect(removed.members.map((m) => [m.partnerId, m.position])).toEqual([[partnerIds.get('test-ars'), 0]]);
      const added = await addBodyMember(store.db, e48, 't-48', 'comite-technique', { partner: 'test-caf', role: 'financeur' });
      expect(added.members.map((m) => [m.partnerId, m.role, m.position])).toEqual([[partnerIds.get('test-ars'), null, 0], [partnerIds.get('test-caf'), 'financeur', 1]]);
      const again = await addBodyMember(store.db, e48, 't-48', 'comite-technique', { partner: 'test-ars', role: 'président' });
      expect(again.members.map((m) => [m.role, m.position])).toEqual([['président', 0], ['financeur', 1]]);
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'body-member:add', before: { members: [{ role: null }, { role: 'financeur' }] }, after: { members: [{ role: 'président' }, { role: 'financeur' }] } });

      const meeting = await saveMeeting(store.db, e48, 't-48', 'comite-technique', {
        date: '2025-03-12', title: 'Revue annuelle', decisions: [{ text: 'Prioriser les aidants', orientations: ['1'], actions: ['1.1.1'] }],
      });
      expect(meeting).toMatchObject({ bodyId: created.body.id, date: '2025-03-12', decisions: [{ text: 'Prioriser les aidants', orientations: ['1'], actions: ['1.1.1'] }] });
      const corrected = await saveMeeting(store.db, e48, 't-48', 'comite-technique', { date: '2025-03-13', title: 'Revue annuelle', summary: 'Compte rendu' }, meeting.id);
      expect(corrected).toMatchObject({ id: meeting.id, date: '2025-03-13', summary: 'Compte rendu', decisions: [] });
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'meeting:save', entityType: 'Meeting', before: { date: '2025-03-12' }, after: { date: '2025-03-13' } });
      expect(await getMeetingsByBodyIds(store.db, [created.body.id])).toHaveLength(1);

      const deleted = await deleteGoverningBody(store.db, e48, 't-48', 'comite-technique');
      expect(deleted.id).toBe(created.body.id);
      expect((await getGoverningBodiesBySchemeIds(store.db, [s48.id])).map((b) => b.code)).toEqual(['copil']);
      expect(await getBodyMembersByBodyIds(store.db, [created.body.id])).toEqual([]);
      expect(await getMeetingsByBodyIds(store.db, [created.body.id])).toEqual([]);
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'governing-body:delete', after: null, before: { body: { code: 'comite-technique' }, members: [{}, {}], meetings: [{ title: 'Revue annuelle' }] } });
    });

    it('refuses bad governance input with field paths, in French or English, and writes nothing', async () => {
      const kind = await refused(() => saveGoverningBody(store.db, e48, 't-48', { code: 'x', kind: 'parliament', name: 'X' }));
      expect(kind).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'kind' })] });
      const code = await refused(() => saveGoverningBody(store.db, as(editor(['48']), 'en'), 't-48', { code: 'co pil', kind: 'copil', name: ' ' }));
      expect(code.issues?.map((i) => i.path)).toEqual(['code', 'name']);
      expect(code.message).toMatch(/^Invalid data: code: invalid code/);
      const meetings = await refused(() => saveGoverningBody(store.db, e48, 't-48', { code: 'x', kind: 'copil', name: 'X', meetings: [{ date: '2025-01-01', title: 'R' }] }));
      expect(meetings.issues).toEqual([expect.objectContaining({ path: 'meetings' })]);
      const twice = await refused(() => saveGoverningBody(store.db, e48, 't-48', { code: 'x', kind: 'copil', name: 'X', members: [{ partner: 'test-caf' }, { partner: 'test-caf' }] }));
      expect(twice.issues).toEqual([expect.objectContaining({ path: 'members[1].partner', code: 'duplicate_member' })]);
      // A partner only a hidden draft declares is unknown, as one that does not exist.
      const hidden = await refused(() => addBodyMember(store.db, e48, 't-48', 'copil', { partner: 'secret-77' }));
      expect(hidden).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'partner', code: 'unknown_partner', message: 'partenaire inconnu : secret-77' }] });
      expect((await refused(() => deleteGoverningBody(store.db, e48, 't-48', 'absent'))).message).toBe('instance de gouvernance inconnue : absent');
      expect((await refused(() => removeBodyMember(store.db, as(editor(['48']), 'en'), 't-48', 'copil', 'test-caf'))).message).toBe('this partner does not sit in the body: test-caf');
      const decision = await refused(() => saveMeeting(store.db, e48, 't-48', 'copil', { date: '2025-01-01', title: 'R', decisions: [{ text: 'D', orientations: ['9'], actions: ['1.1.1', '9.9'] }] }));
      expect(decision.issues?.map((i) => `${i.path} ${i.code}`)).toEqual(['decisions[0].orientations[0] unknown_orientation', 'decisions[0].actions[1] unknown_action']);
      const date = await refused(() => saveMeeting(store.db, as(editor(['48']), 'en'), 't-48', 'copil', { date: '2025-02-30', title: 'R' }));
      expect(date.message).toMatch(/date: this date does not exist/);
      // A meeting of another body (here, of 92's COPIL) cannot be rewritten through 48's.
      const [copil92] = await store.db.selectFrom('meeting').innerJoin('governing_body', 'governing_body.id', 'meeting.body_id').innerJoin('scheme', 'scheme.id', 'governing_body.scheme_id').select('meeting.id').where('scheme.code', '=', 't-92').execute();
      expect((await refused(() => saveMeeting(store.db, e48, 't-48', 'copil', { date: '2025-01-01', title: 'R' }, copil92!.id))).code).toBe('NOT_FOUND');
      expect((await refused(() => saveMeeting(store.db, e48, 't-48', 'copil', { date: '2025-01-01', title: 'R' }, 'pas-un-uuid'))).code).toBe('NOT_FOUND');
    });

    it('creates and updates phases, consultation events and proposals by code, and links a proposal to its actions', async () => {
      const phase = await savePhase(store.db, e48, 't-48', { code: 'p2', kind: 'validation', title: 'Vote', startDate: '2024-03-15' });
      expect(phase).toMatchObject({ code: 'p2', position: 1, startDate: '2024-03-15', endDate: null });
      const p1 = await savePhase(store.db, e48, 't-48', { code: 'p1', kind: 'elaboration', title: 'Groupes de travail élargis', startDate: '2023-01-30' });
      expect(p1).toMatchObject({ position: 0, title: 'Groupes de travail élargis', endDate: null });
      let [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'phase:save', entityType: 'Phase', before: { title: 'Groupes de travail', endDate: '2023-02-14' }, after: { title: 'Groupes de travail élargis', endDate: null } });

      const event = await saveConsultationEvent(store.db, e48, 't-48', { code: 'pleniere', kind: 'plenary', title: 'Plénière de restitution', date: '2023-06-01', participants: 80, partners: ['test-ars'] });
      expect(event).toMatchObject({ code: 'pleniere', position: 1, participants: 80, partners: ['test-ars'] });
      const proposal = await saveProposal(store.db, e48, 't-48', { code: 'prop-2', text: 'Prévenir la perte d’autonomie à domicile', event: 'pleniere', actions: ['2.1'] });
      expect(proposal).toMatchObject({ code: 'prop-2', outcome: 'pending', eventCode: 'pleniere', actions: ['2.1'], illustrative: false });
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'proposal:save', entityType: 'Proposal', before: null, after: { code: 'prop-2' } });

      const linked = await linkProposalActions(store.db, e48, 't-48', 'prop-2', [actionIds.get('t-48/1.1.1')!, actionIds.get('t-48/2.1')!, actionIds.get('t-48/1.1.1')!]);
      expect(linked.actions).toEqual(['1.1.1', '2.1']);
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'proposal:link-actions', before: { actions: ['2.1'] }, after: { actions: ['1.1.1', '2.1'] } });
      expect((await getProposalsBySchemeIds(store.db, [s48.id])).map((p) => [p.code, p.actions])).toEqual([['prop-1', ['1.1.1']], ['prop-2', ['1.1.1', '2.1']]]);
      expect((await getPhasesBySchemeIds(store.db, [s48.id])).map((p) => p.code)).toEqual(['p1', 'p2']);
      expect((await getConsultationEventsBySchemeIds(store.db, [s48.id])).map((e) => e.code)).toEqual(['gt1', 'pleniere']);
    });

    it('refuses bad consultation input and foreign or hidden actions, and writes nothing', async () => {
      const order = await refused(() => savePhase(store.db, e48, 't-48', { code: 'p3', kind: 'evaluation', title: 'Bilan', startDate: '2028-06-01', endDate: '2028-01-01' }));
      expect(order).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'endDate', message: 'la date de fin précède la date de début' })] });
      const partner = await refused(() => saveConsultationEvent(store.db, e48, 't-48', { code: 'gt9', kind: 'working_group', title: 'GT', date: '2023-01-01', partners: ['test-caf', 'secret-77'] }));
      expect(partner.issues).toEqual([expect.objectContaining({ path: 'partners[1]', code: 'unknown_partner' })]);
      const count = await refused(() => saveConsultationEvent(store.db, e48, 't-48', { code: 'gt9', kind: 'working_group', title: 'GT', date: '2023-01-01', participants: -3 }));
      expect(count.issues).toEqual([expect.objectContaining({ path: 'participants' })]);
      const refs = await refused(() => saveProposal(store.db, e48, 't-48', { code: 'prop-9', text: 'P', event: 'absent', actions: ['1.1.1', '7.7'], outcome: 'retained' }));
      expect(refs.issues?.map((i) => `${i.path} ${i.code}`)).toEqual(['event unknown_event', 'actions[1] unknown_action']);
      const outcome = await refused(() => saveProposal(store.db, e48, 't-48', { code: 'prop-9', text: 'P', outcome: 'adopted' }));
      expect(outcome.issues).toEqual([expect.objectContaining({ path: 'outcome' })]);
      // An action of another scheme the caller sees is named as such; one of a hidden draft is unknown, like a made-up id.
      const links = await refused(() =>
        linkProposalActions(store.db, e48, 't-48', 'prop-1', [actionIds.get('t-48/2.1')!, actionIds.get('t-92/2.1')!, actionIds.get('t-77/2.1')!, '00000000-0000-4000-8000-000000000000', 'x']),
      );
      expect(links.issues?.map((i) => `${i.path} ${i.code}`)).toEqual(['actionIds[1] action_other_scheme', 'actionIds[2] unknown_action', 'actionIds[3] unknown_action', 'actionIds[4] unknown_action']);
      expect(links.issues?.[1]?.message).toBe(`action inconnue : ${actionIds.get('t-77/2.1')}`);
      expect((await refused(() => linkProposalActions(store.db, e48, 't-48', 'absente', []))).message).toBe('proposition inconnue : absente');
    });

    it('gives one governing body and one phase to two racing creations of one code', async () => {
      const body = { code: 'course', kind: 'other', name: 'Instance en course' };
      const bodies = await Promise.all([saveGoverningBody(store.db, e48, 't-48', body), saveGoverningBody(store.db, e48, 't-48', { ...body, name: 'Instance en course bis' })]);
      expect(bodies[0].body.id).toBe(bodies[1].body.id);
      expect((await getGoverningBodiesBySchemeIds(store.db, [s48.id])).filter((b) => b.code === 'course')).toHaveLength(1);
      const phase = { code: 'course', kind: 'implementation', title: 'Phase en course' };
      const phases = await Promise.all([savePhase(store.db, e48, 't-48', phase), savePhase(store.db, e48, 't-48', phase)]);
      expect(phases[0].id).toBe(phases[1].id);
      const audit = await listAuditEntries(store.db, { limit: 2 });
      expect(audit.map((e) => e.before === null).sort()).toEqual([false, true]);
    });

    it('deletes a meeting, a phase, a consultation event and a proposal, each audited with the stored row before', async () => {
      const copil = (await getGoverningBodiesBySchemeIds(store.db, [s48.id])).find((b) => b.code === 'copil')!;
      const meeting = await saveMeeting(store.db, e48, 't-48', 'copil', { date: '2025-06-02', title: 'Réunion à supprimer', decisions: [{ text: 'Rien', actions: ['1.1.1'] }] });
      const deletedMeeting = await deleteMeeting(store.db, e48, 't-48', 'copil', meeting.id);
      expect(deletedMeeting).toEqual(meeting);
      expect((await getMeetingsByBodyIds(store.db, [copil.id])).map((m) => m.id)).not.toContain(meeting.id);
      let [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'meeting:delete', entityType: 'Meeting', entityId: meeting.id, outcome: 'done', after: null, before: { id: meeting.id, title: 'Réunion à supprimer', decisions: [{ text: 'Rien' }] } });
      expect((await refused(() => deleteMeeting(store.db, e48, 't-48', 'copil', meeting.id))).message).toBe(`réunion inconnue : ${meeting.id}`);
      // A meeting of 92's COPIL is not one of 48's, and a meeting is deleted through its own body only.
      expect((await refused(() => deleteMeeting(store.db, e48, 't-48', 'copil', 'pas-un-uuid'))).code).toBe('NOT_FOUND');
      const meeting92 = await meetingOf('t-92');
      expect((await refused(() => deleteMeeting(store.db, e48, 't-48', 'copil', meeting92))).code).toBe('NOT_FOUND');
      const other = await saveGoverningBody(store.db, e48, 't-48', { code: 'autre', kind: 'other', name: 'Autre instance' });
      const meeting48 = await meetingOf('t-48');
      expect((await refused(() => deleteMeeting(store.db, e48, 't-48', 'autre', meeting48))).code).toBe('NOT_FOUND');
      await deleteGoverningBody(store.db, e48, 't-48', other.body.code);

      // The phases after a deleted one move up a place, as a re-import of the exported file would place them.
      const phasesBefore = await getPhasesBySchemeIds(store.db, [s48.id]);
      const p1 = phasesBefore.find((p) => p.code === 'p1')!;
      expect(await deletePhase(store.db, e48, 't-48', 'p1')).toEqual(p1);
      const phasesAfter = await getPhasesBySchemeIds(store.db, [s48.id]);
      expect(phasesAfter.map((p) => [p.code, p.position])).toEqual(phasesBefore.filter((p) => p.code !== 'p1').map((p, position) => [p.code, position]));
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'phase:delete', entityType: 'Phase', entityId: p1.id, after: null, before: { code: 'p1', title: p1.title } });
      expect((await refused(() => deletePhase(store.db, as(editor(['48']), 'en'), 't-48', 'p1'))).message).toBe('unknown phase: p1');

      // An event that proposals come from is refused, naming them, and nothing is deleted.
      const inUse = await refused(() => deleteConsultationEvent(store.db, e48, 't-48', 'gt1'));
      expect(inUse).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'eventCode', code: 'event_in_use' }] });
      expect(inUse.message).toBe("des propositions sont issues de ce temps de concertation, à supprimer ou à rattacher à un autre d'abord : prop-1");
      const prop1 = (await getProposalsBySchemeIds(store.db, [s48.id])).find((p) => p.code === 'prop-1')!;
      expect(await deleteProposal(store.db, e48, 't-48', 'prop-1')).toEqual(prop1);
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'proposal:delete', entityType: 'Proposal', entityId: prop1.id, after: null, before: { code: 'prop-1', eventCode: 'gt1', actions: prop1.actions } });
      const remaining = await getProposalsBySchemeIds(store.db, [s48.id]);
      expect(remaining.map((p) => p.position)).toEqual(remaining.map((_, i) => i));
      for (const p of remaining.filter((p) => p.eventCode === 'gt1')) await deleteProposal(store.db, e48, 't-48', p.code);
      const gt1 = (await getConsultationEventsBySchemeIds(store.db, [s48.id])).find((e) => e.code === 'gt1')!;
      expect(await deleteConsultationEvent(store.db, e48, 't-48', 'gt1')).toEqual(gt1);
      [entry] = await listAuditEntries(store.db, { limit: 1 });
      expect(entry).toMatchObject({ operation: 'consultation-event:delete', entityType: 'ConsultationEvent', entityId: gt1.id, after: null, before: { code: 'gt1', participants: 107 } });
      expect((await refused(() => deleteConsultationEvent(store.db, e48, 't-48', 'gt1'))).message).toBe('événement de concertation inconnu : gt1');
      expect((await refused(() => deleteProposal(store.db, e48, 't-48', 'prop-1'))).message).toBe('proposition inconnue : prop-1');

      // What is left is a coherent scheme: its exported file validates.
      const file = await exportSchemeFile(store.db, 't-48');
      const check = validateSchemeFile(file);
      expect(check.ok ? [] : check.issues).toEqual([]);
    });

    it('moves the bodies after a deleted one up a place, as phases, events and proposals do', async () => {
      for (const code of ['instance-a', 'instance-b', 'instance-c']) await saveGoverningBody(store.db, e48, 't-48', { code, kind: 'other', name: `Instance ${code}` });
      const before = await getGoverningBodiesBySchemeIds(store.db, [s48.id]);
      expect(before.map((b) => b.position)).toEqual(before.map((_, i) => i));
      await deleteGoverningBody(store.db, e48, 't-48', 'instance-a');
      const after = await getGoverningBodiesBySchemeIds(store.db, [s48.id]);
      expect(after.map((b) => [b.code, b.position])).toEqual(before.filter((b) => b.code !== 'instance-a').map((b, position) => [b.code, position]));
      // A new body takes the place after the last one, with no gap.
      const added = await saveGoverningBody(store.db, e48, 't-48', { code: 'instance-d', kind: 'other', name: 'Instance d' });
      expect(added.body.position).toBe(after.length);
      for (const code of ['instance-b', 'instance-c', 'instance-d']) await deleteGoverningBody(store.db, e48, 't-48', code);
      expect((await getGoverningBodiesBySchemeIds(store.db, [s48.id])).map((b) => [b.code, b.position])).toEqual(before.filter((b) => !b.code.startsWith('instance-')).map((b, position) => [b.code, position]));
    });

    it('never leaves a proposal naming a deleted event when a deletion races a proposal that names it', async () => {
      for (let round = 0; round < 3; round++) {
        const code = `course-${round}`;
        await saveConsultationEvent(store.db, e48, 't-48', { code, kind: 'plenary', title: 'Plénière en course', date: '2025-01-01' });
        const [saved, deleted] = await Promise.allSettled([
          saveProposal(store.db, e48, 't-48', { code: `prop-${code}`, text: 'Proposition en course', event: code }),
          deleteConsultationEvent(store.db, e48, 't-48', code),
        ]);
        // One of the two wins: the proposal (the deletion then CONFLICT), or the deletion (the proposal then names an unknown event).
        expect([saved.status, deleted.status].sort()).toEqual(['fulfilled', 'rejected']);
        const events = new Set((await getConsultationEventsBySchemeIds(store.db, [s48.id])).map((e) => e.code));
        for (const p of await getProposalsBySchemeIds(store.db, [s48.id])) if (p.eventCode) expect(events.has(p.eventCode), p.code).toBe(true);
      }
    });
  });
}
