import { inTransaction } from '../shared/transaction.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { DomainError } from '../validation/issues.ts';
import { assertCanEditScheme, assertCanRecordMeasurement, operator, type Principal } from './access.ts';
import { withAccessTables } from './access.table.ts';
import { listAuditEntries, writeAuditEntry } from './audit.repository.ts';
import { runTokenCommand } from './cli.ts';
import { authenticateToken, createToken, hashToken, listTokens, revokeToken } from './token.repository.ts';

const editor92: Principal = { tokenId: 't1', label: 'Équipe 92', role: 'editor', departments: ['92'], indicatorIds: [] };
const contributor48: Principal = { tokenId: 't2', label: 'CAF 48', role: 'contributor', departments: ['48'], indicatorIds: ['ind-1'] };

/** Two indicators in a minimal scheme of the given département (rows written directly: this suite tests access only). */
async function seedIndicators(store: Store, department: string): Promise<string[]> {
  const schemeId = randomUUID();
  await store.db
    .insertInto('scheme')
    .values({ id: schemeId, code: `t-${department}-${schemeId.slice(0, 8)}`, title: 'Test', departments: [department], period_start: 2024, period_end: 2028, status: 'in_force', principles: '[]', key_figures: '[]' })
    .execute();
  const ids = [randomUUID(), randomUUID()];
  await store.db
    .insertInto('indicator')
    .values(ids.map((id, i) => ({ id, scheme_id: schemeId, code: `ind-${i}`, name: `Indicateur ${i}`, type: 'impact', unit: '', direction: 'up', periodicity: 'year', aggregation: 'sum', position: i, intermediate_targets: '[]' })))
    .execute();
  return ids;
}

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER';
  }
}

describe('access rules', () => {
  it('lets an editor edit a scheme only when its token covers every département of the scheme', () => {
    expect(codeOf(() => assertCanEditScheme(editor92, ['92']))).toBeUndefined();
    expect(codeOf(() => assertCanEditScheme(editor92, ['92', '78']))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanEditScheme({ ...editor92, departments: ['92', '78'] }, ['92', '78']))).toBeUndefined();
    expect(codeOf(() => assertCanEditScheme(operator(), ['48', '77']))).toBeUndefined();
    expect(codeOf(() => assertCanEditScheme(editor92, ['48']))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanEditScheme(undefined, ['92']))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => assertCanEditScheme(contributor48, ['48']))).toBe('FORBIDDEN');
  });

  it('lets a contributor record measurements of its named indicators only', () => {
    expect(codeOf(() => assertCanRecordMeasurement(contributor48, { id: 'ind-1', departments: ['48'] }))).toBeUndefined();
    expect(codeOf(() => assertCanRecordMeasurement(contributor48, { id: 'ind-2', departments: ['48'] }))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanRecordMeasurement(contributor48, { id: 'ind-1', departments: ['92'] }))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanRecordMeasurement(editor92, { id: 'any', departments: ['92'] }))).toBeUndefined();
  });

  it('speaks French by default and English on request', () => {
    try {
      assertCanEditScheme(undefined, ['92'], 'en');
    } catch (error) {
      expect((error as Error).message).toMatch(/^Authentication required/);
    }
    try {
      assertCanEditScheme(editor92, ['48']);
    } catch (error) {
      expect((error as Error).message).toMatch(/ne donne pas accès/);
    }
  });
});

for (const engine of ENGINES) {
  describe(`tokens and audit log on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    it('stores only the SHA-256 hash and authenticates the secret until revoked', async () => {
      const { secret, token } = await createToken(store.db, { label: 'Équipe schéma 92', role: 'editor', departments: ['92', '78'] });
      expect(secret).toMatch(/^sosms_[A-Za-z0-9_-]{43}$/);
      const rows = await withAccessTables(store.db).selectFrom('api_token').selectAll().where('id', '=', token.id).execute();
      expect(rows[0]!.hash).toBe(hashToken(secret));
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(await authenticateToken(store.db, secret)).toMatchObject({ tokenId: token.id, role: 'editor', departments: ['92', '78'] });
      expect(await authenticateToken(store.db, `${secret}x`)).toBeUndefined();
      await revokeToken(store.db, token.id);
      expect(await authenticateToken(store.db, secret)).toBeUndefined();
      expect((await listTokens(store.db)).find((t) => t.id === token.id)?.revokedAt).not.toBeNull();
    });

    it('refuses invalid tokens with field paths and writes nothing', async () => {
      const before = (await listTokens(store.db)).length;
      await expect(createToken(store.db, { label: 'x', role: 'contributor', departments: ['9999'] })).rejects.toMatchObject({
        code: 'VALIDATION',
        issues: expect.arrayContaining([expect.objectContaining({ path: 'departments[0]' }), expect.objectContaining({ path: 'indicators' })]),
      });
      await expect(revokeToken(store.db, 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await listTokens(store.db)).length).toBe(before);
    });

    it('writes audit entries inside the caller transaction (rolled back with it)', async () => {
      const { secret } = await createToken(store.db, { label: 'Équipe 92', role: 'editor', departments: ['92'] });
      const principal = (await authenticateToken(store.db, secret))!;
      await writeAuditEntry(store.db, { principal, operation: 'saveAction', entityType: 'Action', entityId: 'a1', before: { status: 'planned' }, after: { status: 'done' } });
      await expect(
        store.db.transaction().execute(async (trx) => {
          await writeAuditEntry(trx, { principal, operation: 'saveAction', entityType: 'Action', entityId: 'a2', before: null, after: { x: 1 } });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const entries = await listAuditEntries(store.db, { entityType: 'Action' });
      expect(entries.map((e) => e.entityId)).toEqual(['a1']);
      expect(entries[0]).toMatchObject({ tokenId: principal.tokenId, tokenLabel: 'Équipe 92', before: { status: 'planned' }, after: { status: 'done' } });
    });

    it('commits a write and its audit row together, or neither', async () => {
      const count = async () => (await listTokens(store.db)).length;
      const before = await count();
      await expect(
        inTransaction(store.db, async (tx) => {
          await createToken(tx, { label: 'annulé', role: 'editor', departments: ['48'] });
          throw new Error('audit impossible');
        }),
      ).rejects.toThrow('audit impossible');
      expect(await count()).toBe(before);
      // A write that opens its own transaction through inTransaction joins ours (kysely refuses nested ones).
      const token = await inTransaction(store.db, async (tx) => {
        const { token } = await inTransaction(tx, (inner) => createToken(inner, { label: 'gardé', role: 'editor', departments: ['48'] }));
        await writeAuditEntry(tx, { principal: undefined, operation: 'token:create', entityType: 'ApiToken', entityId: token.id, before: null, after: { label: token.label } });
        return token;
      });
      expect(await count()).toBe(before + 1);
      expect((await listAuditEntries(store.db, { entityType: 'ApiToken' }))[0]).toMatchObject({ entityId: token.id, after: { label: 'gardé' } });
    });

    it('runs token create, list and revoke from the command line', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
      expect(await runTokenCommand(['create', '--departments', '48', '--role', 'contributor', '--label', 'CAF', '--indicators', 'i1'], io, store.db)).toBe(1);
      expect(err.join('')).toContain('indicators[0]');
      const [i1, i2] = await seedIndicators(store, '48');
      const globalId = Buffer.from(`Indicator:${i2}`).toString('base64');
      expect(await runTokenCommand(['create', '--departments', '48', '--role', 'contributor', '--label', 'CAF de la Lozère', '--indicators', `${i1},${globalId}`], io, store.db)).toBe(0);
      const secret = out.join('').match(/sosms_\S+/)![0];
      const principal = await authenticateToken(store.db, secret);
      expect(principal).toMatchObject({ role: 'contributor', departments: ['48'], indicatorIds: [i1, i2] });
      await expect(createToken(store.db, { label: 'x', role: 'contributor', departments: ['92'], indicatorIds: [i1!] })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: 'indicators[0]', code: 'wrong_department' })],
      });
      out.length = 0;
      expect(await runTokenCommand(['list'], io, store.db)).toBe(0);
      expect(out.join('')).toContain('CAF de la Lozère');
      expect(out.join('')).not.toContain(secret);
      expect(await runTokenCommand(['revoke', principal!.tokenId!], io, store.db)).toBe(0);
      expect(await authenticateToken(store.db, secret)).toBeUndefined();
      expect(await runTokenCommand(['create', '--role', 'editor'], io, store.db)).toBe(2);
      expect(await runTokenCommand(['create', '--departments', 'xx', '--role', 'editor', '--label', 'L'], io, store.db)).toBe(1);
      expect(err.join('')).toContain('departments[0]');
    });
  });
}
