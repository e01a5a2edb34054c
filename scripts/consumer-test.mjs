// The consumer test (issue 10): pack every package as it would be published, install the tarballs with npm into a
// temporary project outside the workspace, and use them there as a developer would — a plain Node ESM script, each
// package README's example verbatim, a strict TypeScript consumer (bundler and node16 resolution), the `sosms`
// command, the gateway mounted under /api/graphql in a bare node:http app, and widgets loaded from the packed dist/
// in Chromium with their integrity hashes. Prints the tarball sizes and the time of each step.
//
//   node scripts/consumer-test.mjs [--keep]     (--keep leaves the temporary project for inspection)
//
// Needs a supported Node (22.18+ or 24: README examples in TypeScript run with Node's own type stripping), pnpm,
// npm with the registry reachable (typescript and @types/node for the consumer, the packages' dependencies), and
// Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'scripts', 'consumer');
const PACKAGES = ['core', 'graphql', 'widgets'];
const keep = process.argv.includes('--keep');
const started = performance.now();
const timings = [];
let failures = 0;

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.log(
    `Test consommateur non lancé : Node ${process.versions.node} n'est pas pris en charge (22.18+ ou 24). ` +
      `/ Consumer test not run: Node ${process.versions.node} is unsupported (22.18+ or 24).`,
  );
  process.exit(0);
}

// npm would read the npm_config_* variables of an enclosing `npm test`; the temporary project gets a clean npm.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function run(cmd, args, cwd, { env = cleanEnv, allowFail = false, input } = {}) {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} (dans ${cwd}) : code ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

async function step(name, fn) {
  const t0 = performance.now();
  try {
    const note = await fn();
    const ms = performance.now() - t0;
    timings.push([name, ms]);
    console.log(`✓ ${name} (${(ms / 1000).toFixed(1)} s)${note ? ` — ${note}` : ''}`);
  } catch (error) {
    failures++;
    timings.push([name, performance.now() - t0]);
    console.log(`✗ ${name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what} : attendu / expected ${e}, obtenu / got ${a}`);
}

/** The fenced code blocks of a Markdown text, in order, with their language. */
function codeBlocks(markdown) {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2], index: m.index }));
}

function waitForPort(port, ms = 180_000) {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => socket.end(resolve));
      socket.once('error', () => (Date.now() > until ? reject(new Error(`port ${port} fermé / closed`)) : setTimeout(attempt, 200)));
    };
    attempt();
  });
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Start `node file` in the project; resolves with the child and its first stdout line once it prints one. */
function startNode(file, cwd, env = cleanEnv) {
  const child = spawn(process.execPath, [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const firstLine = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`${file} s'est arrêté / exited (${code}) : ${stderr}`)));
  });
  return { child, firstLine, stderr: () => stderr };
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

const work = mkdtempSync(join(tmpdir(), 'sosms-consumer-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);
console.log(`Projet consommateur / consumer project: ${app} (Node ${process.versions.node})`);

const sizes = {};
await step('pnpm pack des trois paquets / pack the three packages (prepack builds dist/)', () => {
  for (const name of PACKAGES) run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name), { env: process.env });
  for (const file of readdirSync(tarballs)) sizes[file] = statSync(join(tarballs, file)).size;
  return Object.entries(sizes).map(([f, s]) => `${f} ${(s / 1024).toFixed(0)} Kio`).join(', ');
});

const tarballOf = (name) => {
  const file = readdirSync(tarballs).find((f) => f.startsWith(`sosms-${name}-`) && f.endsWith('.tgz'));
  if (!file) throw new Error(`tarball de @sosms/${name} absent / missing`);
  return `file:../tarballs/${file}`;
};

const corePgVersion = JSON.parse(readFileSync(join(root, 'packages', 'core', 'package.json'), 'utf8')).dependencies.pg;
const graphqlDevDependencies = JSON.parse(readFileSync(join(root, 'packages', 'graphql', 'package.json'), 'utf8')).devDependencies;
await step('npm install des tarballs dans le projet temporaire / npm install the tarballs', () => {
  const manifest = {
    name: 'sosms-consumer',
    private: true,
    type: 'module',
    // pg as the host application's own dependency (the core's version, so one copy): the ESM script checks that
    // the core leaves its parsers alone (issue 10, item 5).
    dependencies: { ...Object.fromEntries(PACKAGES.map((n) => [`@sosms/${n}`, tarballOf(n)])), pg: corePgVersion },
    // The frameworks of the graphql README's examples, at the versions of the gateway's own tests.
    devDependencies: { typescript: '5.9.3', '@types/node': '22.20.7', express: graphqlDevDependencies.express, fastify: graphqlDevDependencies.fastify },
    // The packages name each other by version (0.1.0): these tarballs, never a registry copy.
    overrides: { '@sosms/core': '$@sosms/core', '@sosms/graphql': '$@sosms/graphql' },
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of readdirSync(fixtures)) copyFileSync(join(fixtures, f), join(app, f));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  for (const n of PACKAGES) {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', '@sosms', n, 'package.json'), 'utf8'));
    assert(!JSON.stringify(installed.exports).includes('/src/'), `@sosms/${n} installé pointe vers src/ / points at src/`);
    assert(!existsSync(join(app, 'node_modules', '@sosms', n, 'src')), `@sosms/${n} contient src/ / ships src/`);
    // Item 6 and 7: each package says which Node it supports, and carries the licence's text.
    const readme = readFileSync(join(app, 'node_modules', '@sosms', n, 'README.md'), 'utf8');
    assert(readme.includes('Node 22 ou 24'), `le README de @sosms/${n} ne dit pas les versions de Node prises en charge / README names no Node version`);
    assertEqual(installed.engines?.node, '>=22', `engines de @sosms/${n}`);
    const license = join(app, 'node_modules', '@sosms', n, 'LICENSE');
    assert(existsSync(license) && readFileSync(license, 'utf8').startsWith('EUROPEAN UNION PUBLIC LICENCE v. 1.2'), `@sosms/${n} sans LICENSE EUPL-1.2 / no LICENSE`);
  }
  // Item 4: the widgets ship one file per widget and the full bundle, their declarations, and custom-elements.json
  // naming every widget of dist/ (the manifest editors read, through the package's `customElements` field).
  const widgets = join(app, 'node_modules', '@sosms', 'widgets');
  const widgetsManifest = JSON.parse(readFileSync(join(widgets, 'package.json'), 'utf8'));
  const elements = JSON.parse(readFileSync(join(widgets, widgetsManifest.customElements ?? 'custom-elements.json'), 'utf8'));
  const tags = elements.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName)).sort();
  const perWidget = readdirSync(join(widgets, 'dist')).filter((f) => /^sosms-.*\.js$/.test(f) && f !== 'sosms-widgets.js').map((f) => f.slice(0, -3)).sort();
  assert(perWidget.length >= 9 && existsSync(join(widgets, 'dist', 'sosms-widgets.js')), `dist/ des widgets incomplet / incomplete: ${perWidget}`);
  assertEqual(tags, perWidget, 'custom-elements.json : une balise par fichier de dist/ / one tag per dist file');
  for (const file of ['index.d.ts', 'export.d.ts', 'integrity.json']) assert(existsSync(join(widgets, 'dist', file)), `dist/${file} absent`);
  // The data files a consumer names by package path: the scheme files' JSON Schema, the GraphQL schema.
  const resolve = createRequire(join(app, 'package.json')).resolve;
  for (const file of ['@sosms/core/scheme-file.schema.json', '@sosms/graphql/schema.graphql']) assert(existsSync(resolve(file)), `${file} introuvable / not found`);
  // One copy of each: the graphql and widgets tarballs use the installed core, not a nested one.
  for (const nested of ['@sosms/graphql/node_modules/@sosms/core', '@sosms/widgets/node_modules/@sosms/core', '@sosms/widgets/node_modules/@sosms/graphql']) {
    assert(!existsSync(join(app, 'node_modules', nested)), `copie imbriquée / nested copy: ${nested}`);
  }
});

await step('script Node ESM : store sur un dossier neuf, import d’un fichier, avancement / plain ESM script', () => {
  const { stdout } = run(process.execPath, ['core-script.mjs', join(app, 'donnees'), 'scheme.yaml'], app);
  const result = JSON.parse(stdout.trim().split('\n').at(-1));
  assertEqual(result.engine, 'pglite', 'moteur / engine');
  assertEqual(result.imported, '48-consommateur', 'schéma importé / imported scheme');
  assertEqual(result.first, { code: '48-consommateur', progress: 35, orientations: { 1: 70, 2: 0 } }, 'avancement / progress');
  assertEqual(result.reopened, result.first, 'avancement après réouverture du dossier / after reopening the folder');
  assertEqual(result.hostPgDate, 'Date', 'le pg de l’application lit encore DATE en Date / the host’s pg still parses DATE as a Date');
  return `avancement ${result.first.progress} %, relu après réouverture`;
});

await step('script CommonJS : require() des modules ES (Node 22.12+) / CommonJS script through require(esm)', () => {
  const { stdout } = run(process.execPath, ['require.cjs'], app);
  assertEqual(JSON.parse(stdout.trim().split('\n').at(-1)), { progress: 35, schemes: 1 }, 'résultat / result');
});

await step('README de @sosms/core : l’exemple tel quel / the example verbatim', () => {
  const readme = readFileSync(join(app, 'node_modules', '@sosms', 'core', 'README.md'), 'utf8');
  const blocks = codeBlocks(readme.slice(readme.indexOf('## Example')));
  const example = blocks.find((b) => b.lang === 'ts');
  const printed = blocks[blocks.indexOf(example) + 1];
  assert(example && printed && printed.lang === '', 'exemple ou sortie introuvable dans le README / example or output not found');
  writeFileSync(join(app, 'readme-core.ts'), example.code);
  const { stdout } = run(process.execPath, ['readme-core.ts'], app);
  assertEqual(stdout.trim(), printed.code.trim(), 'sortie de l’exemple / example output');
});

await step('README de @sosms/graphql : l’exemple sans HTTP tel quel / the in-process example verbatim', () => {
  const readme = readFileSync(join(app, 'node_modules', '@sosms', 'graphql', 'README.md'), 'utf8');
  const example = codeBlocks(readme).find((b) => b.lang === 'ts' && b.code.includes('executeQuery('));
  assert(example, 'exemple executeQuery introuvable / not found');
  writeFileSync(join(app, 'readme-graphql.ts'), example.code);
  const { stdout } = run(process.execPath, ['readme-graphql.ts'], app);
  const expected = example.code.match(/console\.log\(data\); \/\/ (.*)$/m)?.[1];
  assert(expected, 'sortie attendue introuvable (commentaire après console.log(data)) / expected output not found');
  const normalize = (s) => s.replace(/\[Object: null prototype\] /g, '').replace(/\s+/g, ' ').trim();
  assertEqual(normalize(stdout), normalize(expected), 'sortie de l’exemple / example output');
});

// The README's three ways of mounting the gateway (item 3), each block run verbatim on the port it names: node:http,
// Express (after express.json()) and Fastify, the frameworks from the registry at the versions the gateway's own
// tests use (test/handler.test.ts).
for (const [framework, marker] of [
  ['node:http', 'http.createServer'],
  ['Express', 'express()'],
  ['Fastify', 'Fastify()'],
]) {
  await step(`README de @sosms/graphql : l’exemple ${framework} tel quel / the ${framework} example verbatim`, async () => {
    const readme = readFileSync(join(app, 'node_modules', '@sosms', 'graphql', 'README.md'), 'utf8');
    const example = codeBlocks(readme).find((b) => b.lang === 'ts' && b.code.includes(marker));
    if (!example) throw new Error(`exemple ${framework} introuvable / not found`);
    const port = Number(example.code.match(/\.listen\((?:\{ port: )?(\d+)/)?.[1]);
    assert(port, 'port de l’exemple introuvable / port not found');
    if (await portInUse(port)) throw new Error(`le port ${port} de l'exemple est déjà pris sur cette machine / port already in use`);
    const file = `readme-${framework.replace(/\W/g, '').toLowerCase()}.ts`;
    writeFileSync(join(app, file), example.code);
    const { DATABASE_URL: _omitted, ...env } = cleanEnv;
    const child = spawn(process.execPath, [file], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      await waitForPort(port);
      const base = `http://127.0.0.1:${port}`;
      const response = await fetch(`${base}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://www.exemple.fr' },
        body: JSON.stringify({ query: '{ schemes { totalCount } }' }),
      });
      assertEqual(response.status, 200, `statut / status (${stderr})`);
      assertEqual(await response.json(), { data: { schemes: { totalCount: 0 } } }, 'réponse / answer');
      assert(response.headers.get('access-control-allow-origin'), 'CORS absent');
      const get = await fetch(`${base}/api/graphql?query=${encodeURIComponent('{ schemes { totalCount } }')}`);
      assertEqual([get.status, await get.json()], [200, { data: { schemes: { totalCount: 0 } } }], 'GET');
      assertEqual((await fetch(`${base}/ailleurs`)).status, 404, 'hors de /api/graphql / elsewhere');
    } finally {
      await stop(child);
    }
  });
}

await step('TypeScript strict contre les types livrés (bundler, node16) / strict TypeScript against the shipped types', () => {
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json', 'tsconfig.node10.json']) {
    const result = run(process.execPath, [tsc, '-p', config], app, { allowFail: true });
    if (result.status !== 0) throw new Error(`tsc -p ${config} :\n${result.stdout}${result.stderr}`);
  }
  // The same consumer with one more wrong call must fail: the check above can fail.
  const broken = readFileSync(join(app, 'consumer.ts'), 'utf8') + "\nexport const wrongly = createStore({ migrate: 'oui' });\n";
  writeFileSync(join(app, 'consumer.ts'), broken);
  const result = run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], app, { allowFail: true });
  writeFileSync(join(app, 'consumer.ts'), readFileSync(join(fixtures, 'consumer.ts'), 'utf8'));
  assert(result.status !== 0 && /TS2322|TS2769|TS2345/.test(result.stdout), `une option du mauvais type doit être refusée / a wrong option type must be refused:\n${result.stdout}`);
  return 'moduleResolution bundler et node16 (strict, exactOptionalPropertyTypes, skipLibCheck false), node10 (module commonjs)';
});

// Item 2 of issue 10: the CLI as an installed command, from the packed tarball (bin/sosms.js runs dist/cli.js).
const coreManifest = JSON.parse(readFileSync(join(app, 'node_modules', '@sosms', 'core', 'package.json'), 'utf8'));
await step('npx sosms --help, --version, validate --json', () => {
  assert(coreManifest.bin?.sosms, 'pas de bin `sosms` dans @sosms/core / no `sosms` bin');
  const help = run('npx', ['--no-install', 'sosms', '--help'], app);
  assert(help.stdout.includes('Usage : sosms <commande>') && help.stdout.includes('--database'), `aide / help: ${help.stdout}`);
  const helpEn = run('npx', ['--no-install', 'sosms', 'help', '--lang', 'en'], app);
  assert(helpEn.stdout.includes('Usage: sosms <command>'), `aide en anglais / English help: ${helpEn.stdout}`);
  assertEqual(run('npx', ['--no-install', 'sosms', '--version'], app).stdout.trim(), coreManifest.version, 'version');
  const ok = run('npx', ['--no-install', 'sosms', 'validate', 'scheme.yaml', '--json'], app, { allowFail: true });
  assertEqual(ok.status, 0, `sosms validate scheme.yaml (${ok.stdout}${ok.stderr})`);
  assertEqual(JSON.parse(ok.stdout), { ok: true, database: null, files: [{ file: 'scheme.yaml', ok: true, scheme: '48-consommateur' }] }, 'validate --json');
  writeFileSync(join(app, 'mauvais.yaml'), readFileSync(join(app, 'scheme.yaml'), 'utf8').replace('start: 2024', "start: 'deux mille'"));
  const bad = run('npx', ['--no-install', 'sosms', 'validate', 'mauvais.yaml', '--json'], app, { allowFail: true });
  assertEqual(bad.status, 1, `sosms validate mauvais.yaml (${bad.stdout}${bad.stderr})`);
  const refused = JSON.parse(bad.stdout);
  assert(refused.ok === false && refused.files[0].issues.some((i) => i.path.startsWith('scheme.period')), `l'erreur nomme le champ / the error names the field: ${bad.stdout}`);
  const french = run('npx', ['--no-install', 'sosms', 'validate', 'mauvais.yaml'], app, { allowFail: true });
  assert(french.status === 1 && /scheme\.period\.start/.test(french.stderr) && !/\n\s+at /.test(french.stderr), `message en français, sans pile / French message, no stack: ${french.stderr}`);
});

// "Bad input" of issue 10: an unsupported Node gets a clear message when the command starts and when a store opens.
// Run on the machine's older Node (SOSMS_CONSUMER_OLD_NODE, else /usr/bin/node when it is older than 22), and on
// this one, which must say nothing.
await step('Node non pris en charge : message au démarrage / unsupported Node: a message at start', () => {
  const warning = /Node (\S+) n'est pas pris en charge ; installez Node 22 ou 24/g;
  const once = (stderr) => [...stderr.matchAll(warning)].map((m) => m[1]);
  const sosmsBin = join(app, 'node_modules', '.bin', 'sosms');
  const current = run(process.execPath, ['old-node.mjs'], app);
  assertEqual(current.stdout.trim(), 'ok', `Node ${process.versions.node}`);
  assert(!current.stderr.includes('SOSMS_UNSUPPORTED_NODE') && once(current.stderr).length === 0, `avertissement sur un Node pris en charge / warning on a supported Node: ${current.stderr}`);
  const candidate = process.env.SOSMS_CONSUMER_OLD_NODE ?? '/usr/bin/node';
  const oldVersion = existsSync(candidate) ? run(candidate, ['-p', 'process.versions.node'], app, { allowFail: true }).stdout.trim() : '';
  if (!oldVersion || Number(oldVersion.split('.')[0]) >= 22) return `aucun Node < 22 ici (${candidate}) : seul Node ${process.versions.node} vérifié / no older Node here`;
  const help = run(candidate, [sosmsBin, '--help'], app, { allowFail: true });
  assert(help.stdout.includes('Usage : sosms <commande>'), `sosms --help sur Node ${oldVersion} : ${help.stdout}${help.stderr}`);
  assertEqual(once(help.stderr), [oldVersion], `sosms --help sur Node ${oldVersion}, message une fois / once (${help.stderr})`);
  assert(help.stderr.includes(`Node ${oldVersion} is not supported`), `message en anglais / English message: ${help.stderr}`);
  const json = run(candidate, [sosmsBin, 'validate', 'scheme.yaml', '--json'], app, { allowFail: true });
  // On an unsupported Node the command may partly work (the message says so): what is checked is the message, and
  // that scripts still read one JSON document on stdout. CI once saw `ok: false` here, never reproduced: the
  // document is printed when it happens.
  let document;
  try {
    document = JSON.parse(json.stdout);
  } catch {
    document = undefined;
  }
  assertEqual(typeof document?.ok, 'boolean', `validate --json sur Node ${oldVersion} : la sortie reste du JSON / stdout stays JSON (${json.stdout} ${json.stderr})`);
  if (document.ok !== true) process.stdout.write(`  note : validate --json sur Node ${oldVersion} : ${json.stdout.trim()} ${json.stderr.trim()}\n`);
  assertEqual(once(json.stderr), [oldVersion], `validate --json sur Node ${oldVersion}`);
  // The command opens a store too: still one message (bin/sosms.js and createStore share a flag).
  const list = run(candidate, [sosmsBin, 'list', '--json', '--database', 'memory://'], app, { allowFail: true });
  assertEqual(once(list.stderr), [oldVersion], `list sur Node ${oldVersion} (${list.stdout}${list.stderr})`);
  const library = run(candidate, ['old-node.mjs'], app, { allowFail: true });
  assertEqual(library.stdout.trim(), 'ok', `createStore sur Node ${oldVersion} (${library.stderr})`);
  assertEqual(once(library.stderr), [oldVersion], `createStore sur Node ${oldVersion}, message une fois / once (${library.stderr})`);
  assert(library.stderr.includes('SOSMS_UNSUPPORTED_NODE'), `code de l’avertissement / warning code: ${library.stderr}`);
  return `Node ${oldVersion} : sosms --help, validate --json, list et createStore le disent une fois`;
});

await step('README de @sosms/core : la ligne de commande telle quelle / the command-line example verbatim', () => {
  const readme = readFileSync(join(app, 'node_modules', '@sosms', 'core', 'README.md'), 'utf8');
  const blocks = codeBlocks(readme.slice(readme.indexOf('## Command line')));
  const file = blocks.find((b) => b.lang === 'yaml');
  const commands = blocks.find((b) => b.lang === 'sh');
  const printed = blocks[blocks.indexOf(commands) + 1];
  assert(file && commands && printed?.lang === '', 'fichier, commandes ou sortie introuvables dans le README / file, commands or output not found');
  const folder = mkdtempSync(join(work, 'readme-cli-'));
  writeFileSync(join(folder, 'mon-schema.yaml'), file.code);
  // Each line as a shell runs it, in a folder of its own beside the installed project (npx finds its bin).
  symlinkSync(join(app, 'node_modules'), join(folder, 'node_modules'));
  let stdout = '';
  for (const line of commands.code.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))) {
    // npm_config_yes=false: npx never fetches a registry package of that name if the installed bin were missing.
    const result = run('sh', ['-c', line], folder, { allowFail: true, env: { ...cleanEnv, npm_config_yes: 'false' } });
    assertEqual(result.status, 0, `${line} (${result.stderr})`);
    stdout += result.stdout;
  }
  assertEqual(stdout.trim(), printed.code.trim(), 'sortie des commandes / output of the commands');
});

// The gateway app stays up for the browser step: the full bundle reads it cross-origin.
let gateway;
let gatewayPort;
await step('passerelle montée sous /api/graphql dans une app node:http / gateway mounted under /api/graphql', async () => {
  gateway = startNode('gateway-app.mjs', app);
  gatewayPort = JSON.parse(await gateway.firstLine).port;
  const base = `http://127.0.0.1:${gatewayPort}`;
  assertEqual(await (await fetch(`${base}/`)).text(), 'application hôte', 'route de l’app / app route');
  const response = await fetch(`${base}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://www.exemple.fr' },
    body: JSON.stringify({ query: '{ scheme(code: "48-2018-2022") { code title } schemes { totalCount } }' }),
  });
  assertEqual(response.status, 200, 'statut / status');
  assert(response.headers.get('access-control-allow-origin'), 'CORS absent');
  const { data } = await response.json();
  assertEqual(data.schemes.totalCount, 5, 'les cinq schémas réels / the five real schemes');
  assertEqual(data.scheme.code, '48-2018-2022', 'schéma / scheme');
  const get = await fetch(`${base}/api/graphql?query=${encodeURIComponent('{ schemes { totalCount } }')}`);
  assertEqual(get.status, 200, 'GET');
  assertEqual((await fetch(`${base}/graphql`)).status, 404, '/graphql hors du préfixe / outside the prefix');
  assertEqual((await fetch(`${base}/autre`)).status, 404, 'autre route / other route');
});

await step('@sosms/widgets/export : fichier statique des widgets / static widget file', () => {
  mkdirSync(join(app, 'public'));
  run(process.execPath, ['export-json.mjs', '48-2018-2022', join(app, 'public', '48.json')], app);
  const json = JSON.parse(readFileSync(join(app, 'public', '48.json'), 'utf8'));
  assert(Object.keys(json).length > 0, 'fichier vide / empty file');
  return `${Object.keys(json).length} requêtes`;
});

await step('Chromium : widgets depuis le dist/ empaqueté, avec leur intégrité / widgets from the packed dist/ with SRI', async () => {
  const dist = join(app, 'node_modules', '@sosms', 'widgets', 'dist');
  const integrity = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
  const readme = readFileSync(join(app, 'node_modules', '@sosms', 'widgets', 'README.md'), 'utf8');
  const sri = readme.slice(readme.indexOf('<!-- sri:begin -->'), readme.indexOf('<!-- sri:end -->'));
  const snippet = codeBlocks(sri).find((b) => b.lang === 'html')?.code;
  assert(snippet, "extrait d'intégration avec integrity introuvable dans le README / embed snippet not found");
  assert(snippet.includes(integrity['sosms-widgets.js']), 'le README ne montre pas l’empreinte du dist/ livré / README hash differs from the shipped file');
  // The README's snippet verbatim, but for where the file and the API are.
  const full = snippet
    .replace(/src="[^"]*\/dist\/sosms-widgets\.js"/, 'src="/node_modules/@sosms/widgets/dist/sosms-widgets.js"')
    .replace(/endpoint="[^"]*"/, `endpoint="http://127.0.0.1:${gatewayPort}/api/graphql"`);
  const page = (body) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>consommateur</title></head><body>${body}</body></html>`;
  writeFileSync(join(app, 'public', 'full.html'), page(full));
  writeFileSync(
    join(app, 'public', 'single.html'),
    page(`<script type="module" src="/node_modules/@sosms/widgets/dist/sosms-progress.js" integrity="${integrity['sosms-progress.js']}" crossorigin="anonymous"></script>
<sosms-progress src="/public/48.json" scheme="48-2018-2022"></sosms-progress>`),
  );
  const tampered = integrity['sosms-progress.js'].replace(/^sha384-./, (m) => (m.endsWith('A') ? 'sha384-B' : 'sha384-A'));
  writeFileSync(
    join(app, 'public', 'tampered.html'),
    page(`<script type="module" src="/node_modules/@sosms/widgets/dist/sosms-progress.js" integrity="${tampered}" crossorigin="anonymous"></script>
<sosms-progress src="/public/48.json" scheme="48-2018-2022"></sosms-progress>`),
  );
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' };
  const files = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(app, path);
    if (!file.startsWith(app) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${files.address().port}`;
  const require = createRequire(join(root, 'packages', 'widgets', 'package.json'));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const title = 'Schéma départemental unique des solidarités 2018-2022';
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${base}/public/full.html`);
    await tab.getByRole('heading', { name: title }).waitFor({ timeout: 30_000 });
    assert(await tab.evaluate(() => customElements.get('sosms-progress') !== undefined), 'le paquet complet définit tous les widgets / full bundle defines every widget');
    assertEqual(errors, [], 'erreurs de la page / page errors');

    await tab.goto(`${base}/public/single.html`);
    await tab.getByRole('progressbar').first().waitFor({ timeout: 30_000 });
    assert(await tab.evaluate(() => customElements.get('sosms-scheme') === undefined), 'un seul widget dans sosms-progress.js / one widget only');

    const blocked = [];
    tab.on('console', (m) => m.type() === 'error' && blocked.push(m.text()));
    await tab.goto(`${base}/public/tampered.html`);
    await tab.waitForTimeout(1_000);
    assert(await tab.evaluate(() => customElements.get('sosms-progress') === undefined), 'un fichier dont l’empreinte diffère doit être refusé / a file whose hash differs must be refused');
    assert(blocked.some((t) => /integrity/i.test(t)), `Chromium n'a pas signalé l'intégrité / no integrity report: ${blocked.join(' | ')}`);
  } finally {
    await browser.close();
    files.close();
  }
});

if (gateway) {
  const code = await stop(gateway.child);
  if (code !== 0 && code !== null) console.log(`(passerelle arrêtée avec / gateway stopped with ${code}: ${gateway.stderr()})`);
}

const total = (performance.now() - started) / 1000;
console.log('\nMesures / measurements:');
for (const [file, size] of Object.entries(sizes)) console.log(`  ${file.padEnd(28)} ${String(size).padStart(9)} octets`);
for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
console.log(`  ${total.toFixed(1).padStart(6)} s  total`);
if (keep) console.log(`Projet gardé / kept: ${app}`);
else rmSync(work, { recursive: true, force: true });
const passed = timings.length - failures;
console.log(`consumer: ${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
