import { writeFileSync } from 'node:fs';
import { makeDirectory } from '../../shared/directory.ts';
import { dirname } from 'node:path';
import { spreadsheetTemplate } from '../../spreadsheet/template.ts';
import { EXIT, type Context } from '../context.ts';

/** `template`: the XLSX spreadsheet template. */
export async function templateCommand(ctx: Context, output: string | undefined): Promise<number> {
  const target = ctx.path(output ?? 'modele-sosms.xlsx');
  makeDirectory(dirname(target));
  writeFileSync(target, await spreadsheetTemplate());
  ctx.out(ctx.fr ? `✓ modèle écrit : ${target}` : `✓ template written: ${target}`);
  return EXIT.ok;
}
