import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Store } from '../../database/store.ts';
import { ENGINES, openTestStore } from '../../testing/engines.ts';
import { DEMO_SCHEMES_DIR } from '../demo.ts';
import { exportSchemeFile } from '../export.ts';
import { importSchemeFile } from '../import.ts';
import { validateSchemeFile } from '../validate.ts';
import { DomainError } from '../../validation/issues.ts';

const read = (name: string) => YAML.parse(readFileSync(join(DEMO_SCHEMES_DIR, name), 'utf8')) as Record<string, unknown>;
const SECTION = ['legalTrail', 'targetRevisions', 'evaluations', 'lineage'] as const;

describe('evaluation section references', () => {
  it('names every unknown action, indicator, question and act, and a fate that does not fit', () => {
    const file = read('92-sosms-2024-2028.yaml');
    file.lineage = [
      { action: '1.1', fate: 'renewed', into: ['9.9'] },
      { action: '1.2', fate: 'dropped', into: ['1.1'] },
      { action: '1.3', fate: 'split', into: ['1.1'] },
    ];
    file.targetRevisions = [{ indicator: 'inconnu', date: '2026-01-01', original: { value: 1 }, revised: { value: 2 }, justification: 'x', act: 'nope' }];
    const result = validateSchemeFile(file, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'targetRevisions[0].indicator unknown_indicator',
      'targetRevisions[0].act unknown_act',
      'lineage[0].into[0] unknown_action',
      'lineage[1].into lineage_fate',
      'lineage[2].into lineage_fate',
    ]);
    expect(result.issues[0]!.message).toBe('unknown indicator: inconnu');
    const fr = validateSchemeFile({ ...file, lineage: [], targetRevisions: [] , scheme: { ...(file.scheme as object), predecessor: undefined, predecessors: undefined } }, 'fr');
    expect(fr.ok).toBe(true);
    const noPredecessor = validateSchemeFile({ ...file, targetRevisions: [], lineage: [{ action: '1', fate: 'dropped' }], scheme: { ...(file.scheme as object), predecessor: undefined, predecessors: undefined } }, 'fr');
    expect(noPredecessor.ok ? [] : noPredecessor.issues.map((i) => i.message)).toEqual(['schéma précédent absent : indiquez scheme.predecessor ou lineage[].scheme']);
  });
});

for (const engine of ENGINES) {
  describe(`evaluation section round trip on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    it('keeps lineage, target revisions, the legal trail and evaluations through export and import', async () => {
      for (const name of ['92-78-siosms-2018-2023.yaml', '92-sosms-2024-2028.yaml']) {
        const file = read(name);
        await importSchemeFile(store.db, file);
        const code = (file.scheme as { code: string }).code;
        const exported = (await exportSchemeFile(store.db, code)) as unknown as Record<string, unknown>;
        for (const key of SECTION) expect(exported[key], `${name} ${key}`).toEqual(file[key]);
        const again = await importSchemeFile(store.db, exported);
        expect(again.counts).toMatchObject({ created: 0, updated: 0 });
      }
      const revisions = await store.db.selectFrom('target_revision').select(['original_value', 'revised_value', 'justification']).orderBy('date').execute();
      expect(revisions.map((r) => [r.original_value, r.revised_value])).toEqual([[250, 220], [14, 14]]);
      const lineage = await store.db.selectFrom('action_lineage').select(['predecessor_code', 'predecessor_action', 'fate', 'into']).orderBy('position').execute();
      expect(lineage).toHaveLength(11);
      expect(lineage[6]).toEqual({ predecessor_code: '92-78-2018-2023', predecessor_action: '2.3', fate: 'split', into: ['2.3', '3.3'] });
    });

    it('updates a changed recommendation follow-up in place and writes nothing from an invalid file', async () => {
      const file = read('92-sosms-2024-2028.yaml') as { evaluations: { recommendations: { followUp: { status: string } }[] }[] };
      file.evaluations[0]!.recommendations[1]!.followUp.status = 'done';
      const result = await importSchemeFile(store.db, file);
      expect(result.counts.updated).toBe(1);
      const row = await store.db.selectFrom('recommendation').select('status').where('code', '=', 'r-fidelisation').executeTakeFirstOrThrow();
      expect(row.status).toBe('done');
      const before = await store.db.selectFrom('legal_act').select('code').execute();
      const bad = read('92-sosms-2024-2028.yaml') as { legalTrail: unknown[]; lineage: { into?: string[] }[] };
      bad.legalTrail.push({ code: 'avenant-2', kind: 'amendment', date: '2027-01-10', title: 'Avenant 2' });
      bad.lineage[0]!.into = ['absent'];
      await expect(importSchemeFile(store.db, bad)).rejects.toBeInstanceOf(DomainError);
      expect(await store.db.selectFrom('legal_act').select('code').execute()).toEqual(before);
    });
  });
}
