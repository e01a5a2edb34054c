import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createStore, createToken, loadDemoSchemes } from '@sosms/core';
import { findPostgresBinary, startCluster } from '@sosms/core/testing';

// Fault test of issue 13: the gateway process on PostgreSQL, under a stream of writes, while PostgreSQL
// restarts (pg_ctl restart -m fast) and then crashes (kill -9 of every server process) and comes back.
// Counts acknowledged writes and checks that each is stored exactly once. Runs where PostgreSQL's
// binaries are installed (as in CI); its own cluster commits synchronously, as production does.

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const enabled = Boolean(findPostgresBinary('initdb') && findPostgresBinary('pg_ctl')) && (process.env.SOSMS_TEST_ENGINES ?? 'pglite,postgres').includes('postgres');

/** A throw-away cluster this test can restart and crash. */
async function startFaultCluster() {
  // Synchronous commit (the default): an acknowledged commit is in the WAL before the answer.
  const cluster = (await startCluster({ prefix: 'sosms-fault-', settings: ['synchronous_commit=on', 'max_connections=100'] }))!;
  const postmasterPid = () => Number(readFileSync(join(cluster.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  /** Gone, or a zombie no one reaps (a container's PID 1 may not): either way it holds no port and no memory. */
  const gone = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
    } catch {
      return true;
    }
  };
  return {
    url: cluster.url,
    restartFast: () => cluster.restart('fast'),
    /** kill -9 of the postmaster and of each of its children, as a crash of the server would. */
    crash: () => {
      const pid = postmasterPid();
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
      for (const p of [pid, ...children]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {}
      }
      // As an operator would after a crash once no server process is left: an unreaped zombie postmaster
      // keeps its PID alive, and PostgreSQL would then take postmaster.pid for a running server's.
      const deadline = Date.now() + 10_000;
      while (![pid, ...children].every(gone) && Date.now() < deadline) execFileSync('sleep', ['0.05']);
      rmSync(join(cluster.data, 'postmaster.pid'), { force: true });
    },
    /** pg_ctl start, tried again for 5 s (a server killed a moment ago may still hold its port), the server log in the error. */
    start: cluster.start,
    stop: cluster.stop,
  };
}

const MUTATION = 'mutation ($id: ID!, $input: MeasurementInput!) { recordMeasurement(indicatorId: $id, input: $input) { revision } }';

describe.runIf(enabled)('faults: PostgreSQL restarts and crashes under a write load', () => {
  let cluster: Awaited<ReturnType<typeof startFaultCluster>>;
  let child: ChildProcess | undefined;
  let exited = false;
  let url = '';
  let secret = '';
  let indicatorIds: string[] = [];
  let output = '';

  beforeAll(async () => {
    cluster = await startFaultCluster();
    const store = await createStore({ location: cluster.url });
    await loadDemoSchemes(store.db);
    secret = (await createToken(store.db, { label: 'fault test', role: 'editor', departments: ['48'] })).secret;
    const rows = await sql<{ id: string }>`select i.id from indicator i join scheme s on s.id = i.scheme_id where '48' = any(s.departments) order by i.id limit 4`.execute(store.db);
    indicatorIds = rows.rows.map((r) => Buffer.from(`Indicator:${r.id}`).toString('base64'));
    await store.close();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: packageDir,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: cluster.url, PG_POOL_SIZE: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('exit', () => (exited = true));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`main.ts did not start: ${output}`)), 90_000);
      child!.stdout!.on('data', (chunk) => {
        output += String(chunk);
        const match = /ready: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
  }, 150_000);

  afterAll(async () => {
    if (child && !exited) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    cluster?.stop();
  });

  it('keeps serving, answers 503 while the database is away, recovers by itself and loses no acknowledged write', async () => {
    const acknowledged = new Set<string>();
    const failed = new Set<string>();
    const statuses = new Map<string, number>();
    const healthStatuses = new Set<number>();
    let running = true;
    let lastSuccess = 0;
    const note = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const worker = async (w: number) => {
      for (let n = 0; running; n += 1) {
        const key = `fault-${w}-${n}`;
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ query: MUTATION, variables: { id: indicatorIds[w % indicatorIds.length], input: { period: '2025', territory: 'dep:48', value: n, comment: key, illustrative: true } } }),
          });
          const text = await response.text();
          const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
          note(`${response.status} ${body.errors?.[0]?.extensions?.code ?? 'ok'}${response.status === 503 ? ` retry-after=${response.headers.get('retry-after')}` : ''}`);
          if (response.status === 200 && !body.errors) {
            acknowledged.add(key);
            lastSuccess = performance.now();
          } else {
            failed.add(key);
            if (response.status === 503) await new Promise((r) => setTimeout(r, 100));
          }
        } catch (error) {
          note(`network error ${String((error as Error).cause ?? error).slice(0, 80)}`);
          failed.add(key);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const health = async () => {
      while (running) {
        try {
          healthStatuses.add((await fetch(url.replace('/graphql', '/healthz'))).status);
        } catch {}
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const waitForWrite = async (since: number) => {
      const deadline = performance.now() + 30_000;
      while (lastSuccess <= since && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return (lastSuccess - since) / 1000;
    };
    const workers = [0, 1, 2, 3].map(worker);
    const healthLoop = health();
    await new Promise((r) => setTimeout(r, 2_000));

    const restartStarted = performance.now();
    cluster.restartFast();
    const recoveryAfterRestart = await waitForWrite(restartStarted);
    await new Promise((r) => setTimeout(r, 1_500));

    cluster.crash();
    const crashed = performance.now();
    await new Promise((r) => setTimeout(r, 1_500)); // away for 1.5 s: 503s and an unhealthy /healthz
    const startedAgain = performance.now();
    await cluster.start();
    const recoveryAfterCrash = await waitForWrite(startedAgain);
    await new Promise((r) => setTimeout(r, 1_500));
    running = false;
    await Promise.all([...workers, healthLoop]);

    const store = await createStore({ location: cluster.url });
    const stored = await sql<{ comment: string; n: number }>`select comment, count(*)::int as n from measurement where comment like 'fault-%' group by comment`.execute(store.db);
    await store.close();
    const counts = new Map(stored.rows.map((r) => [r.comment, r.n]));
    const lost = [...acknowledged].filter((k) => !counts.has(k));
    const duplicated = [...counts].filter(([, n]) => n > 1);
    const committedButReportedFailed = [...failed].filter((k) => counts.has(k));
    // eslint-disable-next-line no-console
    console.log(
      `[faults] acknowledged ${acknowledged.size}, lost ${lost.length}, duplicated ${duplicated.length}, failed ${failed.size} (of which committed ${committedButReportedFailed.length}); ` +
        `recovery after restart ${recoveryAfterRestart.toFixed(2)} s, after crash ${recoveryAfterCrash.toFixed(2)} s (away ${((startedAgain - crashed) / 1000).toFixed(1)} s); ` +
        `answers ${JSON.stringify(Object.fromEntries(statuses))}; /healthz ${[...healthStatuses].sort().join(',')}`,
    );
    expect(exited, output.slice(-2000)).toBe(false);
    expect(acknowledged.size).toBeGreaterThan(5);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(recoveryAfterRestart).toBeLessThan(30);
    expect(recoveryAfterCrash).toBeLessThan(30);
    expect([...statuses.keys()].filter((k) => k.startsWith('5') && !k.startsWith('503 DATABASE_UNAVAILABLE retry-after='))).toEqual([]);
    expect([...statuses.keys()].some((k) => k.startsWith('503 DATABASE_UNAVAILABLE'))).toBe(true);
    expect(healthStatuses).toContain(503);
    expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
  }, 120_000);
});
