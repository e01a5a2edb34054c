// Benchmark: write a scheme of 1,000 actions × 3 indicators × 24 monthly measurements (72,000 values) with
// importSchemeFile, then read it back with progress roll-ups, action health and latest measurements.
// Prints wall times and memory for PGlite (always) and PostgreSQL (when SOSMS_TEST_DATABASE_URL is set).
// Target: write + read ≤ 3 s on PGlite. Figures are printed, never asserted.
// Run: pnpm --filter @sosms/core bench   (or: npx tsx bench/scheme.bench.ts)
import { getActionsBySchemeIds } from '../src/action/action.repository.ts';
import { getIndicatorsBySchemeIds } from '../src/indicator/indicator.repository.ts';
import { getLatestMeasurementsByIndicatorIds } from '../src/indicator/stored-value.repository.ts';
import { getProgressBySchemeIds } from '../src/progress/progress.service.ts';
import { actionHealth } from '../src/rules/health.ts';
import { importSchemeFile } from '../src/scheme-file/import.ts';
import { openTestStore } from '../src/testing/engines.ts';
import { generateScheme } from './scheme.generate.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

interface Run {
  write: number;
  read: number;
  line: string;
}

async function run(engine: 'pglite' | 'postgres'): Promise<Run> {
  const file = generateScheme();
  const store = await openTestStore(engine);
  try {
    let peakRss = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = performance.now();
    // Time of each import stage, measured from the previous stage's report (the validation comes before 'partners').
    const stages: string[] = [];
    let last = t0;
    const result = await importSchemeFile(store.db, file, {
      onProgress: (p) => {
        if (p.done !== p.total) return;
        const now = performance.now();
        stages.push(`${p.stage} ${(now - last).toFixed(0)}`);
        last = now;
      },
    });
    const t1 = performance.now();

    const reads: string[] = [];
    const timed = async <T>(name: string, read: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const value = await read();
      reads.push(`${name} ${(performance.now() - started).toFixed(0)}`);
      return value;
    };
    const [progress] = await timed('progress', () => getProgressBySchemeIds(store.db, [result.schemeId]));
    const actions = await timed('actions', () => getActionsBySchemeIds(store.db, [result.schemeId]));
    const health = actions.map((a) => actionHealth(a, '2025-06-30'));
    const indicators = await timed('indicators', () => getIndicatorsBySchemeIds(store.db, [result.schemeId]));
    const latest = await timed('latest', () => getLatestMeasurementsByIndicatorIds(store.db, indicators.map((i) => i.id)));
    const t2 = performance.now();
    clearInterval(sample);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);

    const counts = { onTrack: health.filter((h) => h === 'on_track').length, behind: health.filter((h) => h === 'behind').length, atRisk: health.filter((h) => h === 'at_risk').length };
    const line = [
      `${actions.length} actions, ${indicators.length} indicators, ${result.measurements} measurements written, ${latest.length} latest values read`,
      `scheme progress ${progress?.progress} %, health ${JSON.stringify(counts)}`,
      `write stages (ms): ${stages.join(', ')}`,
      `reads (ms): ${reads.join(', ')}`,
      `peak RSS ${mb(peakRss)} | peak heap ${mb(peakHeap)}`,
    ].join('\n    ');
    return { write: t1 - t0, read: t2 - t1, line };
  } finally {
    await store.close();
  }
}

// This machine's timings vary by ±25 % from run to run: each engine runs BENCH_RUNS times (3 by default)
// and the run with the median total is reported, with the fastest and slowest totals beside it.
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

async function report(engine: 'pglite' | 'postgres'): Promise<void> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await run(engine));
  runs.sort((a, b) => a.write + a.read - (b.write + b.read));
  const median = runs[Math.floor((runs.length - 1) / 2)]!;
  const total = (r: Run) => (r.write + r.read).toFixed(0);
  const target = engine === 'pglite' ? ' (target ≤ 3000 ms on PGlite)' : '';
  console.log(`\n${engine}, median of ${runs.length} runs: write ${median.write.toFixed(0)} ms | read ${median.read.toFixed(0)} ms | total ${total(median)} ms${target}`);
  console.log(`  totals of every run (ms): ${runs.map(total).join(', ')}`);
  console.log(`    ${median.line}`);
}

await report('pglite');
if (process.env.SOSMS_TEST_DATABASE_URL) await report('postgres');
else console.log('\npostgres: skipped (set SOSMS_TEST_DATABASE_URL to include it)');
