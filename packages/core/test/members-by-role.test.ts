import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/access/access.ts';
import type { Caller } from '../src/access/command.ts';
import { saveConsultationEvent, savePhase } from '../src/consultation/consultation.service.ts';
import type { Store } from '../src/database/store.ts';
import { addBodyMember, removeBodyMember, saveGoverningBody } from '../src/governance/governance.service.ts';
import { ENGINES, openTestStore } from '../src/testing/engines.ts';
import { DomainError } from '../src/validation/issues.ts';
import { loadFixture } from './read/fixture.ts';

const editor: Principal = { tokenId: null, label: 'équipe 48', role: 'editor', departments: ['48'], indicatorIds: [] };
const e48: Caller = { principal: editor, lang: 'fr' };

for (const engine of ENGINES) {
  describe(`persons by role and fuzzy dates through the commands on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await loadFixture(store.db);
    }, 180_000);
    afterAll(() => store?.close());

    it('seats persons by role beside organisations, once each', async () => {
      const { members } = await saveGoverningBody(store.db, e48, 't-48', {
        code: 'copil-elus',
        kind: 'copil',
        name: 'COPIL des élus',
        members: [{ person: { role: 'Vice-président chargé des solidarités' }, role: 'président' }, { person: { role: 'Directeur général des services', name: 'Illustratif' }, partner: 'test-caf' }, { partner: 'test-ars' }],
      });
      expect(members.map((m) => [m.person?.role ?? null, m.person?.name ?? null, m.partnerId !== null, m.role, m.position])).toEqual([
        ['Vice-président chargé des solidarités', null, false, 'président', 0],
        ['Directeur général des services', 'Illustratif', true, null, 1],
        [null, null, true, null, 2],
      ]);
      const added = await addBodyMember(store.db, e48, 't-48', 'copil-elus', { person: { role: 'Conseiller du Président' } });
      expect(added.members.at(-1)).toMatchObject({ person: { role: 'Conseiller du Président', name: null }, partnerId: null, position: 3 });
      // The same person again is refused; the same organisation again changes its role and keeps its place.
      const again = await addBodyMember(store.db, e48, 't-48', 'copil-elus', { person: { role: 'conseiller du président' } }).catch((e: unknown) => e);
      expect((again as DomainError).issues.map((i) => `${i.path} ${i.code}`)).toEqual(['person duplicate_member']);
      const role = await addBodyMember(store.db, e48, 't-48', 'copil-elus', { partner: 'test-ars', role: 'membre' });
      expect(role.members.map((m) => m.role)).toEqual(['président', null, 'membre', null]);
      // A person who speaks for test-caf does not make test-caf an organisation seat: removing test-caf finds none.
      const removed = await removeBodyMember(store.db, e48, 't-48', 'copil-elus', 'test-caf').catch((e: unknown) => e);
      expect((removed as DomainError).code).toBe('NOT_FOUND');
      const nobody = await saveGoverningBody(store.db, e48, 't-48', { code: 'x', kind: 'other', name: 'X', members: [{ role: 'membre' }] }).catch((e: unknown) => e);
      expect((nobody as DomainError).issues.map((i) => `${i.path} ${i.code}`)).toEqual(['members[0].partner member_who']);
    });

    it('dates phases and events by a month, a span or not at all', async () => {
      const phase = await savePhase(store.db, e48, 't-48', { code: 'p-mois', kind: 'validation', title: 'Vote', date: '2018-12' });
      expect(phase).toMatchObject({ when: { text: '2018-12', precision: 'month' }, startDate: '2018-12-01', endDate: '2018-12-31' });
      const event = await saveConsultationEvent(store.db, e48, 't-48', { code: 'e-entretiens', kind: 'other', title: '18 entretiens', date: '2017-05', endDate: '2017-07' });
      expect(event).toMatchObject({ when: { text: '2017-05/2017-07', precision: 'span' }, date: '2017-05-01', endDate: '2017-07-31' });
      const undated = await saveConsultationEvent(store.db, e48, 't-48', { code: 'e-ecrit', kind: 'written_contribution', title: 'Contributions écrites' });
      expect(undated).toMatchObject({ when: { text: null, precision: 'undated' }, date: null, endDate: null });
      const bad = await savePhase(store.db, e48, 't-48', { code: 'p-x', kind: 'validation', title: 'X', date: 'décembre 2018' }).catch((e: unknown) => e);
      expect((bad as DomainError).issues.map((i) => `${i.path} ${i.code}`)).toEqual(['date fuzzy_date_format']);
    });
  });
}
