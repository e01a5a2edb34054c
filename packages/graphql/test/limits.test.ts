import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createToken } from '@sosms/core';
import { ENGINES, openTestStore } from '@sosms/core/testing';
import { CostBudget, requestPoints } from '../src/limits.ts';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

describe('cost budget', () => {
  it('refuses a client whose minute is spent, with the seconds left, and forgets old windows', () => {
    let now = 0;
    const budget = new CostBudget(100, 3, () => now);
    budget.spend('a', 60);
    expect(budget.check('a')).toEqual({ ok: true });
    budget.spend('a', 60);
    now = 15_000;
    expect(budget.check('a')).toEqual({ ok: false, retryAfter: 45 });
    expect(budget.check('b')).toEqual({ ok: true });
    now = 60_000;
    expect(budget.check('a')).toEqual({ ok: true });
    for (const c of ['b', 'c', 'd', 'e']) budget.spend(c, 1);
    expect(budget.size).toBeLessThanOrEqual(3);
  });

  it('prices a request by its answer and its time', () => {
    expect(requestPoints(472_000, 180)).toBe(1 + 461 + 18);
    expect(requestPoints(10, 0)).toBe(2);
  });
});

for (const engine of ENGINES) {
  describe(`limits on ${engine}`, () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway(engine, { limits: { costBudgetPerMinute: 40 } });
    });
    afterAll(() => t?.close());

    it('answers 429 with Retry-After once an anonymous client spent its minute; a token has its own budget', async () => {
      const statuses: number[] = [];
      let refused: Awaited<ReturnType<typeof post>> | undefined;
      for (let i = 0; i < 40 && !refused; i += 1) {
        const answer = await post(t.url, '{ schemes { totalCount nodes { code title } } }');
        statuses.push(answer.status);
        if (answer.status === 429) refused = answer;
      }
      expect(statuses[0]).toBe(200);
      expect(refused, statuses.join(',')).toBeDefined();
      expect(refused!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(refused!.body.errors[0].message).toMatch(/Trop de requêtes/);
      const retryAfter = Number(refused!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const { secret } = await createToken(t.store.db, { label: 'budget', role: 'editor', departments: ['48'] });
      const withToken = await post(t.url, '{ schemes { totalCount } }', {}, { authorization: `Bearer ${secret}` });
      expect(withToken.status).toBe(200);
    });
  });

  describe(`token guesses on ${engine}`, () => {
    it('throttles wrong tokens by address: 100 points each, then 429 with Retry-After, while a valid token still answers', async () => {
      const t = await startTestGateway(engine, { seed: false, limits: { costBudgetPerMinute: 1_000 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i += 1) {
          const answer = await post(t.url, '{ themes { totalCount } }', {}, { authorization: `Bearer sosms_guess${i}` });
          statuses.push(answer.status);
          if (answer.status === 429) {
            expect(answer.body.errors[0].extensions.code).toBe('RATE_LIMITED');
            expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          }
        }
        // 1,000 points a minute: ten guesses, then refusals before the token is even looked up.
        expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
        const { secret } = await createToken(t.store.db, { label: 'after guesses', role: 'editor', departments: ['48'] });
        expect((await post(t.url, '{ themes { totalCount } }', {}, { authorization: `Bearer ${secret}` })).status).toBe(200);
      } finally {
        await t.close();
      }
    });
  });

  describe(`timeouts on ${engine}`, () => {
    // PGlite runs in this thread: a long statement blocks the timer too, so there only bounded inputs protect.
    it.runIf(engine === 'postgres')('answers 503 REQUEST_TIMEOUT when a request takes longer than the limit', async () => {
      const t = await startTestGateway(engine, { limits: { requestTimeoutMs: 1 } });
      try {
        const answer = await post(t.url, '{ schemes { nodes { orientations { nodes { actions { nodes { title indicators { nodes { name } } } } } } } } }');
        expect(answer.status).toBe(503);
        expect(answer.body.errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
      } finally {
        await t.close();
      }
    });

    it.runIf(engine === 'postgres')('stops an SQL statement past the store timeout (SQLSTATE 57014)', async () => {
      const store = await openTestStore(engine, { statementTimeoutMs: 200 });
      try {
        await expect(sql`select pg_sleep(2)`.execute(store.db)).rejects.toMatchObject({ code: '57014' });
        expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]!.one).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
}
