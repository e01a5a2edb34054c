import { importSpreadsheetCommand } from '../../spreadsheet/import-command.ts';
import { isKnownTerritory } from '../../territory/geography.ts';
import { EXIT, UsageError, type Context } from '../context.ts';

/** `import-sheet FILE --scheme CODE`: actions or measurements from an XLSX or CSV file, all or nothing. */
export async function importSheetCommand(ctx: Context, files: readonly string[], scheme: string | undefined): Promise<number> {
  if (files.length !== 1 || !scheme) throw new UsageError(ctx.fr ? 'import-sheet FICHIER --scheme CODE' : 'import-sheet FILE --scheme CODE');
  const store = await ctx.openStore();
  try {
    // A core command: audited with the scheme as stored before and after.
    const result = await importSpreadsheetCommand(store.db, ctx.caller('sosms import-sheet'), ctx.path(files[0]!), { schemeCode: scheme, lang: ctx.lang, name: files[0], isOfficialTerritory: isKnownTerritory });
    const { created, updated, unchanged } = result.actions;
    ctx.out(
      ctx.fr
        ? `✓ ${scheme} : actions ${created} créées, ${updated} mises à jour, ${unchanged} inchangées ; mesures ${result.measurements.rows} lues, ${result.measurements.written} nouvelles valeurs`
        : `✓ ${scheme}: actions ${created} created, ${updated} updated, ${unchanged} unchanged; measurements ${result.measurements.rows} read, ${result.measurements.written} new values`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
