// Benchmark: write a scheme of 1,000 actions × 3 indicators × 24 monthly measurements (72,000 values) with
// importSchemeFile, then read it back with progress roll-ups, action health and latest measurements.
// Prints wall times and memory for PGlite (always) and PostgreSQL (when SOSMS_TEST_DATABASE_URL is set).
// Target: write + read ≤ 3 s on PGlite. Figures are printed, never asserted.
// Run: pnpm --filter @sosms/core bench   (or: npx tsx bench/scheme.bench.ts)
import { getActionsBySchemeIds } from '../src/action/action.repository.ts';
import { getIndicatorsBySchemeIds } from '../src/indicator/indicator.repository.ts';
import { getLatestMeasurementsByIndicatorIds } from '../src/measurement/measurement.repository.ts';
import { getProgressBySchemeIds } from '../src/progress/progress.service.ts';
import { actionHealth } from '../src/rules/health.ts';
import { importSchemeFile } from '../src/scheme-file/import.ts';
import { openTestStore } from '../src/testing/engines.ts';
import { generateScheme } from './scheme.generate.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function run(engine: 'pglite' | 'postgres'): Promise<void> {
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
    console.log(`\n${engine}: ${actions.length} actions, ${indicators.length} indicators, ${result.measurements} measurements written, ${latest.length} latest values read`);
    console.log(`  scheme progress ${progress?.progress} %, health ${JSON.stringify(counts)}`);
    console.log(`  write ${(t1 - t0).toFixed(0)} ms | read ${(t2 - t1).toFixed(0)} ms | total ${(t2 - t0).toFixed(0)} ms (target ≤ 3000 ms on PGlite)`);
    console.log(`  write stages (ms): ${stages.join(', ')}`);
    console.log(`  reads (ms): ${reads.join(', ')}`);
    console.log(`  peak RSS ${mb(peakRss)} | peak heap ${mb(peakHeap)}`);
  } finally {
    await store.close();
  }
}

await run('pglite');
if (process.env.SOSMS_TEST_DATABASE_URL) await run('postgres');
else console.log('\npostgres: skipped (set SOSMS_TEST_DATABASE_URL to include it)');
