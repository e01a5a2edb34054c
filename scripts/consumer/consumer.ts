// A strict TypeScript consumer of the three packages, compiled against the shipped declarations only (never the
// sources): `tsc -p tsconfig.bundler.json` and `tsc -p tsconfig.node16.json` in the temporary project. The
// `@ts-expect-error` lines are wrong uses the shipped types must refuse: were a type `any` or missing, the
// directive would be unused and the compilation would fail.
import http from 'node:http';
import {
  createStore,
  DomainError,
  getProgressBySchemeIds,
  getSchemesByCodes,
  importSchemeFile,
  type ImportResult,
  type SchemeFileInput,
  type SchemeProgress,
  type Store,
  type StoreOptions,
} from '@sosms/core';
import { createGatewayHandler, executeQuery, type GatewayHandler, type QueryResult } from '@sosms/graphql';
import { SchemeOverview, type WidgetJson } from '@sosms/widgets';
import { exportWidgetJson, type WidgetJsonFile } from '@sosms/widgets/export';

const options: StoreOptions = { location: './donnees' };
const file: SchemeFileInput = {
  scheme: { code: '48-exemple', title: 'Exemple', departments: ['48'], period: { start: 2024, end: 2028 }, status: 'in_force' },
};

export async function use(): Promise<number | null> {
  const store: Store = await createStore(options);
  const result: ImportResult = await importSchemeFile(store.db, file);
  const [scheme] = await getSchemesByCodes(store.db, [result.schemeCode]);
  if (!scheme) throw new DomainError('NOT_FOUND', 'absent');
  const [progress]: SchemeProgress[] = await getProgressBySchemeIds(store.db, [scheme.id]);
  const answer: QueryResult = await executeQuery(store.db, '{ schemes { totalCount } }');
  const json: WidgetJsonFile = await exportWidgetJson(store.db, scheme.code, { lang: 'en' });
  const handler: GatewayHandler = createGatewayHandler({ store, path: '/api/graphql' });
  http.createServer((req, res) => handler(req, res, () => res.writeHead(404).end()));
  await handler.close();
  await store.close();
  void answer;
  void json;
  return progress?.progress ?? null;
}

export function widgets(): void {
  const element: SchemeOverview = document.createElement('sosms-scheme');
  const tagged: HTMLElementTagNameMap['sosms-progress'] = document.createElement('sosms-progress');
  const data: WidgetJson | undefined = undefined;
  void element;
  void tagged;
  void data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error a store's location is a string (URL or folder)
  await createStore({ location: 42 });
  // @ts-expect-error an unknown option of the store
  await createStore({ locaton: './donnees' });
  // @ts-expect-error exactOptionalPropertyTypes: an optional option is left out, not set to undefined
  const explicitUndefined: StoreOptions = { location: undefined };
  // @ts-expect-error a scheme's period is years as numbers
  const badFile: SchemeFileInput = { scheme: { code: 'x', title: 'x', departments: ['48'], period: { start: '2024', end: 2028 }, status: 'in_force' } };
  // @ts-expect-error the gateway's path is a string
  createGatewayHandler({ path: 1 });
  // @ts-expect-error the export's language is 'fr' or 'en'
  await exportWidgetJson((await createStore()).db, '48-exemple', { lang: 'de' });
  void explicitUndefined;
  void badFile;
}
