import type { Kysely } from 'kysely';
import { accessMessage } from '../access/access.ts';
import { runCommand, type Caller } from '../access/command.ts';
import type { Database } from '../database/database.ts';
import { lockSchemeRow } from '../scheme/scheme.repository.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import { notFoundError } from '../shared/errors.ts';
import { DomainError } from '../validation/issues.ts';
import { importSpreadsheet, type SpreadsheetImportOptions, type SpreadsheetImportResult } from './import-sheet.ts';

/**
 * Import a spreadsheet of actions or measurements as a command (`spreadsheet:import`): in one transaction the
 * scheme row locked for update, the rows merged and written, and one audit row holding the scheme as stored
 * before and after (its exported file). Any refusal writes nothing but, outside a caller's transaction, one
 * audit row of outcome `refused`. Operator only for now, like {@link importSchemeFileCommand}.
 *
 * ### Examples
 * ```ts
 * await importSpreadsheetCommand(store.db, { principal: operator('sosms import-sheet') }, 'suivi-2024.xlsx', { schemeCode: '92-sosms-2024-2028' });
 * ```
 */
export function importSpreadsheetCommand(db: Kysely<Database>, caller: Caller, source: string | Uint8Array, options: SpreadsheetImportOptions): Promise<SpreadsheetImportResult> {
  return runCommand(db, caller, 'spreadsheet:import', async (ctx) => {
    if (ctx.principal.role !== 'operator') throw new DomainError('FORBIDDEN', accessMessage('operator_only', ctx.lang));
    const scheme = await lockSchemeRow(ctx.trx, { code: options.schemeCode }, 'update');
    if (!scheme) throw notFoundError('unknown_scheme', 'schemeCode', options.schemeCode, ctx.lang);
    const before = await exportSchemeFile(ctx.trx, scheme.code, ctx.lang);
    const result = await importSpreadsheet(ctx.trx, source, { ...options, lang: options.lang ?? ctx.lang });
    const after = await exportSchemeFile(ctx.trx, scheme.code, ctx.lang);
    return { value: result, entityId: scheme.id, before, after };
  });
}
