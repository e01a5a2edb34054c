// Benchmark of the gateway on a national dataset in PostgreSQL (see dataset.ts), against a floor: one
// hand-written SQL statement per request returning the same JSON, served by bare node:http (floor.ts).
// Both run in their own process (serve.ts), so the Node CPU time per request is the server's alone.
// The runs are interleaved (floor, gateway, gateway, floor, …) and the median of BENCH_ROUNDS is kept.
//
// Usage: SOSMS_TEST_DATABASE_URL=postgres://… pnpm --filter @sosms/graphql bench (or `pnpm bench` at the root)
//   BENCH_SECONDS       seconds per run (default 10)
//   BENCH_ROUNDS        interleaved rounds of the main runs (default 3)
//   BENCH_CONNECTIONS   concurrent connections (default 10)
//   BENCH_JSON          a file to append one JSON line per figure to: {"name", "value", "unit"}
//   BENCH_DATABASE      reuse this database when it exists (and keep it), instead of a fresh one
// Prints, never asserts.
import { fork, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { createStore, getIndicatorValuesByIndicatorIds, getStoredCurrentValues, importSchemeFile } from '@sosms/core';
import { COMPARE_QUERY, DEPARTMENTS, dashboardQuery, nationalScheme } from './dataset.ts';
import { startReplica, type Replica } from './replica.ts';

const adminUrl = process.env.SOSMS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write('SOSMS_TEST_DATABASE_URL manque (URL PostgreSQL d’administration) / SOSMS_TEST_DATABASE_URL is missing\n');
  process.exit(2);
}
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TODAY = '2026-11-23';

/** One figure: printed in the table and written as a JSON line to BENCH_JSON. */
const figures: { name: string; value: number | null; unit: string }[] = [];
function figure(name: string, value: number | null, unit: string): void {
  const rounded = value === null || !Number.isFinite(value) ? null : Math.round(value * 1000) / 1000;
  figures.push({ name, value: rounded, unit });
  if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, `${JSON.stringify({ name, value: rounded, unit })}\n`);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// ---- the dataset ---------------------------------------------------------------------------------------
const reuse = process.env.BENCH_DATABASE;
const name = reuse ?? `sosms_bench_${Date.now().toString(36)}`;
const admin = await createStore({ location: adminUrl, migrate: false });
const exists = reuse ? (await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db)).rows[0]!.n > 0 : false;
if (!exists) await sql.raw(`create database ${name}`).execute(admin.db);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();

/** A server process (serve.ts) and how to read its CPU time and statement count. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  stats(): Promise<{ cpuMs: number; statements: number; served: number }>;
  stop(): Promise<void>;
}

async function startServer(role: 'gateway' | 'floor', env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = fork(new URL('./serve.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_ROLE: role, BENCH_DATABASE_URL: databaseUrl, BENCH_TODAY: TODAY, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type: string; port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
  });
  return {
    child,
    port,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m: { cpu: NodeJS.CpuUsage; statements: number; served: number }) =>
          resolve({ cpuMs: (m.cpu.user + m.cpu.system) / 1000, statements: m.statements, served: m.served }),
        );
        child.send({ type: 'stats' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
      }),
  };
}

/** One measured run: autocannon against a server, with the server's CPU and statements over the run. */
interface RunResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerRequest: number;
  readonly statementsPerRequest: number;
  readonly requests: number;
  readonly failures: number;
  readonly notModified: number;
}

async function run(
  server: ServerProcess,
  request: { path: string; method?: string; body?: string; headers?: Record<string, string> },
  connections = CONNECTIONS,
): Promise<RunResult> {
  const before = await server.stats();
  const statuses = new Map<number, number>();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${request.path}`,
    method: request.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
    connections,
    duration: DURATION,
    timeout: 120,
    setupClient: (client: { on(event: 'response', listener: (status: number) => void): void }) =>
      client.on('response', (status: number) => void statuses.set(status, (statuses.get(status) ?? 0) + 1)),
  });
  // Requests still in flight when autocannon stops are answered before the CPU is read again; the server
  // counts the answers it sent, so costs are per answer, in flight ones included.
  let after = await server.stats();
  for (let waited = 0; waited < 60_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await server.stats();
    if (now.served === after.served && now.statements === after.statements) break;
    after = now;
  }
  const requests = Math.max(1, after.served - before.served);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / requests,
    statementsPerRequest: (after.statements - before.statements) / requests,
    requests,
    failures: result.errors + result.non2xx - (statuses.get(304) ?? 0),
    notModified: statuses.get(304) ?? 0,
  };
}

/** One request's answer and statement count, outside the timed runs. */
async function once(server: ServerProcess, path: string, body: string): Promise<{ text: string; statements: number }> {
  const before = await server.stats();
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const after = await server.stats();
  return { text, statements: after.statements - before.statements };
}

const servers: ServerProcess[] = [];
let replica: Replica | undefined;
try {
  // Migrated in every case (a reused database may predate a migration), loaded when new.
  const store = await createStore({ location: databaseUrl });
  if (!exists) {
    const loadStarted = performance.now();
    for (const [n, department] of DEPARTMENTS.entries()) {
      await importSchemeFile(store.db, nationalScheme(department, n));
      if ((n + 1) % 20 === 0) process.stdout.write(`  chargé / loaded ${n + 1}/${DEPARTMENTS.length} schémas\n`);
    }
    figure('dataset.load_s', (performance.now() - loadStarted) / 1000, 's');
    process.stdout.write(`Jeu national chargé / national dataset loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s\n`);
  }
  await sql`analyze`.execute(store.db);
  await store.close();
  process.stdout.write(
    `Jeu national / national dataset: ${DEPARTMENTS.length} schémas, ${DEPARTMENTS.length * 60} actions, ${DEPARTMENTS.length * 180} indicateurs, ${DEPARTMENTS.length * 4320} mesures\n` +
      `${CONNECTIONS} connexions, ${DURATION} s par passage, ${ROUNDS} passages entrelacés (médiane)\n\n`,
  );

  const floor = await startServer('floor');
  const gateway = await startServer('gateway');
  // The same gateway with compiled reads off (graphql-js field by field, dataloaders): before and after in one run.
  const uncompiled = await startServer('gateway', { SOSMS_COMPILED_READS: 'off' });
  servers.push(floor, gateway, uncompiled);

  const graphql = (query: string) => ({ path: '/graphql', body: JSON.stringify({ query }) });
  const scenarios = {
    dashboard: { gateway: graphql(dashboardQuery(20)), floor: { path: '/dashboard/20', body: '{}' } },
    compare: { gateway: graphql(COMPARE_QUERY), floor: { path: '/compare', body: '{}' } },
  } as const;

  // Answers and statements of one request, and whether the floor answers the same data.
  const sizes: Record<string, number> = {};
  for (const [key, scenario] of Object.entries(scenarios)) {
    const g = await once(gateway, scenario.gateway.path, scenario.gateway.body);
    const f = await once(floor, scenario.floor.path, scenario.floor.body);
    if ((JSON.parse(g.text) as { errors?: unknown }).errors) throw new Error(`${key}: ${g.text.slice(0, 500)}`);
    const same = JSON.stringify(JSON.parse(g.text)) === JSON.stringify(JSON.parse(f.text));
    sizes[key] = Buffer.byteLength(g.text);
    figure(`${key}.sql_statements`, g.statements, 'statements');
    figure(`${key}.floor_sql_statements`, f.statements, 'statements');
    figure(`${key}.response_bytes`, sizes[key]!, 'bytes');
    process.stdout.write(`${key}: ${g.statements} instructions SQL (plancher ${f.statements}), ${(sizes[key]! / 1024).toFixed(0)} Kio, réponse du plancher ${same ? 'identique' : 'DIFFÉRENTE'} / floor answer ${same ? 'identical' : 'DIFFERENT'}\n`);
  }

  // Main runs, interleaved: the floor and the gateway alternate first.
  const results: Record<string, { floor: RunResult[]; gateway: RunResult[] }> = { dashboard: { floor: [], gateway: [] }, compare: { floor: [], gateway: [] } };
  const uncompiledRuns: RunResult[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [key, scenario] of Object.entries(scenarios)) {
      const order = round % 2 === 0 ? (['floor', 'gateway'] as const) : (['gateway', 'floor'] as const);
      for (const target of order) {
        const r = await run(target === 'floor' ? floor : gateway, scenario[target]);
        results[key]![target].push(r);
        process.stdout.write(`  passage ${round + 1} ${key} ${target}: ${r.rps.toFixed(1)} req/s, p99 ${r.p99} ms, ${r.cpuMsPerRequest.toFixed(1)} ms CPU/req, ${r.failures} échecs\n`);
      }
      if (key === 'dashboard') {
        const r = await run(uncompiled, scenario.gateway);
        uncompiledRuns.push(r);
        process.stdout.write(`  passage ${round + 1} dashboard gateway without compiled reads: ${r.rps.toFixed(1)} req/s, p99 ${r.p99} ms, ${r.cpuMsPerRequest.toFixed(1)} ms CPU/req\n`);
      }
    }
  }

  const rows: string[][] = [['', 'req/s', 'p50 ms', 'p99 ms', 'CPU Node ms/req', 'SQL/req']];
  for (const [key, { floor: f, gateway: g }] of Object.entries(results)) {
    const m = (list: RunResult[], pick: (r: RunResult) => number) => median(list.map(pick));
    for (const [label, list] of [[`${key} plancher / floor`, f], [`${key} passerelle / gateway`, g]] as const) {
      rows.push([label, m(list, (r) => r.rps).toFixed(1), m(list, (r) => r.p50).toFixed(0), m(list, (r) => r.p99).toFixed(0), m(list, (r) => r.cpuMsPerRequest).toFixed(1), m(list, (r) => r.statementsPerRequest).toFixed(1)]);
    }
    figure(`${key}.floor_rps`, m(f, (r) => r.rps), 'requests/s');
    figure(`${key}.rps`, m(g, (r) => r.rps), 'requests/s');
    figure(`${key}.rps_ratio_to_floor`, m(g, (r) => r.rps) / m(f, (r) => r.rps), 'ratio');
    figure(`${key}.floor_p99_ms`, m(f, (r) => r.p99), 'ms');
    figure(`${key}.p99_ms`, m(g, (r) => r.p99), 'ms');
    figure(`${key}.p99_ratio_to_floor`, m(g, (r) => r.p99) / m(f, (r) => r.p99), 'ratio');
    figure(`${key}.node_cpu_ms_per_request`, m(g, (r) => r.cpuMsPerRequest), 'ms');
    figure(`${key}.floor_node_cpu_ms_per_request`, m(f, (r) => r.cpuMsPerRequest), 'ms');
    figure(`${key}.failures`, g.reduce((n, r) => n + r.failures, 0), 'requests');
  }

  {
    const m = (pick: (r: RunResult) => number) => median(uncompiledRuns.map(pick));
    rows.push(['dashboard sans lecture compilée / without compiled reads', m((r) => r.rps).toFixed(1), m((r) => r.p50).toFixed(0), m((r) => r.p99).toFixed(0), m((r) => r.cpuMsPerRequest).toFixed(1), m((r) => r.statementsPerRequest).toFixed(1)]);
    figure('dashboard.uncompiled_rps', m((r) => r.rps), 'requests/s');
    figure('dashboard.uncompiled_rps_ratio_to_floor', m((r) => r.rps) / median(results.dashboard!.floor.map((r) => r.rps)), 'ratio');
    figure('dashboard.uncompiled_node_cpu_ms_per_request', m((r) => r.cpuMsPerRequest), 'ms');
    figure('dashboard.uncompiled_sql_statements', m((r) => r.statementsPerRequest), 'statements');
  }

  // Warm HTTP cache: the same dashboard as a GET with the ETag of a first answer (304 Not Modified).
  const getPath = `/graphql?query=${encodeURIComponent(dashboardQuery(20))}`;
  const first = await fetch(`http://127.0.0.1:${gateway.port}${getPath}`, { headers: { accept: 'application/graphql-response+json, application/json' } });
  await first.arrayBuffer();
  const etag = first.headers.get('etag');
  if (etag) {
    const cached = await run(gateway, { path: getPath, method: 'GET', headers: { 'if-none-match': etag } });
    rows.push(['dashboard GET + ETag (304)', cached.rps.toFixed(1), cached.p50.toFixed(0), cached.p99.toFixed(0), cached.cpuMsPerRequest.toFixed(2), cached.statementsPerRequest.toFixed(1)]);
    figure('dashboard.cached_rps', cached.rps, 'requests/s');
    figure('dashboard.cached_speedup', cached.rps / median(results.dashboard!.gateway.map((r) => r.rps)), 'ratio');
    figure('dashboard.cached_node_cpu_ms_per_request', cached.cpuMsPerRequest, 'ms');
    figure('dashboard.cached_not_modified_share', cached.notModified / cached.requests, 'ratio');
  } else {
    process.stdout.write('  (pas d’ETag sur GET : cache HTTP non mesuré / no ETag on GET: HTTP cache not measured)\n');
  }

  // A widget's query (the scheme overview) as the widgets send it, a GET with its text, name and variables:
  // answered in full, then from the ETag path (304), the same address both times.
  {
    const { SchemeOverview } = await import('../../widgets/src/data/queries.ts');
    const listed = await once(gateway, '/graphql', JSON.stringify({ query: '{ schemes(first: 1) { nodes { code } } }' }));
    const scheme = (JSON.parse(listed.text) as { data: { schemes: { nodes: { code: string }[] } } }).data.schemes.nodes[0]!.code;
    const params = new URLSearchParams({ query: SchemeOverview.text.replace(/\s+/g, ' ').trim(), operationName: SchemeOverview.name, variables: JSON.stringify({ scheme }) });
    const widgetPath = `/graphql?${params}`;
    const answer = await fetch(`http://127.0.0.1:${gateway.port}${widgetPath}`);
    const answerText = await answer.text();
    const widgetTag = answer.headers.get('etag');
    if (answerText.includes('"errors"') || !widgetTag) throw new Error(`widget query: ${answer.status} ${answerText.slice(0, 300)}`);
    const full = await run(gateway, { path: widgetPath, method: 'GET' });
    const notModified = await run(gateway, { path: widgetPath, method: 'GET', headers: { 'if-none-match': widgetTag } });
    rows.push([`widget SchemeOverview GET (${(Buffer.byteLength(answerText) / 1024).toFixed(0)} Kio)`, full.rps.toFixed(1), full.p50.toFixed(0), full.p99.toFixed(0), full.cpuMsPerRequest.toFixed(2), full.statementsPerRequest.toFixed(1)]);
    rows.push(['widget SchemeOverview GET + ETag (304)', notModified.rps.toFixed(1), notModified.p50.toFixed(0), notModified.p99.toFixed(0), notModified.cpuMsPerRequest.toFixed(2), notModified.statementsPerRequest.toFixed(1)]);
    figure('cache.widget_rps', full.rps, 'requests/s');
    figure('cache.widget_node_cpu_ms_per_request', full.cpuMsPerRequest, 'ms');
    figure('cache.widget_304_rps', notModified.rps, 'requests/s');
    figure('cache.widget_304_node_cpu_ms_per_request', notModified.cpuMsPerRequest, 'ms');
    figure('cache.widget_304_share', notModified.notModified / notModified.requests, 'ratio');
    figure('cache.speedup_304', notModified.rps / full.rps, 'ratio');
  }

  // How cost grows with the schemes asked for: one run each, one connection (latency and CPU per answer).
  const growth: Record<number, { cpu: number; p50: number; floorP50: number }> = {};
  for (const n of [5, 20, 50, 100]) {
    const g = await run(gateway, graphql(dashboardQuery(n)), 1);
    const f = await run(floor, { path: `/dashboard/${n}`, body: '{}' }, 1);
    rows.push([`dashboard first ${n} passerelle / gateway`, g.rps.toFixed(1), g.p50.toFixed(0), g.p99.toFixed(0), g.cpuMsPerRequest.toFixed(1), g.statementsPerRequest.toFixed(1)]);
    rows.push([`dashboard first ${n} plancher / floor`, f.rps.toFixed(1), f.p50.toFixed(0), f.p99.toFixed(0), f.cpuMsPerRequest.toFixed(1), f.statementsPerRequest.toFixed(1)]);
    figure(`dashboard.first_${n}.rps`, g.rps, 'requests/s');
    figure(`dashboard.first_${n}.floor_rps`, f.rps, 'requests/s');
    figure(`dashboard.first_${n}.rps_ratio_to_floor`, g.rps / f.rps, 'ratio');
    figure(`dashboard.first_${n}.node_cpu_ms_per_request`, g.cpuMsPerRequest, 'ms');
    figure(`dashboard.first_${n}.p50_ms`, g.p50, 'ms');
    figure(`dashboard.first_${n}.floor_p50_ms`, f.p50, 'ms');
    figure(`dashboard.first_${n}.floor_node_cpu_ms_per_request`, f.cpuMsPerRequest, 'ms');
    figure(`dashboard.first_${n}.sql_statements`, g.statementsPerRequest, 'statements');
    growth[n] = { cpu: g.cpuMsPerRequest, p50: g.p50, floorP50: f.p50 };
  }
  // Linear growth: the gateway's CPU per scheme asked for is no larger at 100 schemes than at 20 (a fixed
  // part makes it smaller). The latency's growth, PostgreSQL's included, beside the floor's for reference.
  const perScheme = (pick: (g: (typeof growth)[number]) => number) => pick(growth[100]!) / 100 / (pick(growth[20]!) / 20);
  figure('dashboard.growth_cpu_per_scheme_100_vs_20', perScheme((g) => g.cpu), 'ratio');
  figure('dashboard.growth_p50_per_scheme_100_vs_20', perScheme((g) => g.p50), 'ratio');
  figure('dashboard.floor_growth_p50_per_scheme_100_vs_20', perScheme((g) => g.floorP50), 'ratio');

  // A territory's current value (currentValue(territory:)) on the 20-scheme dashboard's indicators, through the
  // gateway (compiled: the one tree statement), one connection; then the read itself in this process, from what the
  // rule stored (getStoredCurrentValues, what the field reads) against the rule over every revision (what
  // it read before), median of 5 reads each.
  {
    const territory = `dep:${DEPARTMENTS[0]}`;
    const query = dashboardQuery(20).replace('latestMeasurement { period value }', `currentValue(territory: "${territory}") { period value }`);
    const g = await run(gateway, graphql(query), 1);
    rows.push([`dashboard currentValue(territory) passerelle / gateway`, g.rps.toFixed(1), g.p50.toFixed(0), g.p99.toFixed(0), g.cpuMsPerRequest.toFixed(1), g.statementsPerRequest.toFixed(1)]);
    figure('territory.dashboard_rps', g.rps, 'requests/s');
    figure('territory.dashboard_node_cpu_ms_per_request', g.cpuMsPerRequest, 'ms');
    figure('territory.dashboard_sql_statements', g.statementsPerRequest, 'statements');
    const reader = await createStore({ location: databaseUrl, migrate: false });
    const ids = (
      await sql<{ id: string }>`select i.id from indicator i join action a on a.id = i.action_id
        where a.scheme_id in (select id from scheme order by period_start desc, code limit 20)`.execute(reader.db)
    ).rows.map((r) => r.id);
    const timed = async (read: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let k = 0; k < 5; k += 1) {
        const started = performance.now();
        await read();
        times.push(performance.now() - started);
      }
      return median(times);
    };
    const stored = await timed(() => getStoredCurrentValues(reader.db, ids, territory));
    const rule = await timed(async () => (await getIndicatorValuesByIndicatorIds(reader.db, ids)).map((r) => r.values.current(territory)));
    await reader.close();
    process.stdout.write(`valeur actuelle d'un territoire, ${ids.length} indicateurs / a territory's current value, ${ids.length} indicators: stockée / stored ${stored.toFixed(1)} ms, règle sur l'historique / rule over the history ${rule.toFixed(1)} ms\n`);
    figure('territory.current_stored_ms', stored, 'ms');
    figure('territory.current_rule_over_history_ms', rule, 'ms');
  }

  // Scale-out: the gateway keeps no state between requests, so processes add up on one PostgreSQL.
  // Two gateway processes, 5 connections each, at the same time, against one at 10 connections.
  const dashboard = scenarios.dashboard.gateway;
  const second = await startServer('gateway');
  servers.push(second);
  const [one, two] = await Promise.all([run(gateway, dashboard, CONNECTIONS / 2), run(second, dashboard, CONNECTIONS / 2)]);
  const single = median(results.dashboard!.gateway.map((r) => r.rps));
  rows.push(['dashboard 2 passerelles / gateways (1 PostgreSQL)', (one.rps + two.rps).toFixed(1), `${one.p50}/${two.p50}`, `${one.p99}/${two.p99}`, ((one.cpuMsPerRequest + two.cpuMsPerRequest) / 2).toFixed(1), one.statementsPerRequest.toFixed(1)]);
  figure('scaleout.two_gateways.dashboard_rps', one.rps + two.rps, 'requests/s');
  figure('scaleout.two_gateways.ratio_to_one', (one.rps + two.rps) / single, 'ratio');

  // A primary and one streaming replica on loopback: anonymous reads of a second gateway go to the replica.
  try {
    replica = await startReplica(adminUrl!, name);
  } catch (error) {
    process.stdout.write(`  (réplique non démarrée / replica not started: ${String(error).slice(0, 300)} … ${String(error).slice(-600)})\n`);
  }
  if (replica) {
    const onReplica = await startServer('gateway', { BENCH_READ_URL: replica.url });
    servers.push(onReplica);
    // The replica answers what the primary answers (replay caught up: the data was loaded before the backup).
    const fromReplica = await once(onReplica, dashboard.path, dashboard.body);
    const fromPrimary = await once(gateway, dashboard.path, dashboard.body);
    const same = fromReplica.text === fromPrimary.text;
    process.stdout.write(`réplique / replica: ${replica.url.replace(/\/\/[^@]*@/, '//')} — réponse ${same ? 'identique' : 'DIFFÉRENTE'} / answer ${same ? 'identical' : 'DIFFERENT'}\n`);
    const [p, r] = await Promise.all([run(gateway, dashboard, CONNECTIONS / 2), run(onReplica, dashboard, CONNECTIONS / 2)]);
    rows.push(['dashboard primaire + réplique / primary + replica', (p.rps + r.rps).toFixed(1), `${p.p50}/${r.p50}`, `${p.p99}/${r.p99}`, ((p.cpuMsPerRequest + r.cpuMsPerRequest) / 2).toFixed(1), r.statementsPerRequest.toFixed(1)]);
    figure('scaleout.replica.same_answer', same ? 1 : 0, 'boolean');
    figure('scaleout.replica.dashboard_rps', r.rps, 'requests/s');
    figure('scaleout.primary_and_replica.dashboard_rps', p.rps + r.rps, 'requests/s');
    figure('scaleout.primary_and_replica.ratio_to_one', (p.rps + r.rps) / single, 'ratio');
  } else {
    process.stdout.write('  (pg_basebackup introuvable : réplique non mesurée / pg_basebackup not found: replica not measured)\n');
  }

  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  process.stdout.write(`\n${rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n')}\n\n`);
  for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
  printTargets();
} finally {
  for (const s of servers) await s.stop();
  replica?.stop();
  if (!reuse) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await admin.close();
}

/** The targets (issue 11), read from this run's figures; `pnpm bench:start` measures start.first_answer_s. */
function printTargets(): void {
  const targets: { name: string; at: 'least' | 'most'; value: number; label: string }[] = [
    { name: 'dashboard.rps_ratio_to_floor', at: 'least', value: 0.5, label: 'dashboard req/s ÷ plancher / floor' },
    { name: 'dashboard.node_cpu_ms_per_request', at: 'most', value: 30, label: 'dashboard CPU Node ms/req' },
    { name: 'dashboard.growth_cpu_per_scheme_100_vs_20', at: 'most', value: 1.25, label: 'dashboard CPU par schéma / CPU per scheme, 100 ÷ 20' },
    { name: 'compare.rps_ratio_to_floor', at: 'least', value: 0.8, label: 'compareIndicator req/s ÷ plancher / floor' },
    { name: 'cache.speedup_304', at: 'least', value: 20, label: 'GET + ETag (304) ÷ sans cache / uncached, req/s' },
  ];
  const table = [['cible / target', 'figure', 'seuil / threshold', 'mesuré / measured', '']];
  for (const t of targets) {
    const measured = figures.find((f) => f.name === t.name)?.value ?? null;
    const ok = measured !== null && (t.at === 'least' ? measured >= t.value : measured <= t.value);
    table.push([t.label, t.name, `${t.at === 'least' ? '≥' : '≤'} ${t.value}`, measured === null ? '—' : String(measured), ok ? 'ok' : 'NOT OK / non atteint']);
  }
  for (const name of ['dashboard.p99_ratio_to_floor', 'dashboard.sql_statements', 'dashboard.growth_p50_per_scheme_100_vs_20', 'dashboard.floor_growth_p50_per_scheme_100_vs_20', 'scaleout.two_gateways.ratio_to_one', 'scaleout.primary_and_replica.ratio_to_one']) {
    const measured = figures.find((f) => f.name === name)?.value;
    if (measured !== undefined) table.push(['(sans cible / no target)', name, '—', String(measured), '']);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  process.stdout.write(`\nCibles / targets (issue 11):\n${table.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n')}\n`);
}
