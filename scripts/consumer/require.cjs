// A CommonJS script: no CommonJS build is shipped, but Node 22.12+ and 24 load the ES modules with require()
// (the exports' "default" condition). The same calls as an ESM user, synchronously required.
const { createStore, getProgressBySchemeIds, importSchemeFile, parseSchemeFileText } = require('@sosms/core');
const { executeQuery } = require('@sosms/graphql');
const { readFileSync } = require('node:fs');

(async () => {
  const parsed = parseSchemeFileText(readFileSync('scheme.yaml', 'utf8'), 'yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const store = await createStore();
  const { schemeId } = await importSchemeFile(store.db, parsed.data);
  const [progress] = await getProgressBySchemeIds(store.db, [schemeId]);
  const { data } = await executeQuery(store.db, '{ schemes { totalCount } }');
  await store.close();
  console.log(JSON.stringify({ progress: progress.progress, schemes: data.schemes.totalCount }));
})();
