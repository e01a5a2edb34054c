import { writeFileSync } from 'node:fs';
import { makeDirectory } from '../../shared/directory.ts';
import { dirname } from 'node:path';
import { authenticateToken } from '../../access/token.repository.ts';
import type { Store } from '../../database/store.ts';
import { renderReport } from '../../reports/render.ts';
import { DomainError, type Lang } from '../../validation/issues.ts';

/** What `sosms report` needs from the command line (main.ts passes its context). */
export interface ReportCommandContext {
  readonly lang: Lang;
  readonly fr: boolean;
  readonly io: { readonly stdout: { write(chunk: string | Uint8Array): unknown }; readonly env: Readonly<Record<string, string | undefined>> };
  readonly out: (line: string) => void;
  readonly path: (file: string) => string;
  readonly openStore: () => Promise<Store>;
}

/** The options of `sosms report`. */
export interface ReportCommandOptions {
  readonly kind?: string;
  readonly format?: string;
  readonly date?: string;
  readonly output?: string;
  /** An API token's secret (or `SOSMS_TOKEN`): needed for a draft scheme, as through the API. */
  readonly token?: string;
}

/** A usage mistake (missing scheme code, kind or output): main.ts prints it with the help. */
export class ReportUsageError extends Error {}

/**
 * `sosms report SCHEME --kind copil|annual|final|public --format html|pdf [--date AAAA-MM-JJ] [--lang en]
 * --output FILE`: writes a report; an HTML report without `--output` goes to standard output. Nothing is
 * written when the request is refused (unknown scheme or kind, a date outside the period, a draft without a
 * token of its département).
 *
 * ### Examples
 * ```ts
 * await reportCommand(ctx, ['48-2018-2022'], { kind: 'copil', format: 'pdf', output: 'copil.pdf' });
 * ```
 */
export async function reportCommand(ctx: ReportCommandContext, args: readonly string[], options: ReportCommandOptions): Promise<number> {
  const [schemeCode, ...extra] = args;
  const usage = ctx.fr
    ? 'report CODE --kind copil|annual|final|public --format html|pdf [--date AAAA-MM-JJ] --output FICHIER'
    : 'report CODE --kind copil|annual|final|public --format html|pdf [--date YYYY-MM-DD] --output FILE';
  if (!schemeCode || extra.length || !options.kind) throw new ReportUsageError(usage);
  const format = options.format ?? 'html';
  if (format === 'pdf' && !options.output) throw new ReportUsageError(ctx.fr ? `un PDF s'écrit dans un fichier : ${usage}` : `a PDF is written to a file: ${usage}`);
  const store = await ctx.openStore();
  try {
    const secret = options.token ?? ctx.io.env.SOSMS_TOKEN;
    const principal = secret ? await authenticateToken(store.db, secret) : undefined;
    if (secret && !principal) {
      throw new DomainError('UNAUTHENTICATED', ctx.fr ? 'Jeton inconnu ou révoqué (--token ou SOSMS_TOKEN).' : 'Unknown or revoked token (--token or SOSMS_TOKEN).');
    }
    const started = performance.now();
    const report = await renderReport(store.db, { schemeCode, kind: options.kind, format, date: options.date, lang: ctx.lang, principal });
    if (!options.output) {
      ctx.io.stdout.write(report.body);
      return 0;
    }
    const target = ctx.path(options.output);
    makeDirectory(dirname(target));
    writeFileSync(target, report.body);
    const ms = Math.round(performance.now() - started);
    ctx.out(
      ctx.fr
        ? `✓ rapport ${options.kind} de ${schemeCode} au ${report.data.date} écrit dans ${options.output} (${format}, ${ms} ms)`
        : `✓ ${options.kind} report of ${schemeCode} at ${report.data.date} written to ${options.output} (${format}, ${ms} ms)`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
