import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { listAuditEntries } from '../access/audit.repository.ts';
import { createStore } from '../database/store.ts';
import { createTestDatabase, ENGINES } from '../testing/engines.ts';
import { runCli } from './main.ts';
import { fixtureScheme, fixtureSchemeYaml } from './test-fixture.ts';

const TABLES = ['partner', 'scheme', 'district', 'orientation', 'action', 'action_partner', 'action_update', 'indicator', 'measurement', 'governing_body', 'phase', 'consultation_event', 'proposal'] as const;

function collector() {
  let text = '';
  return { write: (chunk: string) => ((text += chunk), true), text: () => text };
}

const work = mkdtempSync(join(tmpdir(), 'sosms-cli-'));
const file = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(work, name), content);
  return name;
};

// Never the checkout's own `.data/sosms`: by default a folder that does not exist (validate checks files alone).
async function cli(args: readonly string[], env: Record<string, string | undefined> = { DATABASE_URL: join(work, 'no-database') }) {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, { stdout, stderr, env, cwd: work });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The bad inputs of the issue: each must exit 1, say why, and leave the database as it was. */
interface BadCase {
  name: string;
  args: (f: string) => string[];
  expected: (string | RegExp)[];
  /** Checked against the stored schemes only: not by a `validate` without a database. */
  database?: true;
}

function badCases(): { name: string; args: () => string[]; expected: (string | RegExp)[]; database?: true }[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data edited in place
  const bad = (mutate: (s: Record<string, any>) => void) => {
    const scheme = fixtureScheme();
    mutate(scheme);
    return YAML.stringify(scheme);
  };
  const cases: BadCase[] = [
    {
      name: 'YAML syntax error (line and column)',
      args: (f) => ['import', f],
      expected: [/ligne \d+, colonne \d+ : syntaxe YAML invalide/, 'Rien n’a été importé.'],
    },
    {
      name: 'schema error with its path, in French',
      args: (f) => ['import', f],
      expected: ['orientations[1].actions[3].startDate : date attendue au format AAAA-MM-JJ'],
    },
    {
      name: 'schema error with its path, in English',
      args: (f) => ['import', f, '--lang', 'en'],
      expected: ['orientations[1].actions[3].startDate: expected a date as YYYY-MM-DD', 'Nothing was imported.'],
    },
    { name: 'unknown partner', args: (f) => ['import', f], expected: ['orientations[0].actions[0].pilot : partenaire inconnu : caf-99'] },
    { name: 'unknown territory', args: (f) => ['import', f], expected: ['orientations[0].actions[0].territories[1] : territoire inconnu : sst-42'] },
    { name: 'unknown official territory', args: (f) => ['import', f], expected: ['orientations[0].actions[0].territories[0] : territoire inconnu : dep:99'] },
    { name: 'duplicate codes', args: (f) => ['import', f], expected: [/orientations\[1\]\.actions\[1\]\.code : code en double : 2\.1/] },
    { name: 'end date before start', args: (f) => ['import', f], expected: ['orientations[0].actions[0].endDate : la date de fin précède la date de début'] },
    { name: 'non-UTF-8 file', args: (f) => ['import', f], expected: [/ligne 1 : le fichier n'est pas encodé en UTF-8/] },
    { name: 'a lifecycle step back (in force → draft)', args: (f) => ['import', f], expected: ['scheme.status : changement de statut impossible', 'En vigueur → Brouillon', 'Rien n’a été importé.'], database: true },
    { name: 'an unknown predecessor', args: (f) => ['import', f], expected: ['scheme.predecessors[0] : schéma précédent inconnu : 92-1990-1994'], database: true },
  ];
  return cases.map((c, i) => {
    const contents = [
      fixtureSchemeYaml().replace("period: { start: 2024, end: 2028 }", 'period: { start: 2024, end: 2028'),
      bad((s) => (s.orientations[1].actions[3].startDate = '01/01/2025')),
      bad((s) => (s.orientations[1].actions[3].startDate = '01/01/2025')),
      bad((s) => (s.orientations[0].actions[0].pilot = 'caf-99')),
      bad((s) => (s.orientations[0].actions[0].territories = ['dep:92', 'sst-42'])),
      bad((s) => (s.orientations[0].actions[0].territories = ['dep:99'])),
      bad((s) => (s.orientations[1].actions[1].code = '2.1')),
      bad((s) => (s.orientations[0].actions[0].endDate = '2023-12-31')),
      Buffer.from(fixtureSchemeYaml(), 'latin1'),
      bad((s) => (s.scheme.status = 'draft')),
      bad((s) => (s.scheme.predecessors = ['92-1990-1994'])),
    ][i]!;
    const name = file(`bad-${i}.yaml`, contents);
    return { ...c, args: () => c.args(name) };
  });
}

describe('command line without a database', () => {
  it('prints the help in French, or in English', async () => {
    const fr = await cli(['--help']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Usage : sosms <commande>');
    expect((await cli(['--help', '--lang', 'en'])).stdout).toContain('Usage: sosms <command>');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('commande inconnue : frobnicate') });
    expect((await cli(['list', '--nope'])).code).toBe(2);
    expect((await cli(['validate'])).code).toBe(2);
    expect((await cli(['validate', 'x.yaml', '--lang', 'de'])).code).toBe(2);
    expect((await cli(['export', 'x', '--format', 'xml'])).code).toBe(2);
    expect((await cli(['import-sheet', 'x.csv'])).code).toBe(2);
  });

  it('validates files: 0 when valid, 1 with every error listed', async () => {
    const ok = await cli(['validate', file('ok.yaml', fixtureSchemeYaml())]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('✓ ok.yaml : schéma test-92-78 valide (2 orientations, 5 actions, 1 indicateur)') });
    const cases = badCases().filter((c) => !c.database);
    const bad = await cli(['validate', ...cases.map((c) => c.args()[1]!)]);
    expect(bad.code).toBe(1);
    for (const c of cases.filter((c) => !c.args().includes('en'))) for (const e of c.expected.filter((e) => e !== 'Rien n’a été importé.')) expect(bad.stderr).toMatch(e);
  });

  it('prints its version, takes options anywhere, and answers --json', async () => {
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}\n` });
    const json = await cli(['validate', '--json', file('json.yaml', fixtureSchemeYaml()), '--lang', 'en']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, database: null, files: [{ file: 'json.yaml', ok: true, scheme: 'test-92-78' }] });
    expect(json.stderr).toContain('Checking the file alone');
  });

  it('runs as the installed command (bin/sosms.js), and never prints a stack trace', () => {
    const bin = fileURLToPath(new URL('../../bin/sosms.js', import.meta.url));
    // A bounded wait: a child that never ends fails the test instead of hanging the whole file.
    const options = { encoding: 'utf8' as const, timeout: 45_000, stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };
    const help = spawnSync(process.execPath, [bin, '--help', '--lang', 'en'], options);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: sosms <command>');
    // An unexpected failure (here the file system): one sentence in both languages, exit 1, no stack. Under
    // /proc, Node 20's recursive mkdir spun for ever (the CLI creates folders level by level: shared/directory.ts).
    const broken = spawnSync(process.execPath, [bin, 'template', '--output', '/proc/sosms-nope/modele.xlsx'], options);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('Erreur inattendue');
    expect(broken.stderr).toContain('Unexpected error');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it.runIf(existsSync('/proc/self/stat'))('stops when its launcher is killed with -9 (pnpm sosms → sh -c → node): the import rolls back instead of running on', async () => {
    const bin = fileURLToPath(new URL('../../bin/sosms.js', import.meta.url));
    const schemes = fileURLToPath(new URL('../../data/schemes/', import.meta.url));
    const files = readdirSync(schemes).map((f) => `"${join(schemes, f)}"`).join(' ');
    const folder = join(work, 'launcher-db');
    // `; true` keeps sh from replacing itself with node: sh stands for pnpm's `sh -c` between them.
    const launcher = spawn('/bin/sh', ['-c', `"${process.execPath}" "${bin}" import ${files} --database "${folder}"; true`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SOSMS_DEMO: '0' } });
    let stderr = '';
    launcher.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const alive = (pid: number) => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
      } catch {
        return false;
      }
    };
    const worker = () =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .map(Number)
        .find((pid) => {
          try {
            return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1] === String(launcher.pid);
          } catch {
            return false;
          }
        });
    const until = async (condition: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return condition();
    };
    let pid: number | undefined;
    try {
      // The first progress line: the import is writing, in its one transaction.
      expect(await until(() => /Import de \S+ : \d+\/\d+/.test(stderr), 60_000), stderr).toBe(true);
      pid = worker();
      expect(pid).toBeDefined();
      launcher.kill('SIGKILL');
      expect(await until(() => !alive(pid!), 30_000), 'the CLI ran on after its launcher was killed').toBe(true);
      expect(stderr).toContain('Interrupted (launcher gone)');
      expect(stderr).toContain('Import interrompu : rien n’a été importé.');
      const store = await createStore({ location: folder, migrate: false });
      try {
        expect(await store.db.selectFrom('scheme').select('code').execute()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 120_000);

  it('says what is wrong with a command line in one French sentence (English with --lang en), exit 2', async () => {
    const unknown = await cli(['import', 'x.yaml', '--jsn']);
    expect(unknown).toMatchObject({ code: 2, stderr: 'option inconnue : --jsn (vouliez-vous dire --json ?)\nAide : sosms --help\n' });
    expect((await cli(['list', '--lang', 'en', '--nope'])).stderr).toBe('unknown option: --nope\nHelp: sosms --help --lang en\n');
    expect((await cli(['list', '--database'])).stderr).toContain('l’option --database attend une valeur');
    expect((await cli(['lsit'])).stderr).toContain('commande inconnue : lsit (vouliez-vous dire list ?)');
    expect((await cli(['export', '--lang', 'en'])).stderr).toContain('export: give one scheme code\nHelp:');
  });

  it('refuses a data folder it cannot use with exit 1 and one sentence, creating nothing', async () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'pas une base');
    const plain = file('plain.txt', 'un fichier');
    const corrupted = join(work, 'corrupted');
    mkdirSync(corrupted);
    writeFileSync(join(corrupted, 'PG_VERSION'), '17\n');
    for (const [database, fr, en] of [
      [foreign, 'n’est pas un dossier de données sosms', 'is not a sosms data folder'],
      [join(work, plain), 'n’est pas un dossier', 'is not a folder'],
      [join(work, plain, 'sub'), 'ne peut pas être créé (ENOTDIR)', 'cannot be created (ENOTDIR)'],
      ['/proc/sosms-nope/data', 'ne peut pas être créé (ENOENT)', 'cannot be created (ENOENT)'],
      [corrupted, 'ne s’ouvre pas', 'does not open'],
    ] as const) {
      const refused = await cli(['list', '--database', database]);
      expect(refused.code, database).toBe(1);
      expect(refused.stderr, database).toContain(fr);
      expect(refused.stderr, database).not.toMatch(/\n\s+at /);
      expect((await cli(['--lang', 'en', 'list', '--database', database])).stderr, database).toContain(en);
    }
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
    expect(readdirSync(corrupted).sort()).toEqual(['PG_VERSION']);
  }, 120_000);

  it('refuses, naming the process in French or English, a held folder it cannot reach through a gateway', async () => {
    // This test's own process stands for the live holder (a CLI import, a gateway not ready or gone silent).
    const held = join(work, 'held');
    mkdirSync(held);
    const lock = (extra: Record<string, unknown>) =>
      writeFileSync(join(held, 'sosms.lock'), `${JSON.stringify({ pid: process.pid, hostname: hostname(), holder: 'sosms import', startedAt: '2026-12-02T10:00:00.000Z', ...extra })}\n`);
    const cases = [
      { lock: {}, fr: 'Ce processus n’accepte pas de commandes (ce n’est pas une passerelle prête) : rien n’a été écrit.', en: 'That process takes no commands (it is not a ready gateway): nothing was written.' },
      { lock: { holder: 'passerelle GraphQL (npm start)', url: 'http://127.0.0.1:9' }, fr: 'La clé d’opérateur', en: 'The operator key' },
    ];
    for (const c of cases) {
      lock(c.lock);
      for (const command of [['import', 'absent.yaml'], ['list'], ['token', 'list']]) {
        const fr = await cli([...command, '--database', held]);
        expect(fr.code, command.join(' ')).toBe(1);
        expect(fr.stderr).toContain(`Le dossier de données ${held} est ouvert par un autre processus : ${(c.lock as { holder?: string }).holder ?? 'sosms import'} (PID ${process.pid})`);
        expect(fr.stderr).toContain(`kill ${process.pid}`);
        expect(fr.stderr).toContain(c.fr);
        const en = await cli([...command, '--database', held, '--lang', 'en']);
        expect(en.code).toBe(1);
        expect(en.stderr).toContain(`The data folder ${held} is open in another process`);
        expect(en.stderr).toContain(`(PID ${process.pid})`);
        expect(en.stderr).toContain(c.en);
      }
    }
    // A gateway whose key the CLI can read but which does not answer.
    writeFileSync(join(held, 'operator.json'), `${JSON.stringify({ secret: 'x'.repeat(43) })}\n`, { mode: 0o600 });
    const silent = await cli(['list', '--database', held]);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain(`(PID ${process.pid})`);
    expect(silent.stderr).toContain('La passerelle ne répond pas à http://127.0.0.1:9');
    expect((await cli(['list', '--database', held, '--lang', 'en'])).stderr).toContain('The gateway does not answer at http://127.0.0.1:9');
    // Nothing was written beside the lock and the key.
    expect(readdirSync(held).sort()).toEqual(['operator.json', 'sosms.lock']);
  });

  it('refuses a missing file before opening the store: exit 1, nothing created', async () => {
    const fresh = join(work, 'never-created');
    const missing = await cli(['import', 'absent.yaml', '--database', fresh]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/absent\.yaml/);
    expect(missing.stderr).toContain('Rien n’a été importé.');
    expect(existsSync(fresh)).toBe(false);
  });

  it('writes the XLSX template', async () => {
    const result = await cli(['template', '--output', 'modele.xlsx']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(work, 'modele.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

for (const engine of ENGINES) {
  describe(`command line on ${engine}`, () => {
    let location: string;
    let database: string[];
    let env: Record<string, string | undefined>;
    let drop: () => Promise<void> = async () => {};

    beforeAll(async () => {
      if (engine === 'pglite') {
        location = mkdtempSync(join(tmpdir(), 'sosms-cli-data-'));
        database = [];
        env = { DATABASE_URL: location };
      } else {
        const created = await createTestDatabase('sosms_cli');
        location = created.url;
        database = ['--database', location];
        env = {};
        drop = created.drop;
      }
    });
    afterAll(() => drop());

    /** Row counts of every table and the sum of measurement revisions: any write changes it. */
    async function fingerprint(): Promise<Record<string, number>> {
      const store = await createStore({ location });
      try {
        const counts: Record<string, number> = {};
        for (const table of TABLES) {
          const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
          counts[table] = Number(row.rows[0]!.n);
        }
        return counts;
      } finally {
        await store.close();
      }
    }

    const run = (args: readonly string[]) => cli([...args, ...database], env);

    it('imports a scheme file with progress on stderr', async () => {
      const result = await run(['import', file('scheme.yaml', fixtureSchemeYaml())]);
      expect(result.stderr).toMatch(/Import de test-92-78 : \d+\/\d+ éléments/);
      // 2 partners, the scheme and its district, 2 orientations, 5 actions, 1 indicator, 2 measurements.
      expect(result.stderr).toContain('Import de test-92-78 : 14/14 éléments');
      expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('✓ test-92-78 importé') });
      expect((await fingerprint()).action).toBe(5);
      // Audited through the core command: the operator's label, nothing before, the stored scheme after.
      const store = await createStore({ location });
      try {
        const [entry] = await listAuditEntries(store.db, { entityType: 'Scheme', limit: 1 });
        expect(entry).toMatchObject({ operation: 'scheme-file:import', outcome: 'done', before: null, tokenLabel: expect.stringMatching(/^sosms import \(/) });
        expect((entry!.after as { scheme: { code: string } }).scheme.code).toBe('test-92-78');
      } finally {
        await store.close();
      }
    }, 240_000); // the first open of an on-disk PGlite creates and migrates it: slow on a busy 2-core machine

    it('refuses every bad input with exit code 1 and writes nothing', async () => {
      const before = await fingerprint();
      for (const c of badCases()) {
        const result = await run(c.args());
        expect(result.code, c.name).toBe(1);
        for (const e of c.expected) expect(result.stderr, c.name).toMatch(e);
      }
      expect(await fingerprint()).toEqual(before);
    }, 240_000); // eleven runs, each opening the on-disk PGlite

    it('round trip: export, re-import, nothing changes', async () => {
      const before = await fingerprint();
      const exported = await run(['export', 'test-92-78', '--output', 'exported.yaml']);
      expect(exported.code).toBe(0);
      const again = await run(['import', 'exported.yaml']);
      expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining(' 0 créés, 0 mis à jour') });
      expect(await fingerprint()).toEqual(before);
      const second = await run(['export', 'test-92-78']);
      expect(second.stdout).toBe(readFileSync(join(work, 'exported.yaml'), 'utf8'));
      const json = await run(['export', 'test-92-78', '--format', 'json']);
      expect(JSON.parse(json.stdout)).toEqual(YAML.parse(second.stdout));
      expect(await run(['export', 'nope'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Schéma inconnu : nope') });
    }, 240_000); // five runs and two fingerprints, each opening the on-disk PGlite: 14 s beside another test file, 30 s on a busier machine

    it('validates against the database: partners it holds, duplicates members as errors with their paths', async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data edited in place
      const scheme = fixtureScheme('uses-stored-partners') as Record<string, any>;
      delete scheme.partners; // cd-92 and caf-92 are in the database since the first import
      scheme.governingBodies = [{ code: 'copil', kind: 'copil', name: 'COPIL', members: [{ partner: 'cd-92' }] }];
      const ok = await run(['validate', file('stored.yaml', YAML.stringify(scheme))]);
      expect(ok, ok.stderr).toMatchObject({ code: 0 });
      expect(ok.stderr).toContain('Vérification avec la base');
      expect(ok.stderr).not.toContain('la base la base');
      // The stored schemes too, as the import checks them: a predecessor that is not there, a step back in the lifecycle.
      const back = fixtureScheme() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data edited in place
      back.scheme.status = 'draft';
      back.scheme.predecessors = ['92-1990-1994'];
      const refused = await run(['validate', file('back.yaml', YAML.stringify(back))]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('scheme.status : changement de statut impossible');
      expect(refused.stderr).toContain('En vigueur → Brouillon');
      expect(refused.stderr).toContain('scheme.predecessors[0] : schéma précédent inconnu : 92-1990-1994');
      // A refusal whose one issue is its message says it once, with its path.
      const kind = await run(['report', 'test-92-78', '--kind', 'copli', '--output', 'copli.html']);
      expect(kind.code).toBe(1);
      expect(kind.stderr.match(/Type de rapport inconnu/g)).toHaveLength(1);
      expect(kind.stderr).toContain('kind : Type de rapport inconnu');
      scheme.governingBodies[0].members.push({ partner: 'cd-92', role: 'présidence' });
      const before = await fingerprint();
      for (const command of ['validate', 'import']) {
        const twice = await run([command, file('twice.yaml', YAML.stringify(scheme))]);
        expect(twice.code, command).toBe(1);
        expect(twice.stderr, command).toContain('governingBodies[0].members[1].partner : membre en double : cd-92 déjà en members[0]');
        expect(twice.stderr, command).not.toMatch(/at .*\.ts:\d+|body_member_pkey/);
      }
      expect(await fingerprint()).toEqual(before);
      // Without a database the same file is checked alone, and says so.
      const alone = await cli(['validate', 'stored.yaml'], { DATABASE_URL: join(work, 'nothing-here') });
      expect(alone.code).toBe(1);
      expect(alone.stderr).toContain('Vérification du fichier seul');
      expect(alone.stderr).toContain('partenaire inconnu : cd-92');
    }, 240_000);

    it('reports a database refusal that validation did not foresee with the file and one sentence, writing nothing', async () => {
      // A constraint the validation does not know stands for any the database would raise: the file passes
      // validate, then the write is refused by the database.
      const store = await createStore({ location });
      try {
        await sql`alter table partner add constraint test_refused_name check (name <> 'Refusé par la base')`.execute(store.db);
      } finally {
        await store.close();
      }
      try {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data edited in place
        const scheme = fixtureScheme('db-refusal') as Record<string, any>;
        scheme.partners.push({ code: 'asso-refusee', name: 'Refusé par la base', kind: 'association' });
        const name = file('db-refusal.yaml', YAML.stringify(scheme));
        expect(await run(['validate', name])).toMatchObject({ code: 0 });
        const before = await fingerprint();
        const fr = await run(['import', name]);
        expect(fr.code).toBe(1);
        expect(fr.stderr).toContain(`✗ ${name} : la base a refusé l’écriture (valeur hors des limites : test_refused_name, SQLSTATE 23514). Rien n’a été importé.`);
        expect(fr.stdout).not.toContain('✓');
        const en = await run(['import', name, '--lang', 'en']);
        expect(en.code).toBe(1);
        expect(en.stderr).toContain(`✗ ${name}: the database refused the write (value out of bounds: test_refused_name, SQLSTATE 23514). Nothing was imported.`);
        const json = await run(['import', name, '--json']);
        expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, files: [{ file: name, ok: false, issues: [{ code: 'database' }] }] });
        // Never SQL, ids or a stack trace.
        for (const output of [fr.stderr, en.stderr, json.stderr]) expect(output).not.toMatch(/\n\s+at |insert into|violates check constraint|[0-9a-f]{8}-[0-9a-f]{4}-/i);
        expect(await fingerprint()).toEqual(before);
      } finally {
        const cleanup = await createStore({ location });
        try {
          await sql`alter table partner drop constraint test_refused_name`.execute(cleanup.db);
        } finally {
          await cleanup.close();
        }
      }
    }, 240_000); // five runs and two fingerprints, each opening the on-disk PGlite

    it('lists the schemes', async () => {
      const result = await run(['list']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/test-92-78\s+92\+78\s+2024-2028\s+in_force\s+Schéma interdépartemental de test/);
    });

    it('imports a CSV of measurements, and refuses one naming an unknown indicator', async () => {
      const before = await fingerprint();
      const bad = await run(['import-sheet', file('bad.csv', 'indicateur;période;territoire;valeur\nrsa-emploi-12m;2025;dep:92;47\nnope;2025;dep:92;1\n'), '--scheme', 'test-92-78']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Feuille Mesures, ligne 3, colonne « indicateur » : indicateur inconnu : nope');
      expect(await fingerprint()).toEqual(before);
      const good = await run(['import-sheet', file('good.csv', '\ufeffindicateur;période;territoire;valeur\nrsa-emploi-12m;2025;dep:92;47,5\n'), '--scheme', 'test-92-78']);
      expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('mesures 1 lues, 1 nouvelles valeurs') });
      expect((await fingerprint()).measurement).toBe(before.measurement! + 1);
    }, 240_000); // two runs and three fingerprints, each opening the on-disk PGlite

    it('imports several files in one go, whatever their order, or none of them', async () => {
      const scheme = (code: string, pilot: string, extraPartner: string) => {
        const s = fixtureScheme(code) as { partners: { code: string; name: string; kind: string }[]; orientations: { actions: { pilot?: string }[] }[] };
        s.orientations[0]!.actions[0]!.pilot = pilot;
        s.partners.push({ code: extraPartner, name: `Partenaire ${extraPartner}`, kind: 'association' });
        return YAML.stringify(s);
      };
      // The first file's pilot is declared by the second: the second is written first.
      const ordered = await run(['import', file('uses.yaml', scheme('multi-a', 'asso-b', 'asso-a')), file('declares.yaml', scheme('multi-b', 'cd-92', 'asso-b'))]);
      expect(ordered, ordered.stderr).toMatchObject({ code: 0 });
      expect(ordered.stdout).toContain('✓ multi-a importé');
      expect(ordered.stdout).toContain('✓ multi-b importé');
      // A scheme given before the one it continues: the predecessor is written first.
      const continues = fixtureScheme('multi-next') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data edited in place
      continues.scheme.predecessors = ['multi-previous'];
      const chain = await run(['import', file('next.yaml', YAML.stringify(continues)), file('previous.yaml', fixtureSchemeYaml('multi-previous'))]);
      expect(chain, chain.stderr).toMatchObject({ code: 0 });
      expect(chain.stdout.indexOf('✓ multi-previous importé')).toBeLessThan(chain.stdout.indexOf('✓ multi-next importé'));
      // Two files that need each other's partners cannot be written one after the other: nothing is, not
      // even the valid file given first.
      const before = await fingerprint();
      const cycle = await run([
        'import',
        file('fine.yaml', scheme('multi-c', 'cd-92', 'asso-c')),
        file('cycle-d.yaml', scheme('multi-d', 'asso-e', 'asso-d')),
        file('cycle-e.yaml', scheme('multi-e', 'asso-d', 'asso-e')),
      ]);
      expect(cycle.code).toBe(1);
      expect(cycle.stderr).toContain('partenaire inconnu : asso-');
      expect(cycle.stderr).toContain('Rien n’a été importé.');
      expect(cycle.stdout).not.toContain('✓');
      expect(await fingerprint()).toEqual(before);
    }, 240_000);

    it('takes options anywhere, after the token command too', async () => {
      const created = await cli(['token', 'create', '--role', 'editor', '--departments', '92', '--label', 'CLI test', ...database, '--lang', 'en'], env);
      expect(created, created.stderr).toMatchObject({ code: 0 });
      expect(created.stdout).toMatch(/Expires on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/);
      const listed = await cli(['--lang', 'en', 'token', 'list', ...database], env);
      expect(listed.stdout).toContain('CLI test');
      const bad = await cli(['token', 'revoke', '00000000-0000-0000-0000-000000000000', ...database], env);
      expect(bad, bad.stderr).toMatchObject({ code: 1 });
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }, 120_000);

    it('writes the open-data files', async () => {
      const dir = join(work, `open-data-${engine}`);
      const result = await run(['export', '--open-data', dir]);
      expect(result.code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['actions-78.csv', 'actions-92.csv', 'indicateurs-78.csv', 'indicateurs-92.csv']);
      expect(existsSync(join(dir, 'indicateurs-92.csv'))).toBe(true);
    });
  });
}
