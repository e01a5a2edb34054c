// Search benchmark (issue 13, item 4), apart from the gateway benchmark: the gateway (src/main.ts, its own
// process) over the five real schemes, three runs of autocannon each:
// - floor: a plain indexed read through the same gateway, `scheme(code:)` (a unique-index lookup);
// - list: the same selection as the search without text (`actions(filter: { departments: ["92"] })`), so
//   that search / list is what the text search itself costs;
// - search: `actions(filter: { text: "aidants" }, first: 20)`, French stems matched through the GIN index,
//   then ranked (exact words, title words, stems);
// - refused: the 71 KB search of 8,000 `or` terms, refused before any SQL.
// Prints requests/s, p50 and p99 of each and the search / floor ratio; asserts nothing.
// Usage: pnpm --filter @sosms/graphql bench:search  (DATABASE_URL=postgres://… for PostgreSQL, else a
// fresh PGlite folder; BENCH_SECONDS, BENCH_CONNECTIONS).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';

/** What this benchmark reads of an autocannon result. */
interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const folder = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'sosms-bench-search-'));

const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: packageDir,
  // A budget per client far above what the runs spend: the benchmark measures work, not the rate limit.
  env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: process.env.DATABASE_URL ?? folder!, LOG_LEVEL: 'warn', SOSMS_LIMIT_COST_BUDGET_PER_MINUTE: '1000000000' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
    const match = /ready: (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
});

const graphql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const NODES = 'totalCount nodes { code title scheme { code title departments } }';
const SEARCH = `query Search($text: String!) { actions(filter: { text: $text }, first: 20) { ${NODES} } }`;
const runs = {
  floor: graphql('query Floor($code: String!) { scheme(code: $code) { code title departments } }', { code: '48-2018-2022' }),
  list: graphql(`query List { actions(filter: { departments: ["92"] }, first: 20) { ${NODES} } }`),
  search: graphql(SEARCH, { text: 'aidants' }),
  refused: graphql(SEARCH, { text: Array.from({ length: 8_000 }, (_, i) => `t${i}`).join(' or ') }),
};

const results: Record<string, { rps: number; p50: number; p99: number; non2xx: number }> = {};
try {
  for (const [name, body] of Object.entries(runs)) {
    const r: Result = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: SECONDS });
    results[name] = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
    process.stdout.write(`${name.padEnd(8)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}\n`);
  }
  const ratio = (a: string, b: string) => (results[a]!.rps / results[b]!.rps).toFixed(2);
  process.stdout.write(
    `recherche / plancher (lecture indexée simple) : ${ratio('search', 'floor')}× ; recherche / même liste sans texte : ${ratio('search', 'list')}× ` +
      `— search / floor (plain indexed read) ${ratio('search', 'floor')}×, search / same list without text ${ratio('search', 'list')}× ` +
      `(${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${CONNECTIONS} connections, ${SECONDS} s each)\n`,
  );
  if (process.env.BENCH_JSON) process.stdout.write(`${JSON.stringify({ search: results })}\n`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (folder) rmSync(folder, { recursive: true, force: true });
}
