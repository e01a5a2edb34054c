import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { importSchemeFile } from './import.ts';
import { exportSchemeFile } from './export.ts';
import { validateSchemeFile } from './validate.ts';
import { DomainError } from '../validation/issues.ts';
import { getSchemesByCodes } from '../scheme/scheme.repository.ts';
import { getBodyMembersByBodyIds, getGoverningBodiesBySchemeIds } from '../governance/governance.repository.ts';
import { getConsultationEventsBySchemeIds, getPhasesBySchemeIds } from '../consultation/consultation.repository.ts';
import { schemeTerritory } from '../territory/territory.service.ts';
import type { SchemeFileInput } from './scheme-file.ts';

/** A sectoral scheme that the single scheme below replaces. */
const sectoral = (code: string, title: string): SchemeFileInput => ({
  scheme: { code, title, departments: ['48'], period: { start: 2013, end: 2017 }, status: 'closed', adoption: { date: '2013-06-21', reference: 'CD-2013-1' } },
});

/** What real schemes state, in the canonical form an export writes (seed 002, Lozère, and issue 9's facts). */
function singleScheme(): SchemeFileInput {
  return {
    scheme: {
      code: '48-2018-2022',
      title: 'Schéma unique des solidarités',
      departments: ['48'],
      period: { start: 2018, end: 2022 },
      status: 'in_force',
      adoption: { date: '2018-06-29', reference: 'CD-2018-42' },
      predecessors: ['48-enfance-2013-2017', '48-autonomie-2013-2017'],
      publics: ['elderly', 'disability', 'child_protection', 'integration'],
      themes: ['governance', 'user_participation'],
      keyFigures: [
        { label: 'Participants à la concertation', value: 107, unit: 'participants' },
        { label: 'Cartes du diagnostic', value: 80, qualifier: 'more_than', unit: 'cartes', illustrative: true },
        { label: 'Partenaires', value: 120, qualifier: 'about', unit: 'partenaires', illustrative: true },
      ],
    },
    partners: [{ code: 'cd-48', name: 'Département de la Lozère', kind: 'departement' }, { code: 'ars-occitanie', name: 'ARS Occitanie', kind: 'ars' }],
    governingBodies: [
      {
        code: 'copil',
        kind: 'copil',
        name: 'Comité de pilotage',
        members: [
          { person: { role: 'Vice-président chargé des solidarités' }, partner: 'cd-48', role: 'président' },
          { person: { role: 'Directeur général des services', name: 'Illustratif Nom' }, partner: 'cd-48' },
          { person: { role: 'Conseiller du Président' } },
          { partner: 'ars-occitanie', role: 'membre' },
        ],
      },
    ],
    phases: [
      { code: 'diagnostic', kind: 'elaboration', title: 'Diagnostic', date: '2017' },
      { code: 'groupes', kind: 'consultation', title: 'Groupes de travail', date: '2018-01-30/2018-02-14' },
      { code: 'mise-en-oeuvre', kind: 'implementation', title: 'Mise en œuvre', date: '2019/..' },
      { code: 'bilan', kind: 'evaluation', title: 'Bilan' },
    ],
    consultationEvents: [
      { code: 'entretiens', kind: 'other', title: '18 entretiens', date: '2017-05/2017-07' },
      { code: 'lancement', kind: 'launch', title: 'Lancement', date: '2018-01-30', participants: 107 },
      { code: 'restitution', kind: 'restitution', title: 'Restitution', date: '2018-03' },
      { code: 'contributions', kind: 'written_contribution', title: 'Contributions écrites' },
    ],
  };
}

for (const engine of ENGINES) {
  describe(`what real schemes contain, through scheme files, on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await importSchemeFile(store.db, sectoral('48-enfance-2013-2017', 'Schéma enfance-famille'));
      await importSchemeFile(store.db, sectoral('48-autonomie-2013-2017', 'Schéma autonomie'));
    });
    afterAll(() => store?.close());

    it('imports persons by role, fuzzy dates, qualified figures, several predecessors, publics and themes, and exports them back unchanged', async () => {
      await importSchemeFile(store.db, singleScheme());
      const exported = await exportSchemeFile(store.db, '48-2018-2022');
      expect(exported.scheme).toMatchObject({ predecessors: ['48-enfance-2013-2017', '48-autonomie-2013-2017'], publics: ['elderly', 'disability', 'child_protection', 'integration'], themes: ['governance', 'user_participation'] });
      expect(exported.scheme.keyFigures?.[1]).toEqual({ label: 'Cartes du diagnostic', value: 80, qualifier: 'more_than', unit: 'cartes', illustrative: true });
      expect(exported.governingBodies).toEqual(singleScheme().governingBodies);
      expect(exported.phases).toEqual(singleScheme().phases);
      expect(exported.consultationEvents).toEqual(singleScheme().consultationEvents);
      const again = await importSchemeFile(store.db, exported);
      expect(again.counts).toMatchObject({ created: 0, updated: 0 });
      expect(await exportSchemeFile(store.db, '48-2018-2022')).toEqual(exported);
    });

    it('reads them through the core', async () => {
      const [scheme] = await getSchemesByCodes(store.db, ['48-2018-2022']);
      expect(scheme).toMatchObject({ predecessors: ['48-enfance-2013-2017', '48-autonomie-2013-2017'], predecessorCode: '48-enfance-2013-2017', publics: ['elderly', 'disability', 'child_protection', 'integration'] });
      const [body] = await getGoverningBodiesBySchemeIds(store.db, [scheme!.id]);
      const members = await getBodyMembersByBodyIds(store.db, [body!.id]);
      expect(members.map((m) => [m.person, m.partnerId !== null, m.role])).toEqual([
        [{ role: 'Vice-président chargé des solidarités', name: null }, true, 'président'],
        [{ role: 'Directeur général des services', name: 'Illustratif Nom' }, true, null],
        [{ role: 'Conseiller du Président', name: null }, false, null],
        [null, true, 'membre'],
      ]);
      const phases = await getPhasesBySchemeIds(store.db, [scheme!.id]);
      expect(phases.map((p) => [p.when.precision, p.startDate, p.endDate])).toEqual([
        ['year', '2017-01-01', '2017-12-31'],
        ['span', '2018-01-30', '2018-02-14'],
        ['span', '2019-01-01', null],
        ['undated', null, null],
      ]);
      const events = await getConsultationEventsBySchemeIds(store.db, [scheme!.id]);
      expect(events.map((e) => [e.when.text, e.date, e.endDate])).toEqual([
        ['2017-05/2017-07', '2017-05-01', '2017-07-31'],
        ['2018-01-30', '2018-01-30', '2018-01-30'],
        ['2018-03', '2018-03-01', '2018-03-31'],
        [null, null, null],
      ]);
    });

    it('reads the older shapes (one predecessor, startDate and endDate) as the same facts', async () => {
      const file = singleScheme();
      const { predecessors: _p, ...scheme } = file.scheme;
      file.scheme = { ...scheme, code: '48-2018-2022-bis', predecessor: '48-enfance-2013-2017' };
      file.phases = [{ code: 'groupes', kind: 'consultation', title: 'Groupes de travail', startDate: '2018-01-30', endDate: '2018-02-14' }, { code: 'suite', kind: 'implementation', title: 'Suite', startDate: '2019' }];
      file.consultationEvents = [{ code: 'entretiens', kind: 'other', title: '18 entretiens', date: '2017-05', endDate: '2017-07' }];
      await importSchemeFile(store.db, file);
      const exported = await exportSchemeFile(store.db, '48-2018-2022-bis');
      expect(exported.scheme.predecessors).toEqual(['48-enfance-2013-2017']);
      expect(exported.phases?.map((p) => p.date)).toEqual(['2018-01-30/2018-02-14', '2019/..']);
      expect(exported.consultationEvents?.map((e) => e.date)).toEqual(['2017-05/2017-07']);
    });

    it('refuses an unknown predecessor, a scheme continuing itself, a member who is nobody, a bad date, with paths, and writes nothing', async () => {
      const file = singleScheme();
      file.scheme = { ...file.scheme, code: '48-2023-2027', period: { start: 2023, end: 2027 }, predecessors: ['48-2018-2022', '48-2008-2012', '48-2023-2027'] };
      file.governingBodies![0]!.members = [{ role: 'président' }, { person: { role: 'DGS' } }, { person: { role: 'dgs' } }];
      file.phases = [{ code: 'x', kind: 'elaboration', title: 'X', date: 'mars 2023' }, { code: 'y', kind: 'elaboration', title: 'Y', startDate: '2023-06', endDate: '2023-02' }];
      file.scheme.keyFigures = [{ label: 'Cartes', value: 80, qualifier: 'plus de' as 'more_than' }];
      const error = await importSchemeFile(store.db, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      const issues = (error as DomainError).issues.map((i) => `${i.path} ${i.code}`);
      expect(issues).toEqual(expect.arrayContaining([
        'scheme.keyFigures[0].qualifier invalid_value',
        'governingBodies[0].members[0].partner member_who',
        'phases[0].date fuzzy_date_format',
        'phases[1].endDate end_before_start',
      ]));
      expect(await getSchemesByCodes(store.db, ['48-2023-2027'])).toEqual([]);
      const self = singleScheme();
      self.scheme = { ...self.scheme, predecessors: ['48-enfance-2013-2017', '48-2018-2022'] };
      const selfResult = validateSchemeFile(self, 'en');
      expect(selfResult.ok ? [] : selfResult.issues.map((i) => `${i.path} ${i.code} ${i.message}`)).toEqual(['scheme.predecessors[1] predecessor_self a scheme cannot continue itself']);

      // Once the shape is right, predecessors must be stored schemes; a person listed twice is one duplicate.
      const valid = singleScheme();
      valid.scheme = { ...valid.scheme, code: '48-2023-2027', period: { start: 2023, end: 2027 }, predecessors: ['48-2018-2022', '48-2008-2012'] };
      valid.governingBodies![0]!.members = [{ person: { role: 'DGS' } }, { person: { role: 'dgs' } }];
      const second = await importSchemeFile(store.db, valid).catch((e: unknown) => e);
      expect((second as DomainError).issues.map((i) => `${i.path} ${i.code} ${i.message}`)).toEqual([
        'governingBodies[0].members[1].person duplicate_member membre en double : dgs déjà en members[0]',
        'scheme.predecessors[1] unknown_predecessor schéma précédent inconnu : 48-2008-2012',
      ]);
      expect(await getSchemesByCodes(store.db, ['48-2023-2027'])).toEqual([]);
    });

    it('validates a file alone without asking for its predecessors', () => {
      expect(validateSchemeFile(singleScheme(), 'fr').ok).toBe(true);
      expect(validateSchemeFile(singleScheme(), 'fr', { schemes: new Set() }).ok).toBe(false);
    });
  });
}

describe('a scheme territory', () => {
  it('sums the population of its départements from the official geography', () => {
    const both = schemeTerritory(['92', '78']);
    const [hauts, yvelines] = [schemeTerritory(['92']), schemeTerritory(['78'])];
    expect(both.name).toBe('Hauts-de-Seine et Yvelines');
    expect(schemeTerritory(['92', '78'], 'en').name).toBe('Hauts-de-Seine and Yvelines');
    expect(both.codes).toEqual(['dep:92', 'dep:78']);
    expect(both.population).toBe(hauts.population! + yvelines.population!);
    // DOMAIN.md: Hauts-de-Seine + Yvelines ≈ 3.1 million inhabitants.
    expect(both.population).toBeGreaterThan(2_900_000);
    expect(both.population).toBeLessThan(3_300_000);
    expect(schemeTerritory(['00']).population).toBeNull();
  });
});
