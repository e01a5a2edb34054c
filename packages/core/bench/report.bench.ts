// Benchmark: the reports of a 150-action scheme (5 orientations × 30 actions, 50 indicators × 12 quarterly
// values, updates and budget lines on every action), as HTML and as tagged PDF through Debian's Chromium.
// Prints wall times, page counts and sizes; never asserts them.
// Run: CHROMIUM_PATH=/usr/bin/chromium npx tsx bench/report.bench.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPdfRenderer, renderReport } from '../src/reports/render.ts';
import { REPORT_KINDS } from '../src/reports/report-data.ts';
import { importSchemeFile } from '../src/scheme-file/import.ts';
import { openTestStore } from '../src/testing/engines.ts';

const STATUSES = ['planned', 'in_progress', 'in_progress', 'done', 'late', 'paused'] as const;
const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];

function scheme150() {
  let n = 0;
  return {
    scheme: { code: 'bench-150', title: 'Schéma de mesure à 150 actions', departments: ['92'], period: { start: 2024, end: 2028 }, status: 'in_force', illustrative: true, summary: 'Schéma généré pour mesurer les rapports.' },
    partners: [{ code: 'cd-92', name: 'Département des Hauts-de-Seine', kind: 'departement', departments: ['92'] }, { code: 'caf-92', name: 'CAF des Hauts-de-Seine', kind: 'caf', departments: ['92'] }],
    orientations: Array.from({ length: 5 }, (_, o) => ({
      code: `${o + 1}`,
      title: `Orientation ${o + 1} : accompagner les publics fragiles`,
      actions: Array.from({ length: 30 }, (_, a) => {
        const i = n++;
        return {
          code: `${o + 1}.${a + 1}`,
          title: `Action ${o + 1}.${a + 1} : renforcer l'accompagnement de proximité`,
          pilot: 'cd-92',
          status: STATUSES[i % STATUSES.length],
          progress: (i * 37) % 100,
          startDate: '2024-01-01',
          endDate: i % 4 === 0 ? '2025-12-31' : '2028-12-31',
          illustrative: true,
          budget: [2024, 2025, 2026].map((year) => ({ year, funder: i % 3 ? 'cd-92' : 'caf-92', planned: 10000 + i * 100, ...(year < 2026 ? { executed: 9000 + i * 90 } : {}) })),
          updates: [
            { date: '2025-03-01', kind: 'achievement', text: `Étape franchie pour l'action ${i}.`, illustrative: true },
            { date: '2026-02-01', kind: 'obstacle', text: `Difficulté de recrutement pour l'action ${i}.`, illustrative: true },
            { date: '2026-05-01', kind: 'next_step', text: `Prochaine étape de l'action ${i}.`, illustrative: true },
          ],
          indicators:
            i % 3 === 0
              ? [{
                  code: `ind-${i}`, name: `Personnes accompagnées (action ${i})`, type: 'deployment', unit: 'personnes', direction: 'up',
                  baseline: { value: 100, date: '2023-12-31' }, target: { value: 400, date: '2028-12-31' }, periodicity: 'quarter', aggregation: 'sum', illustrative: true,
                  measurements: QUARTERS.map((period, q) => ({ period, territory: 'dep:92', value: 100 + q * 15 + (i % 7), illustrative: true })),
                }]
              : [],
        };
      }),
    })),
    governingBodies: [{ code: 'copil', kind: 'copil', name: 'COPIL', members: [{ partner: 'cd-92' }], meetings: [{ date: '2025-06-20', title: 'COPIL 2025', decisions: Array.from({ length: 10 }, (_, d) => ({ text: `Décision ${d + 1}`, actions: [`1.${d + 1}`] })) }] }],
  };
}

const store = await openTestStore('pglite');
try {
  await importSchemeFile(store.db, scheme150());
  const dir = mkdtempSync(join(tmpdir(), 'sosms-report-bench-'));
  const request = { schemeCode: 'bench-150', date: '2026-06-30' };
  console.log('Rapports d’un schéma de 150 actions / reports of a 150-action scheme (PGlite):');
  for (const kind of REPORT_KINDS) {
    const t0 = performance.now();
    const html = await renderReport(store.db, { ...request, kind });
    console.log(`  html ${kind.padEnd(6)} ${String(Math.round(performance.now() - t0)).padStart(5)} ms  ${((html.body as string).length / 1024).toFixed(0)} KiB`);
  }
  const t1 = performance.now();
  const cold = await renderReport(store.db, { ...request, kind: 'copil', format: 'pdf' });
  console.log(`  pdf  copil  ${String(Math.round(performance.now() - t1)).padStart(5)} ms  with Chromium's start (one-shot, as the CLI does)`);
  writeFileSync(join(dir, 'copil.pdf'), cold.body);
  const t2 = performance.now();
  const renderer = await openPdfRenderer();
  console.log(`  chromium start ${Math.round(performance.now() - t2)} ms`);
  try {
    for (const kind of REPORT_KINDS) {
      const t = performance.now();
      const pdf = await renderReport(store.db, { ...request, kind, format: 'pdf' }, { renderer });
      const ms = Math.round(performance.now() - t);
      const path = join(dir, `${kind}.pdf`);
      writeFileSync(path, pdf.body);
      const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1];
      console.log(`  pdf  ${kind.padEnd(6)} ${String(ms).padStart(5)} ms  ${pages} pages  ${((pdf.body as Uint8Array).length / 1024).toFixed(0)} KiB (warm browser)`);
    }
  } finally {
    await renderer.close();
  }
  console.log(`  files: ${dir}`);
} finally {
  await store.close();
}
