import { runTokenCommand } from '../../access/cli.ts';
import type { Context } from '../context.ts';

/** `token create|revoke|list`: the access module's command on the CLI's store. */
export async function tokenCommand(ctx: Context, args: readonly string[]): Promise<number> {
  const store = await ctx.openStore();
  try {
    return await runTokenCommand(args, { stdout: ctx.io.stdout, stderr: ctx.io.stderr, lang: ctx.lang }, store.db);
  } finally {
    await store.close();
  }
}

/**
 * Split `token …` off before parsing: its own options (`--departments`, `--role`…) belong to it; the
 * global options (`--database`, `--lang`) are taken wherever they stand.
 */
export function splitTokenCommand(argv: readonly string[]): { global: string[]; rest: string[] } | undefined {
  const global: string[] = [];
  const rest: string[] = [];
  let seen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--database' || arg === '--lang') global.push(arg, argv[++i] ?? '');
    else if (arg.startsWith('--database=') || arg.startsWith('--lang=')) global.push(arg);
    else if (!seen && arg === 'token') seen = true;
    else if (!seen && !arg.startsWith('-')) return undefined;
    else rest.push(arg);
  }
  return seen ? { global, rest } : undefined;
}
