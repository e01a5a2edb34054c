// One server process of the gateway benchmark: the gateway (BENCH_ROLE=gateway) or the floor
// (BENCH_ROLE=floor) over BENCH_DATABASE_URL. Reports its port once listening, then, on request over IPC,
// its CPU time (process.cpuUsage) and the SQL statements it has run, so the parent measures the server alone.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStore, getOfficialTerritory } from '@sosms/core';
import { createGateway } from '../src/server.ts';
import { COMPARE_PERIOD, COMPARE_SHARED_CODE, DEPARTMENTS } from './dataset.ts';
import { floorCompare, floorDashboard } from './floor.ts';

const role = process.env.BENCH_ROLE;
const location = process.env.BENCH_DATABASE_URL!;
const today = process.env.BENCH_TODAY ?? new Date().toISOString().slice(0, 10);
let statements = 0;
let served = 0;
const store = await createStore({ location, migrate: false, onQuery: () => void (statements += 1) });

let server: http.Server;
let close: () => Promise<void>;
// BENCH_READ_URL: a read replica for anonymous reads (the gateway's `readDbs`).
const replica = process.env.BENCH_READ_URL ? await createStore({ location: process.env.BENCH_READ_URL, migrate: false, onQuery: () => void (statements += 1) }) : undefined;
if (role === 'gateway') {
  // No per-client budget: the benchmark is one client asking as fast as it can.
  const gateway = await createGateway({ store, log: () => {}, today: () => today, readDbs: replica ? [replica.db] : [], limits: { costBudgetPerMinute: Number.MAX_SAFE_INTEGER } });
  server = gateway.server;
  close = () => gateway.close();
} else {
  const populations = Object.fromEntries(DEPARTMENTS.map((d) => [d, getOfficialTerritory(`dep:${d}`)?.population ?? null]));
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      try {
        const [, kind, first] = (req.url ?? '').split('/');
        const { rows } = kind === 'dashboard' ? await floorDashboard(store.db, Number(first), today) : await floorCompare(store.db, COMPARE_SHARED_CODE, COMPARE_PERIOD, populations as Record<string, number>);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(rows[0]!.body);
      } catch (error) {
        res.writeHead(500);
        res.end(String(error));
      }
    });
  });
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
}
server.on('request', (_req, res: http.ServerResponse) => res.on('close', () => void (served += 1)));
server.listen(0, '127.0.0.1', () => process.send!({ type: 'ready', port: (server.address() as AddressInfo).port }));
process.on('message', async (message: { type: string }) => {
  if (message.type === 'stats') process.send!({ type: 'stats', cpu: process.cpuUsage(), statements, served });
  if (message.type === 'exit') {
    server.closeAllConnections();
    await close();
    await store.close();
    await replica?.close();
    process.exit(0);
  }
});
