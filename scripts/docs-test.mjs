// The documentation runs (issue 9 item 6): every shell command of docs/publier-mon-schema.md and of the README,
// taken from their fenced ```sh blocks and run verbatim, in order, from the repository root, on a fresh data
// folder (DATABASE_URL names a temporary folder for every command). `npm start` runs in the background until its
// « prête » line; every other line must exit 0 in one bash session (variables such as TOKEN carry over), and a few
// outputs are checked. A command the test cannot run is listed in SKIPPED with its reason; any other command is
// run, so a page that drifts from the software fails here. Part of `npm test` (scripts/run.mjs) and so of CI.
//
//   node scripts/docs-test.mjs
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();

/** Commands of the README that cannot run inside the test, each with why. */
const SKIPPED = new Map([
  ['npm test', 'c’est la commande qui lance ce test / it is the command that runs this test'],
  ['DATABASE_URL=postgres://sosms@localhost/sosms npm start', 'un serveur PostgreSQL à cette adresse / needs a PostgreSQL server there'],
  ['DATABASE_URL=/srv/sosms/donnees npm start', 'un dossier système / a system folder'],
]);
/** Files the commands write in the repository root, removed afterwards (never overwritten: checked before). */
const WRITTEN = ['mon-schema.yaml', 'sortie', 'modele-sosms.xlsx'];

/** A line without its trailing `# comment` (a `#` outside quotes, after a space), as the shell reads it. */
function withoutComment(line) {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

/** The shell commands of a Markdown page: each ```sh block's lines, a trailing `\` joining the next, comments dropped. */
function shellCommands(file) {
  const text = readFileSync(join(root, file), 'utf8');
  const commands = [];
  for (const [, body] of text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    let current = '';
    for (const line of body.split('\n')) {
      current += line;
      if (current.endsWith('\\')) {
        current += '\n';
        continue;
      }
      const command = withoutComment(current).trim();
      if (command && !command.startsWith('#')) commands.push(command);
      current = '';
    }
  }
  return commands;
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      const other = createServer();
      other.listen(0, '127.0.0.1', () => {
        const { port } = other.address();
        other.close(() => resolve(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

function fail(message) {
  console.log(`✗ ${message}`);
  process.exitCode = 1;
}

for (const file of WRITTEN) {
  if (existsSync(join(root, file))) {
    console.log(`✗ ${file} existe déjà à la racine du dépôt : le test ne l'écrase pas / already exists, not overwritten`);
    process.exit(1);
  }
}

const page = shellCommands('docs/publier-mon-schema.md');
const readme = shellCommands('README.md');
const all = [...page, ...readme];
if (!page.includes('npm start') || page.length < 6) fail(`la page n'a pas les commandes attendues / page commands not found: ${JSON.stringify(page)}`);
for (const skipped of SKIPPED.keys()) if (!readme.includes(skipped)) fail(`SKIPPED nomme une commande absente du README / not in the README any more: ${skipped}`);

const folder = mkdtempSync(join(tmpdir(), 'sosms-docs-'));
// The documented address is 127.0.0.1:4000; when another program holds that port, the gateway and the commands
// use a free one instead (the only change made to the commands).
const port = await freePort(4000);
const address = (command) => (port === 4000 ? command : command.replaceAll('127.0.0.1:4000', `127.0.0.1:${port}`));
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), DATABASE_URL: join(folder, 'donnees'), PORT: String(port) };
let gateway;

async function startGateway(command) {
  const child = spawn('bash', ['-c', command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} : pas prête en 180 s / not ready in 180 s\n${output}`)), 180_000);
    const check = setInterval(() => {
      if (output.includes('GraphQL gateway ready')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`${command} s'est arrêté / exited (${code})\n${output}`));
    });
  });
  return child;
}

function stopGateway(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 15_000).unref();
  });
}

// One bash session for everything but `npm start`: each command is sent with a marker carrying its exit code.
const shell = spawn('bash', ['--noprofile', '--norc'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
let out = '';
let err = '';
shell.stdout.on('data', (d) => (out += d));
shell.stderr.on('data', (d) => (err += d));
let counter = 0;
function runInShell(command) {
  const marker = `__sosms_docs_${++counter}__`;
  const from = out.length;
  const fromErr = err.length;
  shell.stdin.write(`${command}\necho "${marker}$?"\n`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} : pas fini en 120 s / not done in 120 s\n${err.slice(fromErr)}`)), 120_000);
    const check = setInterval(() => {
      const at = out.indexOf(marker, from);
      const end = at < 0 ? -1 : out.indexOf('\n', at);
      if (end < 0) return;
      clearInterval(check);
      clearTimeout(timer);
      resolve({ code: Number(out.slice(at + marker.length, end)), stdout: out.slice(from, at), stderr: err.slice(fromErr) });
    }, 20);
  });
}

const outputs = new Map();
try {
  for (const command of all) {
    if (SKIPPED.has(command)) {
      console.log(`… ${command} — non lancé / not run: ${SKIPPED.get(command)}`);
      continue;
    }
    const t0 = performance.now();
    if (command === 'npm start') {
      if (!gateway) gateway = await startGateway(address(command));
      console.log(`✓ ${command} (${((performance.now() - t0) / 1000).toFixed(1)} s, en arrière-plan / in the background)`);
      continue;
    }
    const result = await runInShell(address(command));
    outputs.set(command, result);
    if (result.code !== 0) fail(`${command}\n  code ${result.code}\n${result.stdout}${result.stderr}`);
    else console.log(`✓ ${command.split('\n')[0]}${command.includes('\n') ? ' …' : ''} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }

  // What the page promises, checked on what the commands printed and on the API afterwards.
  const find = (start) => [...outputs].find(([c]) => c.startsWith(start))?.[1];
  const validated = find('pnpm sosms validate mon-schema.yaml');
  if (!validated?.stdout.includes('✓ mon-schema.yaml : schéma 48-2024-2028 valide')) fail(`validate : ${validated?.stdout}`);
  if (!find('pnpm sosms import mon-schema.yaml')?.stdout.includes('✓ 48-2024-2028 importé')) fail('import : ✓ attendu / expected');
  const served = find('curl -s http://127.0.0.1:4000/graphql -H \'content-type: application/json\' \\\n  -d \'{"query":"{ scheme(code: \\"48-2024-2028\\") { title');
  if (!served?.stdout.includes('"title":"Schéma départemental des solidarités de la Lozère (modèle)"')) fail(`schéma servi / scheme served: ${served?.stdout}`);
  const recorded = [...outputs].find(([c]) => c.includes('recordMeasurement'))?.[1];
  if (!recorded?.stdout.includes('"recordMeasurement":{"period":"2025","value":57}')) fail(`mesure enregistrée / measurement recorded: ${recorded?.stdout}${recorded?.stderr}`);
  const demo = [...outputs].find(([c]) => c.includes('departments: [\\"92\\"]'))?.[1];
  if (!/"totalCount":[1-9]/.test(demo?.stdout ?? '')) fail(`README : les schémas du 92 / the 92 schemes: ${demo?.stdout}`);
  if (!find('pnpm sosms list')?.stdout.includes('48-2024-2028')) fail('README : list montre le schéma importé / list shows the imported scheme');
  // The widget snippet of the page names the scheme imported and the API served.
  const html = readFileSync(join(root, 'docs/publier-mon-schema.md'), 'utf8').match(/^```html\n([\s\S]*?)^```$/m)?.[1] ?? '';
  if (!html.includes('scheme="48-2024-2028"') || !html.includes('endpoint="http://127.0.0.1:4000/graphql"')) fail(`widget : ${html}`);
  // The measurement is in the gateway's answers, read back anonymously (the scheme is public).
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ scheme(code: "48-2024-2028") { indicators { nodes { measurements { nodes { period value } } } } } }' }),
  });
  const read = JSON.stringify(await response.json());
  if (!read.includes('"period":"2025","value":57')) fail(`mesure relue / measurement read back: ${read}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  shell.stdin.end();
  await stopGateway(gateway);
  for (const file of WRITTEN) rmSync(join(root, file), { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
}
console.log(`${process.exitCode ? '✗' : '✓'} docs : ${all.length} commandes (${all.length - [...SKIPPED.keys()].length} lancées / run) en ${((performance.now() - started) / 1000).toFixed(0)} s`);
