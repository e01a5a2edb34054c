// A bare node:http application of the developer's own, with the gateway mounted under /api/graphql beside its
// other routes. Prints the port it listens on, then serves until SIGTERM.
import http from 'node:http';
import { createStore, loadDemoSchemes } from '@sosms/core';
import { createGatewayHandler } from '@sosms/graphql';

const store = await createStore();
await loadDemoSchemes(store.db);
const graphql = createGatewayHandler({ store, path: '/api/graphql', log: () => {} });
const server = http.createServer((req, res) => {
  if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('application hôte');
  return graphql(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable'));
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', async () => {
  server.close();
  await graphql.close();
  await store.close();
});
