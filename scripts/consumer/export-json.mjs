// The static file the widgets read (`src=`), written with @sosms/widgets/export from the installed tarballs.
import { writeFile } from 'node:fs/promises';
import { createStore, loadDemoSchemes } from '@sosms/core';
import { exportWidgetJson } from '@sosms/widgets/export';

const [code, output] = process.argv.slice(2);
const store = await createStore();
await loadDemoSchemes(store.db);
await writeFile(output, JSON.stringify(await exportWidgetJson(store.db, code)));
await store.close();
