import type { AddressInfo } from 'node:net';
import { createStore, loadDemoSchemes, type Store } from '@sosms/core';
import { createGateway, type Gateway } from '@sosms/graphql';

/** The real gateway over an in-memory PGlite store loaded with the five real schemes, on 127.0.0.1 port 0. */
export interface RunningGateway {
  readonly url: string;
  readonly store: Store;
  readonly gateway: Gateway;
  close(): Promise<void>;
}

/** `options` go to `createGateway` (a request log, `cacheMaxAgeSeconds`…); no log by default. */
export async function startGateway(options: Omit<Parameters<typeof createGateway>[0], 'db'> = {}): Promise<RunningGateway> {
  const store = await createStore();
  await loadDemoSchemes(store.db);
  const gateway = await createGateway({ log: () => {}, ...options, db: store.db });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    store,
    gateway,
    async close() {
      await gateway.close();
      await store.close();
    },
  };
}

