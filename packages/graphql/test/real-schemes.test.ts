import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '@sosms/core/testing';
import { executeQuery } from '../src/index.ts';
import { startTestGateway, type TestGateway } from './helpers.ts';

for (const engine of ENGINES) {
  describe(`what real schemes contain, through GraphQL, on ${engine}`, () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway(engine);
    });
    afterAll(() => t?.close());

    it('gives a scheme its territory and population, predecessors, publics and themes', async () => {
      const result = await executeQuery(
        t.store.db,
        `{ scheme(code: "92-2024-2028") { predecessorCode predecessors { code } publics { code } themes { code }
            territory { codes name population departments { code population } } }
           joint: scheme(code: "92-78-2018-2023") { territory { name population departments { population } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const { scheme, joint } = result.data as any;
      expect(scheme.predecessorCode).toBe('92-78-2018-2023');
      expect(scheme.predecessors).toEqual([{ code: '92-78-2018-2023' }]);
      expect(scheme.publics.map((p: { code: string }) => p.code)).toContain('child_protection');
      expect(scheme.territory).toMatchObject({ codes: ['dep:92'], name: 'Hauts-de-Seine' });
      expect(scheme.territory.population).toBe(scheme.territory.departments[0].population);
      expect(joint.territory.name).toBe('Hauts-de-Seine et Yvelines');
      expect(joint.territory.population).toBe(joint.territory.departments.reduce((n: number, d: { population: number }) => n + d.population, 0));
      expect(joint.territory.population).toBeGreaterThan(2_900_000);
    });

    it('reads persons by role, fuzzy dates and qualified figures of the Lozère scheme (seed 002)', async () => {
      const result = await executeQuery(
        t.store.db,
        `{ scheme(code: "48-2018-2022") {
            keyFigures { value qualifier unit valueText }
            governingBodies { nodes { members { nodes { role person { role name } partner { code } } } } }
            phases { nodes { code when { text precision from to label } } }
            consultationEvents { nodes { code when { text label } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const scheme = (result.data as any).scheme;
      expect(scheme.keyFigures).toContainEqual({ value: 100, qualifier: 'MORE_THAN', unit: 'partenaires', valueText: 'plus de 100 partenaires' });
      expect(scheme.governingBodies.nodes[0].members.nodes[0]).toEqual({ role: 'présidence', person: { role: 'Présidente du Conseil départemental', name: null }, partner: { code: 'cd-48' } });
      const phase = scheme.phases.nodes.find((p: { code: string }) => p.code === 'phase-2');
      expect(phase.when).toEqual({ text: '2018-05/2018-07', precision: 'SPAN', from: '2018-05-01', to: '2018-07-31', label: 'mai – juillet 2018' });
      expect(scheme.phases.nodes.find((p: { code: string }) => p.code === 'phase-3').when.label).toBe('décembre 2018');
      expect(scheme.consultationEvents.nodes.find((e: { code: string }) => e.code === 'groupes-phase-1').when.label).toBe('30 janvier – 14 février 2018');
    });

    it('never reveals a hidden predecessor', async () => {
      // A published scheme continuing a draft: readers without the draft's département see no predecessor.
      await t.store.db.insertInto('scheme_predecessor').values({ scheme_id: (await t.store.db.selectFrom('scheme').select('id').where('code', '=', '72-2015-2019').executeTakeFirstOrThrow()).id, predecessor_code: 'hidden-draft', position: 0 }).execute();
      const result = await executeQuery(t.store.db, `{ scheme(code: "72-2015-2019") { predecessorCode predecessors { code } } }`);
      expect((result.data as any).scheme).toEqual({ predecessorCode: null, predecessors: [] });
      await t.store.db.deleteFrom('scheme_predecessor').where('predecessor_code', '=', 'hidden-draft').execute();
    });
  });
}
