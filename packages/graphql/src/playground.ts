import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of example operations offered by the playground (examples/queries of the repository). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/queries/', import.meta.url));

/** An example operation: its file name and text. */
export interface ExampleQuery {
  readonly name: string;
  readonly query: string;
}

/**
 * The example `.graphql` files, sorted by name (none when the folder is missing).
 *
 * ### Examples
 * ```ts
 * readExamples().map((e) => e.name); // ['01-dashboard.graphql', …]
 * ```
 */
export function readExamples(dir = EXAMPLES_DIR): ExampleQuery[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  } catch {
    return [];
  }
  return files.map((f) => ({ name: basename(f), query: readFileSync(join(dir, f), 'utf8') }));
}

/** JSON safe inside an inline `<script>` element. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A small self-contained page to try queries: a query box, variables, an optional token and the
 * example operations one click away. No external resources (the network may be closed).
 *
 * ### Examples
 * ```ts
 * res.end(playgroundPage(readExamples()));
 * ```
 */
export function playgroundPage(examples: readonly ExampleQuery[]): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SOSMS — essayer l'API GraphQL</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #161616; background: #f6f6f6; }
  header { background: #000091; color: #fff; padding: .75rem 1.5rem; }
  header h1 { font-size: 1.25rem; margin: 0; }
  main { display: grid; grid-template-columns: 16rem 1fr 1fr; gap: 1rem; padding: 1rem 1.5rem; }
  nav ul { list-style: none; padding: 0; margin: 0; }
  nav button { width: 100%; text-align: left; margin-bottom: .25rem; background: #fff; border: 1px solid #ddd; padding: .4rem .5rem; cursor: pointer; }
  nav button:hover, nav button:focus { border-color: #000091; outline: 2px solid #000091; }
  label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
  textarea, input { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: .85rem; border: 1px solid #929292; padding: .5rem; }
  #query { height: 24rem; }
  #variables { height: 5rem; }
  #run { margin-top: .75rem; background: #000091; color: #fff; border: 0; padding: .6rem 1.2rem; font-size: 1rem; cursor: pointer; }
  #result { background: #fff; border: 1px solid #ddd; padding: .5rem; height: 36rem; overflow: auto; margin: 0; font-size: .8rem; white-space: pre-wrap; }
  @media (max-width: 60rem) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header><h1>SOSMS — API GraphQL des schémas départementaux des solidarités</h1></header>
<main>
  <nav aria-label="Exemples de requêtes">
    <h2>Exemples</h2>
    <ul id="examples"></ul>
  </nav>
  <section aria-label="Requête">
    <label for="query">Requête GraphQL</label>
    <textarea id="query" spellcheck="false">{ schemes(first: 5) { totalCount nodes { code title departments status } } }</textarea>
    <label for="variables">Variables (JSON)</label>
    <textarea id="variables" spellcheck="false">{}</textarea>
    <label for="token">Jeton (facultatif, pour les brouillons et les modifications)</label>
    <input id="token" type="password" autocomplete="off" placeholder="sosms_…">
    <button id="run" type="button">Exécuter (Ctrl+Entrée)</button>
  </section>
  <section aria-label="Résultat">
    <label for="result">Résultat</label>
    <pre id="result" tabindex="0" aria-live="polite"></pre>
  </section>
</main>
<script>
  const examples = ${inlineJson(examples)};
  const list = document.getElementById('examples');
  const query = document.getElementById('query');
  const variables = document.getElementById('variables');
  const token = document.getElementById('token');
  const result = document.getElementById('result');
  for (const example of examples) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = example.name.replace(/\\.graphql$/, '');
    button.addEventListener('click', () => { query.value = example.query; const m = /# variables: (.*)/.exec(example.query); variables.value = m ? m[1] : '{}'; query.focus(); });
    item.append(button);
    list.append(item);
  }
  async function run() {
    let vars;
    try { vars = JSON.parse(variables.value || '{}'); } catch (e) { result.textContent = 'Variables : JSON invalide — ' + e.message; return; }
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (token.value.trim()) headers.authorization = 'Bearer ' + token.value.trim();
    result.textContent = '…';
    const started = performance.now();
    try {
      const response = await fetch(location.pathname, { method: 'POST', headers, body: JSON.stringify({ query: query.value, variables: vars }) });
      const body = await response.text();
      let text = body;
      try { text = JSON.stringify(JSON.parse(body), null, 2); } catch {}
      result.textContent = 'HTTP ' + response.status + ' — ' + Math.round(performance.now() - started) + ' ms\\n' + text;
    } catch (e) { result.textContent = 'Échec de la requête : ' + e.message; }
  }
  document.getElementById('run').addEventListener('click', run);
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
</script>
</body>
</html>
`;
}
