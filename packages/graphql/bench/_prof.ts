import { fork } from 'node:child_process';
// @ts-expect-error no types
import autocannon from 'autocannon';
import { COMPARE_QUERY } from './dataset.ts';
const child = fork(new URL('./serve.ts', import.meta.url), [], {
  execArgv: ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/h6-prof'],
  env: { ...process.env, BENCH_ROLE: 'gateway', BENCH_DATABASE_URL: 'postgres://postgres@127.0.0.1:35293/sosms_bench_h6', BENCH_TODAY: '2026-11-23' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const port = await new Promise<number>((r) => child.once('message', (m: any) => r(m.port)));
const res = await autocannon({ url: `http://127.0.0.1:${port}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: COMPARE_QUERY }), connections: 10, duration: 8 });
console.log(res.requests.average, res.non2xx);
await new Promise((r) => { child.once('exit', r); child.send({ type: 'exit' }); });
