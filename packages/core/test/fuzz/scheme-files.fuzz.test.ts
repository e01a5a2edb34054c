/**
 * A seeded fuzzer over scheme files: thousands of bad files (hostile values, recursive aliases, alias
 * bombs, deep trees, broken bytes…) through `validate` and `import` on every engine. For each case:
 * nothing is thrown (only validation issues, each with a code, a message and a path), `validate` and
 * `import` agree (same verdict, same issues), and a refused import leaves every table unchanged (the
 * next transaction id is read after each case; all tables are checksummed whenever it moved, after
 * every import and every 50 refusals).
 * Replay a run with `SOSMS_FUZZ_SEED=<seed> SOSMS_FUZZ_CASES=<n>`.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/database/store.ts';
import { importSchemeFile } from '../../src/scheme-file/import.ts';
import { parseSchemeFile } from '../../src/scheme-file/read-file.ts';
import { validateSchemeFile } from '../../src/scheme-file/validate.ts';
import { isKnownTerritory } from '../../src/territory/geography.ts';
import { ENGINES, openTestStore } from '../../src/testing/engines.ts';
import { DomainError, type ValidationIssue } from '../../src/validation/issues.ts';
import { sampleSchemeFile } from '../fixtures.ts';
import { allTables, snapshot } from '../read/fixture.ts';
import { badSchemeFile, fuzzCases, fuzzSeed, mutate, Random } from './generate.ts';

const SEED = fuzzSeed(20_261_201);
const CASES = fuzzCases(1_200);
/** Cases given to validate and import as objects, not text: cycles and shapes no file can write. */
const OBJECT_CASES = Math.round(CASES / 10);

/** Issue codes of the file as a whole (its bytes, its syntax), which carry a line and column instead of a field path. */
const FILE_CODES = new Set(['file_unreadable', 'file_empty', 'file_too_large', 'not_utf8', 'yaml_syntax', 'json_syntax', 'yaml_recursive_alias', 'yaml_alias_limit', 'too_deep']);

/** What is wrong with a list of issues, if anything: each has a code and a message, and a path unless it is about the whole file. */
function badIssues(issues: readonly ValidationIssue[], input: unknown): string | undefined {
  if (issues.length === 0) return 'refused without an issue';
  for (const issue of issues) {
    if (typeof issue.code !== 'string' || issue.code === '' || typeof issue.message !== 'string' || issue.message === '' || typeof issue.path !== 'string') return `malformed issue ${JSON.stringify(issue)}`;
    const rootIsObject = input !== null && typeof input === 'object' && !Array.isArray(input);
    if (issue.path === '' && !FILE_CODES.has(issue.code) && rootIsObject) return `issue without a path: ${issue.code} ${issue.message}`;
    if (/Error|undefined|\[object/.test(issue.message) && issue.code !== 'yaml_syntax' && issue.code !== 'json_syntax') return `message looks like a leak: ${issue.message}`;
  }
  return undefined;
}

for (const engine of ENGINES) {
  describe(`scheme-file fuzzer on ${engine}`, () => {
    let store: Store;
    let tables: string[];
    const base = sampleSchemeFile('fz-48-2024-2028', ['48']);

    beforeAll(async () => {
      store = await openTestStore(engine);
      await importSchemeFile(store.db, base);
      tables = await allTables(store.db);
    }, 120_000);
    afterAll(() => store?.close());

    it(`runs ${CASES} bad files and ${OBJECT_CASES} bad inputs: no exception, validate and import agree, nothing written on a refusal`, async () => {
      const random = new Random(SEED);
      const failures: string[] = [];
      const tally = { parseRefused: 0, validateRefused: 0, imported: 0, crashes: 0, disagreements: 0, partialWrites: 0 };
      let state = await snapshot(store.db, tables);
      let checksums = 1;
      // Any write, committed or rolled back, takes a transaction id: while the next id has not moved, no
      // table can have changed. When it moves (a successful import, or anything else), every table is
      // checksummed and compared.
      const nextXid = async () => (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(store.db)).rows[0]!.s.split(':')[1]!;
      let xid = await nextXid();
      const readPartners = async () => new Set((await store.db.selectFrom('partner').select('code').execute()).map((p) => p.code));
      let partners = await readPartners();

      /** One input through validate then import; returns a failure or undefined. */
      const check = async (input: unknown, label: string): Promise<string | undefined> => {
        let validated: ReturnType<typeof validateSchemeFile>;
        try {
          validated = validateSchemeFile(input, 'fr', { partners, isOfficialTerritory: isKnownTerritory });
        } catch (error) {
          tally.crashes++;
          return `${label}: validate threw ${String(error).slice(0, 200)}`;
        }
        if (!validated.ok) {
          const bad = badIssues(validated.issues, input);
          if (bad) return `${label}: validate ${bad}`;
        }
        const outcome = await importSchemeFile(store.db, input).then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (!outcome.ok && !(outcome.error instanceof DomainError && outcome.error.code === 'VALIDATION')) {
          tally.crashes++;
          return `${label}: import threw ${String(outcome.error).slice(0, 300)}`;
        }
        if (outcome.ok !== validated.ok) {
          tally.disagreements++;
          return `${label}: validate says ${validated.ok ? 'valid' : 'invalid'}, import ${outcome.ok ? 'succeeded' : `refused (${JSON.stringify((outcome.error as DomainError).issues).slice(0, 300)})`}`;
        }
        if (!outcome.ok && !validated.ok) {
          const imported = (outcome.error as DomainError).issues;
          if (JSON.stringify(imported) !== JSON.stringify(validated.issues)) {
            tally.disagreements++;
            return `${label}: validate and import give different issues`;
          }
        }
        const now = await nextXid();
        const moved = now !== xid;
        xid = now;
        if (outcome.ok) tally.imported++;
        else tally.validateRefused++;
        // A refusal is checked against every table every 50 refusals even when no transaction id moved.
        if (outcome.ok || moved || tally.validateRefused % 50 === 0) {
          const after = await snapshot(store.db, tables);
          checksums++;
          const changed = JSON.stringify(after) !== JSON.stringify(state);
          state = after;
          if (outcome.ok) partners = await readPartners();
          else if (changed) {
            tally.partialWrites++;
            return `${label}: refused, but the database changed`;
          }
        }
        return undefined;
      };

      for (let n = 0; n < CASES; n++) {
        const file = badSchemeFile(base, random);
        const label = `case ${n} (${file.name}: ${file.what})`;
        let parsed: Awaited<ReturnType<typeof parseSchemeFile>>;
        try {
          parsed = await parseSchemeFile(file.bytes, 'fr', { name: file.name });
        } catch (error) {
          tally.crashes++;
          failures.push(`${label}: parse threw ${String(error).slice(0, 200)}`);
          continue;
        }
        if (!parsed.ok) {
          // The CLI's validate and import both stop here, with the same issues.
          tally.parseRefused++;
          const bad = badIssues(parsed.issues, undefined);
          if (bad) failures.push(`${label}: parse ${bad}`);
          continue;
        }
        const failure = await check(parsed.data, label);
        if (failure) failures.push(failure);
      }
      for (let n = 0; n < OBJECT_CASES; n++) {
        const { input, what } = mutate(base, random, { allowCycles: true });
        const failure = await check(input, `object case ${n} (${what.join('; ')})`);
        if (failure) failures.push(failure);
      }

      // eslint-disable-next-line no-console
      console.log(
        `[fuzz scheme files ${engine}] seed ${SEED}: ${CASES} files + ${OBJECT_CASES} objects; refused at parse ${tally.parseRefused}, refused by validation ${tally.validateRefused}, imported ${tally.imported} (${checksums} checksums of ${tables.length} tables); crashes ${tally.crashes}, disagreements ${tally.disagreements}, partial writes ${tally.partialWrites}`,
      );
      expect(failures.slice(0, 10)).toEqual([]);
      expect(tally.parseRefused + tally.validateRefused + tally.imported).toBe(CASES + OBJECT_CASES);
    }, 240_000);
  });
}
