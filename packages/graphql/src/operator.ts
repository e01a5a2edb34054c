import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { OPERATOR_PATH, runCli, type Database } from '@sosms/core';
import type { Kysely } from 'kysely';

/** Largest operator request (a command line and a directory, not file contents). */
const MAX_OPERATOR_BODY = 64_000;

/** Options of {@link createOperatorRoute}. */
export interface OperatorRouteOptions {
  /** The operator secret the gateway keeps in its data folder (mode 0600). */
  readonly secret: string;
  /** The gateway's store: the commands run on it, in this process, the one that holds the folder. */
  readonly db: Kysely<Database>;
}

/** The route handler: answers the request and returns its HTTP status. */
export type OperatorRoute = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<number>;

const digest = (value: string) => createHash('sha256').update(value).digest();

function send(res: http.ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return status;
}

/**
 * `POST /operator/cli`: runs a `sosms` command line inside the gateway that holds a PGlite folder, so that
 * the CLI never opens a folder another process writes (PGlite has one process per folder). Authenticated by
 * the operator secret of the data folder (`Authorization: Operator <secret>`), readable by its owner only;
 * the body is `{ argv, cwd }` (files are read and written by path, on this machine), the answer
 * `{ code, stdout, stderr }`.
 *
 * ### Examples
 * ```ts
 * const gateway = await createGateway({ db, routes: { [OPERATOR_PATH]: createOperatorRoute({ secret, db }) } });
 * ```
 */
export function createOperatorRoute(options: OperatorRouteOptions): OperatorRoute {
  const expected = digest(`Operator ${options.secret}`);
  return async (req, res) => {
    if (req.method !== 'POST') return send(res, 405, { error: 'POST' });
    const given = digest(String(req.headers.authorization ?? ''));
    if (!timingSafeEqual(given, expected)) return send(res, 401, { error: 'Clé d’opérateur refusée / operator key refused' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_OPERATOR_BODY) return send(res, 413, { error: 'trop volumineux / too large' });
      chunks.push(chunk as Buffer);
    }
    let body: { argv?: unknown; cwd?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return send(res, 400, { error: 'JSON' });
    }
    if (!Array.isArray(body.argv) || !body.argv.every((a) => typeof a === 'string') || typeof body.cwd !== 'string') return send(res, 400, { error: '{ argv: string[], cwd: string }' });
    let stdout = '';
    let stderr = '';
    // The CLI killed (its connection closed before the answer): the command stops, an import rolls back.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const code = await runCli(body.argv as string[], {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: {},
      cwd: body.cwd,
      store: { db: options.db, via: 'gateway' },
      signal: controller.signal,
    });
    return send(res, 200, { code, stdout, stderr });
  };
}
