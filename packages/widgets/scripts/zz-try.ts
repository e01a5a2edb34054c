import { createStore, loadDemoSchemes } from '@sosms/core';
import { exportWidgetJson } from '/work/main/packages/widgets/scripts/export-widget-json.ts';
const store = await createStore();
await loadDemoSchemes(store.db);
for (const code of ['48-2018-2022','72-2015-2019','77-2019-2024','92-78-2018-2023','92-2024-2028']) {
  const t0 = performance.now();
  const json = await exportWidgetJson(store.db, code);
  const text = JSON.stringify(json);
  console.log(code, Object.keys(json), text.length, Math.round(performance.now()-t0), 'ms', (json.CompareIndicator as unknown[]).length);
}
const json = await exportWidgetJson(store.db, '77-2019-2024');
console.log(JSON.stringify(json.SchemeActions).slice(0, 1500));
try { await exportWidgetJson(store.db, 'nope'); } catch (e) { console.log('err', e); }
await store.close();
