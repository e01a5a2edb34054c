import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Principal } from '../access/access.ts';
import { listAuditEntries } from '../access/audit.repository.ts';
import { authenticateToken, createToken } from '../access/token.repository.ts';
import type { Store } from '../database/store.ts';
import { DEMO_SCHEMES_DIR } from '../scheme-file/demo.ts';
import { importSchemeFile } from '../scheme-file/import.ts';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import { DomainError } from '../validation/issues.ts';
import { getIndicatorSeries, getReadableScheme, getSchemeEvaluation, recordLegalAct, reviseIndicatorTarget, setActionLineage, setRecommendationFollowUp } from './evaluation.service.ts';

const read = (name: string) => YAML.parse(readFileSync(join(DEMO_SCHEMES_DIR, name), 'utf8')) as Record<string, unknown>;

for (const engine of ENGINES) {
  describe(`evaluation commands and reads on ${engine}`, () => {
    let store: Store;
    let editor92: Principal;
    let editor48: Principal;
    beforeAll(async () => {
      store = await openTestStore(engine);
      editor92 = (await authenticateToken(store.db, (await createToken(store.db, { label: 'Équipe 92', role: 'editor', departments: ['92'] })).secret))!;
      editor48 = (await authenticateToken(store.db, (await createToken(store.db, { label: 'Équipe 48', role: 'editor', departments: ['48'] })).secret))!;
      await importSchemeFile(store.db, read('92-78-siosms-2018-2023.yaml'));
      await importSchemeFile(store.db, read('92-sosms-2024-2028.yaml'));
    });
    afterAll(() => store?.close());
    // Oldest first, as { operation, code }.
    const audits = async (outcome: 'done' | 'refused' = 'done') =>
      (await listAuditEntries(store.db, { outcome, limit: 1000 })).reverse().map((a) => ({ operation: a.operation, code: a.code }));

    it('reads lineage both ways and one indicator series across the two schemes', async () => {
      const previous = await getReadableScheme(store.db, '92-78-2018-2023', undefined);
      const evaluation = await getSchemeEvaluation(store.db, previous);
      expect(evaluation.continuations.map((c) => `${c.action}:${c.fate}:${c.into.join('+')}`)).toContain('2.3:split:2.3+3.3');
      expect(evaluation.continuations.every((c) => c.successorCode === '92-2024-2028')).toBe(true);
      const series = await getIndicatorSeries(store.db, 'rsa-emploi-12m', { territory: 'dep:92' });
      expect(series.map((p) => p.schemeCode)).toEqual([...Array(6).fill('92-78-2018-2023'), ...Array(10).fill('92-2024-2028')]);
      expect(series[0]).toMatchObject({ period: '2018', value: 39.2, illustrative: true });
      expect(series.at(-1)).toMatchObject({ period: '2026-Q2', value: 55.6, provisional: true });
    });

    it('revises a target keeping the original, refuses other départements and bad input, writes nothing then', async () => {
      const before = (await audits()).length;
      await expect(reviseIndicatorTarget(store.db, { principal: editor48 }, '92-2024-2028', { indicator: 'rsa-emploi-12m', date: '2027-01-20', revised: { value: 58 }, justification: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(reviseIndicatorTarget(store.db, { principal: undefined }, '92-2024-2028', { indicator: 'rsa-emploi-12m', date: '2027-01-20', revised: { value: 58 }, justification: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(reviseIndicatorTarget(store.db, { principal: editor92 }, '92-2024-2028', { indicator: 'inconnu', date: '2027-01-20', revised: { value: 58 }, justification: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(reviseIndicatorTarget(store.db, { principal: editor92 }, '92-2024-2028', { indicator: 'rsa-emploi-12m', date: '2027-02-30', revised: { value: 58 }, justification: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect((await audits()).length).toBe(before);
      // The authenticated refusals are on record, with their code (the anonymous one is not).
      expect((await audits('refused')).slice(-3)).toEqual([
        { operation: 'indicator:revise-target', code: 'FORBIDDEN' },
        { operation: 'indicator:revise-target', code: 'NOT_FOUND' },
        { operation: 'indicator:revise-target', code: 'VALIDATION' },
      ]);
      const revision = await reviseIndicatorTarget(store.db, { principal: editor92 }, '92-2024-2028', { indicator: 'rsa-emploi-12m', date: '2027-01-20', revised: { value: 58 }, justification: 'Marché du travail dégradé', act: 'avenant-1' });
      expect(revision).toEqual({ indicator: 'rsa-emploi-12m', date: '2027-01-20', original: { value: 62, date: '2028-12-31' }, revised: { value: 58, date: '2028-12-31' }, justification: 'Marché du travail dégradé', act: 'avenant-1' });
      const indicator = await store.db.selectFrom('indicator').select(['target_value']).where('code', '=', 'rsa-emploi-12m').where('shared_code', '=', 'rsa-emploi-12m').where('baseline_value', '=', 50.1).executeTakeFirstOrThrow();
      expect(indicator.target_value).toBe(58);
      await expect(reviseIndicatorTarget(store.db, { principal: editor92 }, '92-2024-2028', { indicator: 'rsa-emploi-12m', date: '2027-01-20', revised: { value: 57 }, justification: 'bis' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await audits()).map((a) => a.operation).slice(before)).toEqual(['indicator:revise-target']);
    });

    it('follows up a recommendation, records an act and a lineage entry, each audited', async () => {
      const evaluation = await setRecommendationFollowUp(store.db, { principal: editor92 }, '92-2024-2028', { evaluation: 'mi-parcours', recommendation: 'r-caravane', status: 'rejected', date: '2026-11-02', note: 'Hors budget' });
      expect(evaluation.recommendations?.find((r) => r.code === 'r-caravane')?.followUp).toEqual({ status: 'rejected', date: '2026-11-02', note: 'Hors budget' });
      await expect(setRecommendationFollowUp(store.db, { principal: editor92, lang: 'en' }, '92-2024-2028', { evaluation: 'mi-parcours', recommendation: 'r-x', status: 'done' })).rejects.toThrow('unknown recommendation: r-x');
      await recordLegalAct(store.db, { principal: editor92 }, '92-2024-2028', { code: 'avenant-2', kind: 'amendment', date: '2027-03-01', title: 'Avenant n° 2', changes: [{ action: '3.2', text: 'Calendrier revu' }] });
      await expect(recordLegalAct(store.db, { principal: editor92 }, '92-2024-2028', { code: 'avenant-3', kind: 'amendment', date: '2027-03-01', title: 'Avenant n° 3', changes: [{ action: '9.9', text: 'x' }] })).rejects.toBeInstanceOf(DomainError);
      const entry = await setActionLineage(store.db, { principal: editor92 }, '92-2024-2028', { action: '1.4', fate: 'renewed', into: ['1.3'] });
      expect(entry).toEqual({ scheme: '92-78-2018-2023', action: '1.4', fate: 'renewed', into: ['1.3'] });
      const scheme = await getReadableScheme(store.db, '92-2024-2028', undefined);
      const read = await getSchemeEvaluation(store.db, scheme);
      expect(read.legalTrail.map((a) => a.code)).toEqual(['avis-cdca', 'avis-pjj', 'adoption', 'avenant-1', 'avenant-2']);
      expect(read.lineage.find((l) => l.action === '1.4')).toMatchObject({ fate: 'renewed', into: ['1.3'] });
      expect((await audits()).map((a) => a.operation).slice(-3)).toEqual(['recommendation:follow-up', 'legal-act:record', 'lineage:set']);
    });

    it('refuses a draft scheme to a reader without a token of its département', async () => {
      const file = read('92-sosms-2024-2028.yaml') as { scheme: Record<string, unknown> };
      file.scheme = { ...file.scheme, code: '92-2029-2033', status: 'draft', period: { start: 2029, end: 2033 }, predecessors: ['92-2024-2028'] };
      delete (file as Record<string, unknown>).lineage;
      await importSchemeFile(store.db, file);
      await expect(getReadableScheme(store.db, '92-2029-2033', undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(getReadableScheme(store.db, '92-2029-2033', editor48, 'en')).rejects.toThrow(/unpublished draft/);
      expect((await getReadableScheme(store.db, '92-2029-2033', editor92)).code).toBe('92-2029-2033');
      await expect(getReadableScheme(store.db, 'inconnu', editor92)).rejects.toThrow('schéma inconnu : inconnu');
    });
  });
}
