import { join } from 'node:path';
import { lockedText, OPERATOR_FILE, readOperatorSecret, type LockInfo } from '../database/lock.ts';
import { EXIT, OPERATOR_PATH, type Context } from './context.ts';

/** The command line without `--database` (the gateway runs on its own store). */
export function withoutDatabase(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--database') i++;
    else if (!arg.startsWith('--database=')) kept.push(arg);
  }
  return kept;
}

/**
 * Send the command line to the gateway that holds the folder (its operator route), print what it printed and
 * return its exit code; or refuse, naming the process, when that cannot be done.
 */
export async function throughGateway(ctx: Context, argv: readonly string[], folder: string, holder: LockInfo, cwd: string, widgetJson: boolean): Promise<number> {
  const refuse = (fr: string, en: string) => {
    const locked = lockedText(folder, holder);
    ctx.err(ctx.fr ? `${locked.fr}\n${fr}` : `${locked.en}\n${en}`);
    return EXIT.invalid;
  };
  if (!holder.url) return refuse('Ce processus n’accepte pas de commandes (ce n’est pas une passerelle prête) : rien n’a été écrit.', 'That process takes no commands (it is not a ready gateway): nothing was written.');
  if (widgetJson) return refuse('`export --widget-json` ne passe pas par la passerelle : lisez le même JSON par GraphQL, ou arrêtez la passerelle.', '`export --widget-json` does not go through the gateway: read the same JSON over GraphQL, or stop the gateway.');
  const secret = readOperatorSecret(folder);
  if (!secret) return refuse(`La clé d’opérateur ${join(folder, OPERATOR_FILE)} est illisible (autre utilisateur ?) : lancez la commande sous le compte de la passerelle. Rien n’a été écrit.`, `The operator key ${join(folder, OPERATOR_FILE)} cannot be read (another user?): run the command as the gateway's user. Nothing was written.`);
  let answer: { code: number; stdout: string; stderr: string };
  try {
    const response = await fetch(new URL(OPERATOR_PATH, holder.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Operator ${secret}` },
      body: JSON.stringify({ argv: withoutDatabase(argv), cwd }),
      // A kill of the CLI closes the connection: the gateway then aborts the command (an import rolls back).
      ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
    });
    if (!response.ok) return refuse(`La passerelle a refusé la commande (HTTP ${response.status}) : rien n’a été écrit.`, `The gateway refused the command (HTTP ${response.status}): nothing was written.`);
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    return refuse(`La passerelle ne répond pas à ${holder.url} (${(error as Error).message}) : rien n’a été écrit ; réessayez quand elle est prête.`, `The gateway does not answer at ${holder.url} (${(error as Error).message}): nothing was written; try again once it is ready.`);
  }
  ctx.err(ctx.fr ? `(par la passerelle PID ${holder.pid}, qui tient ${folder})` : `(through the gateway PID ${holder.pid}, which holds ${folder})`);
  ctx.io.stderr.write(answer.stderr);
  ctx.io.stdout.write(answer.stdout);
  return answer.code;
}
