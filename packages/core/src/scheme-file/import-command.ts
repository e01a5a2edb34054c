import type { Kysely } from 'kysely';
import { accessMessage } from '../access/access.ts';
import { runCommand, type Caller } from '../access/command.ts';
import type { Database } from '../database/database.ts';
import { lockSchemeRow } from '../scheme/scheme.repository.ts';
import { DomainError } from '../validation/issues.ts';
import { exportSchemeFile } from './export.ts';
import { importSchemeFileInTransaction, type ImportOptions, type ImportResult } from './import.ts';
import type { SchemeFile } from './scheme-file.ts';

/**
 * Import a whole scheme file as a command (`scheme-file:import`): in one transaction, the scheme row locked
 * for update when it exists, the file checked and written, and one audit row holding the scheme as stored
 * before (its exported file, or null for a new scheme) and after. Any refusal writes nothing but, outside a
 * caller's transaction, one audit row of outcome `refused` with its code.
 *
 * Only the operator (the process that holds the store: `sosms import`, a département's own scripts) may run
 * it for now: a file also writes partners shared by every scheme and predecessors, which a département's
 * token may not own; editors write through the granular commands (`saveAction`, `recordMeasurement`…).
 *
 * Inside a transaction of yours (several files that commit together), each file is one command and one audit
 * row; a refusal of any then rolls back all of them, audit rows included.
 *
 * ### Examples
 * ```ts
 * const result = await importSchemeFileCommand(store.db, { principal: operator('sosms import') }, YAML.parse(text));
 * // audit_log: operation 'scheme-file:import', entity_id result.schemeId, before null, after the stored file
 * ```
 */
export function importSchemeFileCommand(db: Kysely<Database>, caller: Caller, input: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  return runCommand(db, caller, 'scheme-file:import', async (ctx) => {
    if (ctx.principal.role !== 'operator') throw new DomainError('FORBIDDEN', accessMessage('operator_only', ctx.lang));
    const code = schemeCodeOf(input);
    // The row locked first: a concurrent import or command on the same scheme waits, so `before` is what
    // this import replaces.
    const existing = code ? await lockSchemeRow(ctx.trx, { code }, 'update') : undefined;
    const before: SchemeFile | null = existing ? await exportSchemeFile(ctx.trx, existing.code, ctx.lang) : null;
    const result = await importSchemeFileInTransaction(ctx.trx, input, { ...options, lang: options.lang ?? ctx.lang });
    const after = await exportSchemeFile(ctx.trx, result.schemeCode, ctx.lang);
    return { value: result, entityId: result.schemeId, before, after };
  });
}

/** The scheme code a file names, before it is validated (validation then refuses a missing or bad one). */
function schemeCodeOf(input: unknown): string | undefined {
  const code = (input as { scheme?: { code?: unknown } } | null)?.scheme?.code;
  return typeof code === 'string' ? code : undefined;
}
