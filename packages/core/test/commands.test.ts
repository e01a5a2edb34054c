import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, type Principal } from '../src/access/access.ts';
import { listAuditEntries } from '../src/access/audit.repository.ts';
import type { Caller } from '../src/access/command.ts';
import { saveAction, updateAction } from '../src/action/action.service.ts';
import type { Store } from '../src/database/store.ts';
import { saveIndicator } from '../src/indicator/indicator.service.ts';
import { recordMeasurement } from '../src/measurement/measurement.service.ts';
import { saveOrientation } from '../src/orientation/orientation.service.ts';
import { listPartners } from '../src/partner/partner.repository.ts';
import { statusChange, hasAdoptionFacts } from '../src/rules/lifecycle.ts';
import { getSchemesByCodes, getStatusChangesBySchemeIds } from '../src/scheme/scheme.repository.ts';
import { changeSchemeStatus, createScheme, setSchemePublished, updateScheme } from '../src/scheme/scheme.service.ts';
import { importSchemeFile } from '../src/scheme-file/import.ts';
import { ENGINES, openTestStore } from '../src/testing/engines.ts';
import { DomainError } from '../src/validation/issues.ts';
import { loadFixture, snapshot, variant } from './read/fixture.ts';

const editor = (departments: string[]): Principal => ({ tokenId: null, label: `équipe ${departments.join('+')}`, role: 'editor', departments, indicatorIds: [] });
const as = (principal: Principal | undefined, lang: 'fr' | 'en' = 'fr'): Caller => ({ principal, lang });
const e48 = as(editor(['48']));

describe('the legal lifecycle', () => {
  it.each([
    ['draft', 'consultation', true],
    ['consultation', 'adopted', true],
    ['adopted', 'in_force', true],
    ['in_force', 'closed', true],
    ['draft', 'in_force', true],
    ['draft', 'draft', true],
    ['in_force', 'draft', false],
    ['closed', 'in_force', false],
    ['adopted', 'consultation', false],
  ] as const)('%s → %s allowed without a reason: %s', (from, to, ok) => {
    expect(statusChange(from, to).ok).toBe(ok);
  });

  it('goes back only with a dated and motivated amendment or withdrawal', () => {
    expect(statusChange('in_force', 'draft', { kind: 'amendment', date: '2026-06-30', reason: 'Révision à mi-parcours' })).toEqual({ ok: true, kind: 'amendment' });
    expect(statusChange('in_force', 'closed', { kind: 'withdrawal', date: '2026-06-30', reason: 'x' })).toEqual({ ok: true, kind: 'transition' });
    expect(statusChange('in_force', 'draft', { kind: 'withdrawal', date: '2026-06-30', reason: '  ' })).toEqual({ ok: false, code: 'change_reason_required' });
  });

  it('needs the vote’s date and reference from adopted on', () => {
    expect(hasAdoptionFacts('draft', null)).toBe(true);
    expect(hasAdoptionFacts('consultation', null)).toBe(true);
    expect(hasAdoptionFacts('adopted', { date: '2019-06-21', reference: null })).toBe(false);
    expect(hasAdoptionFacts('in_force', { date: '2019-06-21', reference: 'CD-2019-42' })).toBe(true);
  });
});

for (const engine of ENGINES) {
  describe(`commands on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await loadFixture(store.db);
      // A partner only 77's hidden draft declares.
      const draft = variant('t-77b', '77', 'draft');
      draft.partners = [{ code: 'secret-77', name: 'Association cachée', kind: 'association', departments: ['77'] }];
      await importSchemeFile(store.db, draft);
    }, 120_000);
    afterAll(() => store?.close());

    /** A command that must be refused: its code, nothing written but the refusal row. */
    async function refused(write: () => Promise<unknown>): Promise<DomainError> {
      const before = await snapshot(store.db);
      const refusals = (await listAuditEntries(store.db, { outcome: 'refused', limit: 10_000 })).length;
      const error = await write().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(await snapshot(store.db)).toEqual(before);
      expect((await listAuditEntries(store.db, { outcome: 'refused', limit: 10_000 })).length).toBe(refusals + 1);
      return error as DomainError;
    }

    it('refuses a 48 token anything of 77 or 92, and moving or sharing its own scheme with them', async () => {
      expect((await refused(() => updateScheme(store.db, e48, 't-48', { departments: ['92'] }))).code).toBe('FORBIDDEN');
      expect((await refused(() => updateScheme(store.db, e48, 't-48', { departments: ['48', '77'] }))).code).toBe('FORBIDDEN');
      expect((await refused(() => updateScheme(store.db, e48, 't-92', { title: 'Piraté' }))).code).toBe('FORBIDDEN');
      expect((await refused(() => setSchemePublished(store.db, e48, 't-92', false))).code).toBe('FORBIDDEN');
      // 77's draft is invisible to a 48 token: unknown, like a code that does not exist.
      const hidden = await refused(() => saveOrientation(store.db, e48, 't-77', { code: '9', title: 'X' }));
      expect(hidden).toMatchObject({ code: 'NOT_FOUND', message: 'schéma inconnu : t-77' });
      expect((await refused(() => saveAction(store.db, e48, 't-92', '2', { code: '2.9', title: 'X' }))).code).toBe('FORBIDDEN');
      expect((await refused(() => saveIndicator(store.db, e48, 't-92', { code: 'x', name: 'X' }))).code).toBe('FORBIDDEN');
      const [indicator92] = await store.db.selectFrom('indicator').innerJoin('scheme', 'scheme.id', 'indicator.scheme_id').select('indicator.id').where('scheme.code', '=', 't-92').execute();
      expect((await refused(() => recordMeasurement(store.db, e48, indicator92!.id, { period: '2025', territory: 'dep:92', value: 1 }))).code).toBe('FORBIDDEN');
      const [action92] = await store.db.selectFrom('action').innerJoin('scheme', 'scheme.id', 'action.scheme_id').select('action.id').where('scheme.code', '=', 't-92').execute();
      expect((await refused(() => updateAction(store.db, e48, action92!.id, { status: 'done' }))).code).toBe('FORBIDDEN');
    });

    it('creates only in the caller’s départements and namespace, and never confirms a hidden code', async () => {
      const base = { title: 'Nouveau schéma', period: { start: 2027, end: 2031 }, status: 'draft' };
      expect((await refused(() => createScheme(store.db, e48, { ...base, code: '48-2027-2031', departments: ['48', '77'] }))).code).toBe('FORBIDDEN');
      const namespace = await refused(() => createScheme(store.db, e48, { ...base, code: 't-77', departments: ['48'] }));
      expect(namespace.issues).toEqual([expect.objectContaining({ path: 'code', code: 'code_namespace' })]);
      // Anonymous: refused, and nothing written at all (an anonymous client cannot grow the audit log).
      const tables = await snapshot(store.db);
      const audit = (await listAuditEntries(store.db, { limit: 10_000 })).length;
      await expect(createScheme(store.db, as(undefined), { ...base, code: '48-x', departments: ['48'] })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await snapshot(store.db)).toEqual(tables);
      expect((await listAuditEntries(store.db, { limit: 10_000 })).length).toBe(audit);
    });

    it('gives one success and one CONFLICT to two racing creations of one code', async () => {
      const input = { code: '48-2029-2033', title: 'Course', departments: ['48'], period: { start: 2029, end: 2033 }, status: 'draft' };
      const results = await Promise.allSettled([createScheme(store.db, e48, input), createScheme(store.db, e48, { ...input, title: 'Course bis' })]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failure.reason).toMatchObject({ code: 'CONFLICT' });
      expect(await getSchemesByCodes(store.db, ['48-2029-2033'])).toHaveLength(1);
      const [done] = await listAuditEntries(store.db, { outcome: 'done', entityType: 'Scheme', limit: 1 });
      expect(done).toMatchObject({ operation: 'scheme:create', before: null, after: { code: '48-2029-2033' } });
    });

    it('keeps both of two concurrent updateAction on different fields', async () => {
      const [action] = await store.db.selectFrom('action').innerJoin('scheme', 'scheme.id', 'action.scheme_id').select('action.id').where('scheme.code', '=', 't-48').where('action.code', '=', '2.1').execute();
      await Promise.all([
        updateAction(store.db, e48, action!.id, { description: 'Décrite en parallèle' }),
        updateAction(store.db, e48, action!.id, { priority: 'high' }),
      ]);
      const row = await store.db.selectFrom('action').select(['description', 'priority']).where('id', '=', action!.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ description: 'Décrite en parallèle', priority: 'high' });
    });

    it('lets no one name or list a partner only a hidden draft declares', async () => {
      const pilot = await refused(() => saveAction(store.db, e48, 't-48', '2', { code: '2.7', title: 'Avec un partenaire caché', pilot: 'secret-77' }));
      expect(pilot.issues).toEqual([expect.objectContaining({ path: 'pilot', code: 'unknown_partner' })]);
      const publicList = await listPartners(store.db, { text: 'secret' });
      expect(publicList.totalCount).toBe(0);
      expect((await listPartners(store.db, { text: 'secret', visibility: { departments: ['77'] } })).totalCount).toBe(1);
      // A partner of a public scheme may be named by another département's scheme, which then declares it too.
      const saved = await saveAction(store.db, as(editor(['92'])), 't-92', '2', { code: '2.8', title: 'Avec la CAF', pilot: 'test-caf' });
      expect(saved.partners).toHaveLength(1);
    });

    it('moves a scheme along its lifecycle, refuses going back without an amendment, and keeps the trail', async () => {
      const op = as(operator('tests'));
      await createScheme(store.db, e48, { code: '48-2031-2035', title: 'Cycle', departments: ['48'], period: { start: 2031, end: 2035 }, status: 'draft' });
      const noVote = await refused(() => changeSchemeStatus(store.db, e48, '48-2031-2035', { status: 'adopted' }));
      expect(noVote.issues).toEqual([expect.objectContaining({ path: 'adoption', code: 'adoption_required' })]);
      await changeSchemeStatus(store.db, e48, '48-2031-2035', { status: 'adopted', adoption: { date: '2030-12-15', reference: 'CD-2030-112' } });
      const inForce = await changeSchemeStatus(store.db, e48, '48-2031-2035', { status: 'in_force' });
      expect(inForce.status).toBe('in_force');
      const back = await refused(() => updateScheme(store.db, e48, '48-2031-2035', { status: 'draft' }));
      expect(back.issues).toEqual([expect.objectContaining({ path: 'status', code: 'status_transition' })]);
      const english = await refused(() => changeSchemeStatus(store.db, as(editor(['48']), 'en'), '48-2031-2035', { status: 'draft' }));
      expect(english.message).toContain('status change not allowed');
      // The values of the change are checked as the database would: a NUL in the reason, a year-0000 date.
      const badChange = await refused(() => changeSchemeStatus(store.db, e48, '48-2031-2035', { status: 'draft', change: { kind: 'amendment', date: '0000-01-01', reason: 'R\u0000' } }));
      expect(badChange.code).toBe('VALIDATION');
      expect(badChange.issues.map((i) => i.path).sort()).toEqual(['change.date', 'change.reason']);
      const amended = await changeSchemeStatus(store.db, op, '48-2031-2035', { status: 'draft', change: { kind: 'amendment', date: '2032-06-30', reason: 'Révision à mi-parcours' } });
      expect(amended.status).toBe('draft');
      const trail = await getStatusChangesBySchemeIds(store.db, [amended.id]);
      expect(trail.map((c) => `${c.from_status}→${c.to_status} ${c.kind}`)).toEqual(['draft→adopted transition', 'adopted→in_force transition', 'in_force→draft amendment']);
      expect(trail[2]).toMatchObject({ reason: 'Révision à mi-parcours', token_label: 'tests' });
      const unknown = await refused(() => updateScheme(store.db, e48, '48-2031-2035', { predecessor: '48-1990-1994' }));
      expect(unknown.issues).toEqual([expect.objectContaining({ path: 'predecessor', code: 'unknown_predecessor' })]);
    });
  });
}
