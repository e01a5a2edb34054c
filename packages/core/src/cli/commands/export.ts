import { writeFileSync } from 'node:fs';
import { makeDirectory } from '../../shared/directory.ts';
import { dirname } from 'node:path';
import YAML from 'yaml';
import { writeOpenData } from '../../open-data/open-data.ts';
import { exportSchemeFile } from '../../scheme-file/export.ts';
import { EXIT, UsageError, type Context } from '../context.ts';

/** `export CODE` (YAML or JSON), `export CODE --widget-json`, `export --open-data DIR`. */
export async function exportCommand(ctx: Context, args: readonly string[], options: { format?: string; output?: string; openData?: string; widgetJson?: boolean; widgetEndpoint?: string }): Promise<number> {
  if (options.widgetJson) return widgetJsonCommand(ctx, args, options.output, options.widgetEndpoint);
  if (options.openData !== undefined) {
    if (args.length) throw new UsageError(ctx.fr ? 'export --open-data DOSSIER ne prend pas de code de schéma' : 'export --open-data DIR takes no scheme code');
    // Created here level by level (see makeDirectory): a folder that cannot exist fails before the store opens.
    makeDirectory(ctx.path(options.openData));
    const store = await ctx.openStore();
    try {
      const written = await writeOpenData(store.db, ctx.path(options.openData));
      for (const file of written) ctx.out(ctx.fr ? `écrit : ${file}` : `written: ${file}`);
      if (written.length === 0) ctx.out(ctx.fr ? 'aucun schéma publié : aucun fichier écrit' : 'no published scheme: no file written');
      return EXIT.ok;
    } finally {
      await store.close();
    }
  }
  const [code, ...extra] = args;
  if (!code || extra.length) throw new UsageError(ctx.fr ? 'export : indiquez un code de schéma (un seul)' : 'export: give one scheme code');
  const format = options.format ?? (options.output?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  if (format !== 'yaml' && format !== 'json') throw new UsageError(ctx.fr ? `--format : yaml ou json, pas « ${format} »` : `--format: yaml or json, not "${format}"`);
  const store = await ctx.openStore();
  try {
    const file = await exportSchemeFile(store.db, code, ctx.lang);
    const text = format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : YAML.stringify(file, { lineWidth: 0 });
    if (options.output) {
      const target = ctx.path(options.output);
      makeDirectory(dirname(target));
      writeFileSync(target, text);
      ctx.out(ctx.fr ? `✓ ${code} exporté dans ${options.output}` : `✓ ${code} exported to ${options.output}`);
    } else {
      ctx.io.stdout.write(text);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** `export CODE --widget-json`: from the store, or from the GraphQL address of the gateway that holds its folder. */
async function widgetJsonCommand(ctx: Context, args: readonly string[], output: string | undefined, endpoint: string | undefined): Promise<number> {
  const [code, ...extra] = args;
  if (!code || extra.length) throw new UsageError(ctx.fr ? 'export CODE --widget-json : indiquez un code de schéma (un seul)' : 'export CODE --widget-json: give one scheme code');
  const widgetJson = ctx.io.widgetJson;
  if (!widgetJson) {
    throw new UsageError(ctx.fr ? '--widget-json demande les widgets : lancez `pnpm sosms` depuis la racine du dépôt' : '--widget-json needs the widgets: run `pnpm sosms` from the repository root');
  }
  if (endpoint) ctx.err(ctx.fr ? `(lu par la passerelle qui tient le dossier : ${endpoint})` : `(read from the gateway that holds the folder: ${endpoint})`);
  const store = endpoint === undefined ? await ctx.openStore() : undefined;
  const source = store ? { db: store.db } : { endpoint: endpoint ?? '' };
  try {
    const text = `${JSON.stringify(await widgetJson(source, code, ctx.lang), null, 2)}\n`;
    if (!output) {
      ctx.io.stdout.write(text);
      return EXIT.ok;
    }
    const target = ctx.path(output);
    makeDirectory(dirname(target));
    writeFileSync(target, text);
    ctx.out(ctx.fr ? `✓ ${code} exporté pour les widgets dans ${output}` : `✓ ${code} exported for the widgets to ${output}`);
    return EXIT.ok;
  } finally {
    await store?.close();
  }
}
