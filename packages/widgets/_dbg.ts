import { createStore, loadDemoSchemes } from '@sosms/core';
import { executeQuery } from '@sosms/graphql';
import { SchemeOverview } from './src/data/queries.ts';
const store = await createStore(); await loadDemoSchemes(store.db);
const r = await executeQuery(store.db, SchemeOverview.text, { scheme: '48-2018-2022' });
console.log(JSON.stringify(r).slice(0, 300));
await store.close();
