import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('main.ts', () => {
  it('serves the real schemes on an embedded store and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: packageDir,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`main.ts did not start: ${stdout} ${stderr}`)), 90_000);
      child.stdout.on('data', (chunk) => {
        stdout += String(chunk);
        const match = /ready: (http:\/\/\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const health = await fetch(url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ schemes { totalCount } }' }),
    });
    expect(((await response.json()) as { data: { schemes: { totalCount: number } } }).data.schemes.totalCount).toBe(5);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'request' && l.path === '/graphql' && l.status === 200)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
  }, 120_000);
});
