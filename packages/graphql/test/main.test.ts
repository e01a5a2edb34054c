import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, LOCK_FILE, OPERATOR_FILE, runCli } from '@sosms/core';
import { createTestDatabase, ENGINES } from '@sosms/core/testing';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sosms-main-'));

/** A small scheme of a département's own (illustrative), to import while the gateway runs. */
const SCHEME = `scheme:
  code: test-48-2025-2029
  title: Schéma de test de la Lozère
  departments: ['48']
  period: { start: 2025, end: 2029 }
  status: in_force
  illustrative: true
orientations:
  - code: '1'
    title: Accès aux droits
    actions:
      - { code: '1.1', title: Un guichet unique }
`;
writeFileSync(join(work, 'scheme.yaml'), SCHEME);

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  readonly exited: Promise<number | null>;
}

/** Start `src/main.ts` as `npm start` does, on a store named by DATABASE_URL, and wait for « ready ». */
async function start(database: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...extra], {
    cwd: packageDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: database, INIT_CWD: work, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main.ts did not start: ${stdout} ${stderr}`)), 90_000);
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /ready: (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`main.ts exited with ${code}: ${stdout} ${stderr}`)));
  });
  return { child, url, stdout: () => stdout, exited };
}

/** Run `src/main.ts` expecting it to refuse to start: its exit code and stderr. */
async function refusedStart(database: string, env: Record<string, string> = {}, extra: string[] = []): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...extra], { cwd: packageDir, env: { ...process.env, PORT: '0', DATABASE_URL: database, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stderr };
}

async function cli(args: readonly string[], database: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (c: string) => (stdout += c) }, stderr: { write: (c: string) => (stderr += c) }, env: { DATABASE_URL: database }, cwd: work });
  return { code, stdout, stderr };
}

async function query(url: string, text: string, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as Record<string, unknown>;
}

const schemeCodes = async (url: string) =>
  ((await query(url, '{ schemes(first: 50) { nodes { code } } }')) as { data: { schemes: { nodes: { code: string }[] } } }).data.schemes.nodes.map((n) => n.code).sort();

describe('main.ts on a PGlite folder', () => {
  const folder = join(work, 'data'); // given relative: DATABASE_URL=data, from the directory npm start was typed in

  it('loads the real schemes on first start, holds the folder, and runs the CLI through itself', async () => {
    const gateway = await start('data');
    try {
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect((await fetch(gateway.url.replace('/graphql', '/healthz'))).status).toBe(200);
      expect(await schemeCodes(gateway.url)).toEqual(['48-2018-2022', '72-2015-2019', '77-2019-2024', '92-2024-2028', '92-78-2018-2023']);
      expect(existsSync(join(folder, LOCK_FILE))).toBe(true);
      expect(statSync(join(folder, OPERATOR_FILE)).mode & 0o777).toBe(0o600);

      // A second gateway on the same folder is refused, naming the first.
      const second = await refusedStart(folder);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`PID ${gateway.child.pid}`);
      expect(second.stderr).toContain('passerelle GraphQL');

      // The CLI's import goes through the running gateway: served at once.
      const imported = await cli(['import', 'scheme.yaml'], 'data');
      expect(imported, imported.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('✓ test-48-2025-2029 importé') });
      expect(imported.stderr).toContain(`(par la passerelle PID ${gateway.child.pid}`);
      const listed = await cli(['list', '--lang', 'en'], folder);
      expect(listed.stdout).toContain('test-48-2025-2029');
      // A token made by the CLI is one the gateway accepts (it is written in the gateway's store).
      const token = await cli(['token', 'create', '--departments', '48', '--role', 'editor', '--label', 'Équipe', '--database', folder], 'ignored');
      expect(token.code, token.stderr).toBe(0);
      const secret = token.stdout.trim().split('\n').at(-1)!;
      const me = await query(gateway.url, '{ schemes(first: 50) { totalCount } }', secret);
      expect(me.errors).toBeUndefined();
      // A report on a draft with the token in SOSMS_TOKEN, through the gateway (which runs it without the CLI's environment).
      writeFileSync(join(work, 'draft.yaml'), SCHEME.replace('test-48-2025-2029', 'test-48-brouillon').replace('status: in_force', 'status: draft'));
      expect((await cli(['import', 'draft.yaml'], 'data')).code).toBe(0);
      let reportErr = '';
      const report = (env: Record<string, string>) =>
        runCli(['report', 'test-48-brouillon', '--kind', 'copil', '--output', 'brouillon.html'], { stdout: { write: () => true }, stderr: { write: (c: string) => (reportErr += c) }, env: { DATABASE_URL: 'data', ...env }, cwd: work });
      expect(await report({})).toBe(1);
      expect(await report({ SOSMS_TOKEN: secret }), reportErr).toBe(0);
      expect(readFileSync(join(work, 'brouillon.html'), 'utf8')).toContain('Schéma de test de la Lozère');
      // The widget JSON is read from the gateway's GraphQL address (the hook the root `pnpm sosms` gives), the folder left alone.
      const sources: unknown[] = [];
      let stderr = '';
      const widgetJson = async (source: unknown, scheme: string) => (sources.push(source), { scheme });
      const exported = await runCli(['export', '48-2018-2022', '--widget-json', '--output', 'lozere.json'], { stdout: { write: () => true }, stderr: { write: (c: string) => (stderr += c) }, env: { DATABASE_URL: 'data' }, cwd: work, widgetJson });
      expect(exported, stderr).toBe(0);
      expect(sources).toEqual([{ endpoint: gateway.url }]);
      expect(JSON.parse(readFileSync(join(work, 'lozere.json'), 'utf8'))).toEqual({ scheme: '48-2018-2022' });
      // A wrong operator key is refused.
      const forged = await fetch(gateway.url.replace('/graphql', '/operator/cli'), { method: 'POST', headers: { authorization: 'Operator nope' }, body: '{"argv":["list"],"cwd":"/"}' });
      expect(forged.status).toBe(401);
    } finally {
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
    }
    const lines = gateway.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'request' && l.path === '/graphql' && l.status === 200)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  }, 240_000);

  it('keeps what is there on a later start, and explains a stale lock after a kill', async () => {
    const gateway = await start(folder);
    const codes = await schemeCodes(gateway.url);
    expect(codes).toContain('test-48-2025-2029');
    expect(codes).toHaveLength(6);
    gateway.child.kill('SIGKILL');
    await gateway.exited;
    expect(existsSync(join(folder, LOCK_FILE))).toBe(true);
    const after = await cli(['list'], folder);
    expect(after.code).toBe(0);
    expect(after.stderr).toContain('Verrou périmé repris');
    expect(after.stdout).toContain('test-48-2025-2029');
  }, 240_000);

  it('loads the real schemes on the start after a first start stopped before it had loaded them', async () => {
    // The folder a first start leaves when stopped (Ctrl-C) while it loads the schemes: created and migrated, nothing loaded.
    const interrupted = join(work, 'interrupted');
    const first = await createStore({ location: interrupted });
    expect(first.created).toBe(true);
    await first.close();
    const gateway = await start(interrupted);
    try {
      expect(await schemeCodes(gateway.url)).toEqual(['48-2018-2022', '72-2015-2019', '77-2019-2024', '92-2024-2028', '92-78-2018-2023']);
    } finally {
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
    }
  }, 240_000);

  it('starts empty with --no-demo', async () => {
    const gateway = await start(join(work, 'empty'), ['--no-demo']);
    try {
      expect(await schemeCodes(gateway.url)).toEqual([]);
      // Another gateway on the port this one holds: one sentence naming PORT, no stack, its folder released.
      const port = new URL(gateway.url).port;
      const taken = await refusedStart(join(work, 'other'), { HOST: '127.0.0.1', PORT: port }, ['--no-demo']);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`Le port ${port} de 127.0.0.1 est déjà pris`);
      expect(taken.stderr).toContain(`PORT=${Number(port) + 1} npm start`);
      expect(taken.stderr).not.toMatch(/node:events|EADDRINUSE|\n\s+at /);
      expect(existsSync(join(work, 'other', LOCK_FILE))).toBe(false);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    // Chosen empty once: a later start without --no-demo keeps it so.
    const later = await start(join(work, 'empty'));
    try {
      expect(await schemeCodes(later.url)).toEqual([]);
    } finally {
      later.child.kill('SIGTERM');
      await later.exited;
    }
  }, 240_000);
});

describe('main.ts settings', () => {
  it('takes the cache max-age and a locked-down list of persisted queries from the environment, and refuses bad ones', async () => {
    const text = 'query Count { schemes { totalCount } }';
    writeFileSync(join(work, 'queries.json'), JSON.stringify([text]));
    const hash = createHash('sha256').update(text).digest('hex');
    const gateway = await start(join(work, 'locked'), ['--no-demo'], { SOSMS_CACHE_MAX_AGE: '120', SOSMS_PERSISTED_QUERIES: 'only', SOSMS_PERSISTED_QUERIES_FILE: 'queries.json' });
    try {
      const byHash = await fetch(`${gateway.url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`);
      expect([byHash.status, byHash.headers.get('cache-control'), await byHash.json()]).toEqual([200, 'public, max-age=120', { data: { schemes: { totalCount: 0 } } }]);
      const other = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ schemes { totalCount } }' }) });
      expect([other.status, ((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
      const unknown = await fetch(`${gateway.url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }))}`);
      expect(unknown.status).toBe(404);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    for (const [env, sentence] of [
      [{ SOSMS_CACHE_MAX_AGE: 'trente' }, 'SOSMS_CACHE_MAX_AGE doit être un nombre entier de secondes (reçu « trente »).'],
      [{ SOSMS_PERSISTED_QUERIES: 'yes' }, 'SOSMS_PERSISTED_QUERIES ne connaît que « only » (reçu « yes »).'],
      [{ SOSMS_PERSISTED_QUERIES_FILE: join(work, 'missing.json') }, `SOSMS_PERSISTED_QUERIES_FILE : ${join(work, 'missing.json')} doit être un tableau JSON de textes de requêtes`],
    ] as const) {
      const refused = await refusedStart(join(work, 'refused'), env, ['--no-demo']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(sentence);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      // Refused before the store opened: nothing was created.
      expect(existsSync(join(work, 'refused'))).toBe(false);
    }
  }, 120_000);
});

describe.runIf(ENGINES.includes('postgres'))('main.ts on PostgreSQL', () => {
  let drop = async () => {};
  afterAll(() => drop());

  it('serves at once what the CLI writes into the shared database', async () => {
    const database = await createTestDatabase('sosms_main');
    drop = database.drop;
    const gateway = await start(database.url, ['--no-demo']);
    try {
      expect(await schemeCodes(gateway.url)).toEqual([]);
      const imported = await cli(['import', 'scheme.yaml'], database.url);
      expect(imported, imported.stderr).toMatchObject({ code: 0 });
      expect(imported.stderr).not.toContain('passerelle');
      expect(await schemeCodes(gateway.url)).toEqual(['test-48-2025-2029']);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  }, 120_000);
});
