// Benchmark of the gateway on a national dataset in PostgreSQL: 101 départements, one in-force scheme
// each with 60 actions, 3 indicators per action and 24 monthly measurements per indicator.
// Usage: SOSMS_TEST_DATABASE_URL=postgres://… pnpm --filter @sosms/graphql bench
// Prints requests/s, p50, p99 and SQL statements per request. Prints, never asserts.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { createStore, importSchemeFile, type SchemeFileInput } from '@sosms/core';
import { createGateway } from '../src/server.ts';

const adminUrl = process.env.SOSMS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write('SOSMS_TEST_DATABASE_URL manque (URL PostgreSQL d’administration) / SOSMS_TEST_DATABASE_URL is missing\n');
  process.exit(2);
}
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

/** The 101 départements: 01–95 without 20, Corsica 2A and 2B, and five overseas. */
const DEPARTMENTS = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A', '2B', '971', '972', '973', '974', '976',
];
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const STATUSES = ['planned', 'in_progress', 'in_progress', 'in_progress', 'done', 'late'] as const;

/** One scheme: 4 orientations × 3 objectives × 5 actions = 60 actions, 3 indicators each, 24 months of values. */
function nationalScheme(department: string, n: number): SchemeFileInput {
  let actionIndex = 0;
  return {
    scheme: {
      code: `bench-${department}-2024-2028`,
      title: `Schéma départemental des solidarités ${department} (données de test)`,
      departments: [department],
      period: { start: 2024, end: 2028 },
      status: 'in_force',
      illustrative: true,
    },
    orientations: [1, 2, 3, 4].map((o) => ({
      code: `${o}`,
      title: `Orientation ${o}`,
      orientations: [1, 2, 3].map((s) => ({
        code: `${o}.${s}`,
        title: `Objectif ${o}.${s}`,
        actions: [1, 2, 3, 4, 5].map((a) => {
          actionIndex += 1;
          const status = STATUSES[(n + actionIndex) % STATUSES.length]!;
          return {
            code: `${o}.${s}.${a}`,
            title: `Action ${o}.${s}.${a} : accompagner les publics du territoire`,
            status,
            progress: status === 'in_progress' || status === 'late' ? (actionIndex * 7) % 90 : undefined,
            startDate: '2024-01-01',
            endDate: a % 2 === 0 ? '2026-06-30' : '2028-12-31',
            illustrative: true,
            indicators: [1, 2, 3].map((k) => ({
              code: `ind-${o}-${s}-${a}-${k}`,
              name: `Indicateur ${k} de l'action ${o}.${s}.${a}`,
              unit: '%',
              periodicity: 'month' as const,
              baseline: { value: 20, date: '2023-12-31' },
              target: { value: 60, date: '2028-12-31' },
              // One shared national code per scheme, for compareIndicator.
              sharedCode: o === 1 && s === 1 && a === 1 && k === 1 ? 'bench-rsa-emploi' : undefined,
              illustrative: true,
              measurements: MONTHS.map((period, m) => ({ period, territory: `dep:${department}`, value: 20 + ((m + n + k) % 30), illustrative: true })),
            })),
          };
        }),
      })),
    })),
  };
}

const DASHBOARD = `query Dashboard {
  schemes(first: 20) {
    totalCount
    nodes {
      code title progress
      orientations(all: true) {
        nodes {
          code progress
          actions { nodes { code status health progress indicators { nodes { name latestMeasurement { period value } } } } }
        }
      }
    }
  }
}`;
const COMPARE = `query Compare { compareIndicator(sharedCode: "bench-rsa-emploi", period: "2025-12") { totalCount nodes { department value target completionRate population } } }`;

const name = `sosms_bench_${Date.now().toString(36)}`;
// The admin connection goes through the core's store (no driver here): create, later drop, a fresh database.
const admin = await createStore({ location: adminUrl, migrate: false });
await sql.raw(`create database ${name}`).execute(admin.db);
const url = new URL(adminUrl);
url.pathname = `/${name}`;

let statements = 0;
const store = await createStore({ location: url.toString(), onQuery: () => void (statements += 1) });
try {
  const loadStarted = performance.now();
  for (const [n, department] of DEPARTMENTS.entries()) {
    await importSchemeFile(store.db, nationalScheme(department, n));
    if ((n + 1) % 20 === 0) process.stdout.write(`  chargé / loaded ${n + 1}/${DEPARTMENTS.length} schémas\n`);
  }
  const measurements = DEPARTMENTS.length * 60 * 3 * 24;
  process.stdout.write(
    `Jeu national / national dataset: ${DEPARTMENTS.length} schémas, ${DEPARTMENTS.length * 60} actions, ${DEPARTMENTS.length * 180} indicateurs, ${measurements} mesures — ${((performance.now() - loadStarted) / 1000).toFixed(1)} s\n`,
  );

  const gateway = await createGateway({ db: store.db, log: () => {} });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}/graphql`;

  const runs = [
    ['(a) tableau de bord / dashboard (20 schémas → orientations → actions + santé → indicateurs + dernière mesure)', DASHBOARD],
    ['(b) compareIndicator sur tous les départements / across all départements', COMPARE],
  ] as const;
  // Count SQL statements of one request of each query first, while nothing else runs.
  const perRequest: number[] = [];
  const responseBytes: number[] = [];
  for (const [label, query] of runs) {
    statements = 0;
    const once = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const text = await once.text();
    if ((JSON.parse(text) as { errors?: unknown[] }).errors) throw new Error(`${label}: ${text.slice(0, 500)}`);
    perRequest.push(statements);
    responseBytes.push(Buffer.byteLength(text));
  }
  for (const [i, [label, query]] of runs.entries()) {
    const result = await autocannon({
      url: endpoint,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      connections: CONNECTIONS,
      duration: DURATION,
    });
    process.stdout.write(
      [
        label,
        `  requêtes/s (moyenne) / requests/s (mean): ${result.requests.average.toFixed(1)}`,
        `  latence p50: ${result.latency.p50} ms   p99: ${result.latency.p99} ms`,
        `  instructions SQL par requête / SQL statements per request: ${perRequest[i]}`,
        `  taille de la réponse / response size: ${(responseBytes[i]! / 1024).toFixed(0)} Kio`,
        `  réponses non 2xx / non-2xx: ${result.non2xx}, erreurs / errors: ${result.errors}, connexions: ${CONNECTIONS}, durée: ${DURATION} s`,
        '',
      ].join('\n'),
    );
    // Let requests still in flight finish before the next run.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  await gateway.close();
} finally {
  await store.close();
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await admin.close();
}
