import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '@sosms/core/testing';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sosms-shutdown-'));

/** Start `src/main.ts` as `npm start` does (empty store) and wait for « ready ». */
async function start(database: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--no-demo'], {
    cwd: packageDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: database, INIT_CWD: work, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /ready: (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(new URL(match[1]!));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`main.ts exited with ${code}: ${stdout} ${stderr}`));
    });
  });
  return { child, url, exited, stdout: () => stdout };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM while a request is in flight: the body is sent in two halves, the signal between them. The
 * request must still be answered in full, new connections refused, and the process must exit with 0.
 */
async function shutdownWithRequestInFlight(database: string): Promise<void> {
  const gateway = await start(database);
  const body = JSON.stringify({ query: '{ schemes(first: 5) { totalCount } }' });
  const socket = net.connect(Number(gateway.url.port), gateway.url.hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (chunk) => (answer += String(chunk)));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(`POST /graphql HTTP/1.1\r\nHost: ${gateway.url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  await wait(500);
  gateway.child.kill('SIGTERM');
  // The gateway stops listening but waits for the request.
  await wait(1_000);
  await expect(fetch(new URL('/healthz', gateway.url))).rejects.toThrow();
  expect(gateway.child.exitCode).toBeNull();
  socket.write(body.slice(10));
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(answer.toLowerCase()).toContain('connection: close');
  expect(answer).toContain('{"data":{"schemes":{"totalCount":0}}}');
  expect(await gateway.exited).toBe(0);
  const lines = gateway
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const shutting = lines.findIndex((l) => l.msg === 'shutting down');
  const served = lines.findIndex((l) => l.msg === 'request' && l.status === 200);
  expect(lines[shutting]).toMatchObject({ level: 'info', signal: 'SIGTERM', inFlight: 1 });
  expect(served).toBeGreaterThan(shutting);
  expect(lines[served]).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', requestId: expect.any(String) });
  expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
}

describe('graceful shutdown of the real process', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('finishes the request in flight on a PGlite folder, then exits 0', async () => {
    await shutdownWithRequestInFlight(join(work, 'data'));
  }, 120_000);

  describe.runIf(ENGINES.includes('postgres'))('on PostgreSQL', () => {
    let database: TestDatabase | undefined;
    afterAll(() => database?.drop());
    it('finishes the request in flight, then exits 0', async () => {
      database = await createTestDatabase('sosms_shutdown');
      await shutdownWithRequestInFlight(database.url);
    }, 120_000);
  });
});
