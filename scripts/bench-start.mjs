// Start-time benchmark (issue 9 item 5): how long from `npm start` to the first answered GraphQL query, on an
// installed checkout whose data folder already exists (the first start, which creates the folder and loads the
// five real schemes, is run once before and not counted). Three measured starts; prints each and the median,
// and appends `{"name":"start.first_answer_s","value":…,"unit":"s"}` to the file named by BENCH_JSON.
//
//   node scripts/bench-start.mjs          (pnpm bench:start; also part of pnpm bench)
//
// A figure, never an assertion: run it on a quiet machine (`flock /work/test.lock` here) for a meaningful one.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../packages/core/src/testing/postgres.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_START_RUNS ?? 3);
const folder = mkdtempSync(join(tmpdir(), 'sosms-bench-start-'));
const data = join(folder, 'donnees');


/** `npm start` (as the README says: node scripts/run.mjs start) on the bench's data folder, until it answers. */
async function start() {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts', 'run.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: data, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    // A process group of its own: the stop below reaches npm start and the gateway it runs.
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`npm start s'est arrêté / exited:\n${stderr}`);
      if (performance.now() - t0 > 180_000) throw new Error(`pas de réponse en 180 s / no answer in 180 s:\n${stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ schemes { totalCount } }' }),
        });
        const body = await response.json();
        if (response.ok && typeof body?.data?.schemes?.totalCount === 'number') return { seconds: (performance.now() - t0) / 1000, schemes: body.data.schemes.totalCount };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await new Promise((resolve) => {
      if (exited) return resolve();
      const group = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      };
      const force = setTimeout(() => group('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      group('SIGTERM');
    });
  }
}

try {
  const first = await start();
  console.log(`premier démarrage (crée le dossier, charge les cinq schémas, non compté) / first start (not counted): ${first.seconds.toFixed(2)} s, ${first.schemes} schémas`);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { seconds, schemes } = await start();
    if (schemes !== first.schemes) throw new Error(`démarrage ${i + 1} : ${schemes} schémas au lieu de ${first.schemes} / schemes differ`);
    times.push(seconds);
    console.log(`démarrage suivant ${i + 1} / later start ${i + 1}: ${seconds.toFixed(2)} s`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`start.first_answer_s (médiane de ${runs} / median of ${runs}): ${median.toFixed(2)} s (cible / target ≤ 4 s)`);
  if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, `${JSON.stringify({ name: 'start.first_answer_s', value: Math.round(median * 100) / 100, unit: 's' })}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
