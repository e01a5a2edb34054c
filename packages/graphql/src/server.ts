import http from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '@sosms/core';
import type { ApolloServer } from '@apollo/server';
import type { Context } from './context.ts';
import { createGatewayHandler, type GatewayHandler, type GatewayHandlerOptions } from './handler.ts';

export { createApollo } from './apollo.ts';
export { jsonLogger, type Logger } from './log.ts';
export { DEFAULT_LIMITS as OPERATION_LIMITS } from './limits.ts';

/** Options of {@link createGateway}: those of the handler, served at `/graphql`, `/healthz` and `/metrics`. */
export interface GatewayOptions extends Omit<GatewayHandlerOptions, 'db' | 'path' | 'healthPath' | 'metricsPath'> {
  readonly db?: Kysely<Database>;
  /** Extra routes by exact path, answered beside the handler (the CLI's operator route, operator.ts). */
  readonly routes?: Readonly<Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => Promise<unknown>>>;
}

/** The standalone gateway: an HTTP server (not yet listening), its request handler and how to stop it. */
export interface Gateway {
  readonly server: http.Server;
  readonly handler: GatewayHandler;
  readonly apollo: ApolloServer<Context>;
  /** Stop accepting connections, finish the requests in flight, stop Apollo (the store stays open). */
  close(): Promise<void>;
}

/**
 * Build the standalone gateway over an open store: `/graphql` (GET and POST per GraphQL-over-HTTP, a
 * query page for browsers), `/healthz`, open CORS, one JSON log line per request.
 *
 * ### Examples
 * ```ts
 * const { db } = await createStore();
 * const gateway = await createGateway({ db });
 * gateway.server.listen(4000, '127.0.0.1');
 * ```
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const handler = createGatewayHandler({ ...options, path: '/graphql', healthPath: '/healthz', metricsPath: '/metrics' });
  await handler.ready;
  const server = http.createServer((req, res) => void (options.routes?.[(req.url ?? '/').split('?')[0]!] ?? handler)(req, res));
  return {
    server,
    handler,
    apollo: handler.apollo,
    async close() {
      const closed = new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await handler.close();
      server.closeIdleConnections();
      await closed;
    },
  };
}
