import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type http from 'node:http';
import type { ExampleQuery } from './playground.ts';

/**
 * The query page: GraphiQL 3 served by the gateway itself, from the npm packages' own browser bundles
 * (graphiql, react and react-dom in node_modules; no CDN, no build step), under a strict Content Security
 * Policy (scripts and styles from the gateway only, no inline script). The examples of examples/queries
 * are one click away in an « Exemples » panel, open at start, with a « Jeton » field that writes the
 * `Authorization` header (never stored by the browser).
 */

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The policy of the page and its files: nothing from elsewhere, no inline script, no eval. */
export const GRAPHIQL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A file the page loads, read once on first use. */
interface Asset {
  readonly type: string;
  readonly load: () => Buffer;
}

const text = (value: string) => () => Buffer.from(value, 'utf8');

/** The page's own script: reads its settings from a JSON data block and mounts GraphiQL. */
const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sosms-graphiql-config').textContent);
  var h = React.createElement;
  var useEditorContext = GraphiQL.React.useEditorContext;
  function variablesOf(query) {
    var m = /^# variables: (.*)$/m.exec(query);
    return m ? m[1] : '{}';
  }
  // The operation an example defines, so that GraphiQL never sends the name of the one shown before.
  function operationOf(query) {
    var m = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(query);
    return m ? m[1] : null;
  }
  function headersFor(token) {
    var t = token.trim();
    return t ? JSON.stringify({ Authorization: 'Bearer ' + t }, null, 2) : '{}';
  }
  function ExamplesPanel() {
    var editors = useEditorContext({ nonNull: true });
    var current = React.useRef(editors);
    current.current = editors;
    var tokenState = React.useState('');
    // The editors appear once GraphiQL has mounted them: a click before that waits for them (up to 10 s).
    function load(example, tries) {
      var e = current.current;
      if (e.queryEditor && e.variableEditor) {
        e.queryEditor.setValue(example.query);
        e.variableEditor.setValue(variablesOf(example.query));
        if (e.setOperationName) e.setOperationName(operationOf(example.query));
      } else if (tries < 100) {
        setTimeout(function () { load(example, tries + 1); }, 100);
      }
    }
    return h('div', { className: 'sosms-examples' },
      h('p', { className: 'graphiql-doc-explorer-title' }, 'Exemples'),
      h('p', null, 'Un clic charge la requête et ses variables ; exécutez-la avec le bouton ▶ ou Ctrl+Entrée.'),
      h('ul', null, config.examples.map(function (example) {
        return h('li', { key: example.name },
          h('button', {
            type: 'button',
            className: 'graphiql-button sosms-example',
            'data-example': example.name,
            title: example.description,
            onClick: function () { load(example, 0); }
          }, example.title));
      })),
      h('label', { htmlFor: 'sosms-token' }, 'Jeton (facultatif : brouillons et modifications)'),
      h('input', {
        id: 'sosms-token',
        type: 'password',
        autoComplete: 'off',
        placeholder: 'sosms_…',
        value: tokenState[0],
        onChange: function (event) {
          tokenState[1](event.target.value);
          if (current.current.headerEditor) current.current.headerEditor.setValue(headersFor(event.target.value));
        }
      }),
      h('p', { className: 'sosms-hint' }, 'Le jeton est envoyé dans l’en-tête Authorization (onglet « Headers ») et n’est pas conservé par le navigateur.'));
  }
  var examplesPlugin = {
    title: 'Exemples',
    icon: function () { return h('span', { 'aria-hidden': 'true', className: 'sosms-plugin-icon' }, 'Ex'); },
    content: function () { return h(ExamplesPanel); }
  };
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint, headers: { 'Accept-Language': 'fr' } });
  var first = config.examples[0];
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(h(GraphiQL, {
    fetcher: fetcher,
    plugins: [examplesPlugin],
    visiblePlugin: examplesPlugin,
    defaultQuery: first ? first.query : '{ schemes(first: 5) { totalCount nodes { code title departments status } } }',
    defaultHeaders: '{}',
    variables: first ? variablesOf(first.query) : undefined,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'variables',
    storage: GraphiQL.createLocalStorage({ namespace: 'sosms-graphiql' })
  }));
})();
`;

const PAGE_STYLE = `html, body, #graphiql { height: 100%; margin: 0; }
.sosms-examples ul { list-style: none; padding: 0; margin: 0 0 1rem; }
.sosms-examples li { margin-bottom: .25rem; }
.sosms-example { width: 100%; text-align: left; }
.sosms-examples label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
.sosms-examples input { width: 100%; box-sizing: border-box; font-family: var(--font-family-mono, monospace); padding: .4rem; }
.sosms-hint { font-size: .85em; opacity: .8; }
.sosms-plugin-icon { font-weight: 700; font-size: .8rem; }
`;

/** The files of the page, by name under `<path>/graphiql/`. */
const ASSETS: Readonly<Record<string, Asset>> = {
  'react.production.min.js': { type: 'text/javascript; charset=utf-8', load: () => readFileSync(join(packageDir('react'), 'umd/react.production.min.js')) },
  'react-dom.production.min.js': { type: 'text/javascript; charset=utf-8', load: () => readFileSync(join(packageDir('react-dom'), 'umd/react-dom.production.min.js')) },
  'graphiql.min.js': { type: 'text/javascript; charset=utf-8', load: () => readFileSync(join(packageDir('graphiql'), 'graphiql.min.js')) },
  'graphiql.min.css': { type: 'text/css; charset=utf-8', load: () => readFileSync(join(packageDir('graphiql'), 'graphiql.min.css')) },
  'sosms-graphiql.js': { type: 'text/javascript; charset=utf-8', load: text(PAGE_SCRIPT) },
  'sosms-graphiql.css': { type: 'text/css; charset=utf-8', load: text(PAGE_STYLE) },
};

/** JSON safe inside a `<script type="application/json">` data block. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The title and description of an example: its first and second comment lines. */
function describeExample(example: ExampleQuery): { name: string; title: string; description: string; query: string } {
  const comments = example.query.split('\n').filter((l) => l.startsWith('# ') && !l.startsWith('# variables:'));
  const number = /^(\d+)-/.exec(example.name)?.[1];
  const first = comments[0]?.slice(2).replace(/\s*[:.(].*$/, '') ?? example.name;
  return { name: example.name, title: `${number ? `${Number(number)}. ` : ''}${first}`, description: comments.slice(0, 2).map((l) => l.slice(2)).join(' '), query: example.query };
}

/** Compressed copies of the files, made once each (a handful of files, three encodings: bounded). */
const cache = new Map<string, { body: Buffer; etag: string }>();
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * The GraphiQL page and its files for a gateway answering GraphQL at `endpoint`.
 *
 * ### Examples
 * ```ts
 * const graphiql = createGraphiQL('/graphql', readExamples());
 * if (await graphiql.serveAsset(req, res, '/graphql/graphiql/graphiql.min.js')) return;
 * graphiql.servePage(res);
 * ```
 */
export function createGraphiQL(endpoint: string, examples: readonly ExampleQuery[]) {
  const base = `${endpoint}/graphiql`;
  const config = { endpoint, examples: examples.map(describeExample) };
  const page = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SOSMS — essayer l'API GraphQL (GraphiQL)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/graphiql.min.css">
<link rel="stylesheet" href="${base}/sosms-graphiql.css">
</head>
<body>
<div id="graphiql">Chargement de GraphiQL… (JavaScript requis ; l'API répond aussi à curl : POST ${endpoint})</div>
<script type="application/json" id="sosms-graphiql-config">${inlineJson(config)}</script>
<script src="${base}/react.production.min.js"></script>
<script src="${base}/react-dom.production.min.js"></script>
<script src="${base}/graphiql.min.js"></script>
<script src="${base}/sosms-graphiql.js"></script>
</body>
</html>
`;
  return {
    /** Where the files are served. */
    base,
    /** Answer the page itself. */
    servePage(res: http.ServerResponse): void {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': GRAPHIQL_CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      res.end(page);
    },
    /** Answer one of the page's files when `pathname` names one (true), else do nothing (false). */
    async serveAsset(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean> {
      if (!pathname.startsWith(`${base}/`)) return false;
      const name = pathname.slice(base.length + 1);
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset) return false;
      const accepted = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
      const key = `${name}:${encoding}`;
      let entry = cache.get(key);
      if (!entry) {
        const raw = asset.load();
        const body =
          encoding === 'br' ? await brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }) : encoding === 'gzip' ? await gzip(raw, { level: 9 }) : raw;
        entry = { body, etag: `"${createHash('sha256').update(raw).digest('hex').slice(0, 24)}"` };
        cache.set(key, entry);
      }
      const headers: Record<string, string> = {
        'content-type': asset.type,
        'cache-control': 'public, max-age=86400',
        etag: entry.etag,
        vary: 'Accept-Encoding',
        'x-content-type-options': 'nosniff',
        'content-security-policy': GRAPHIQL_CSP,
      };
      if (req.headers['if-none-match'] === entry.etag) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      if (encoding !== 'identity') headers['content-encoding'] = encoding;
      headers['content-length'] = String(entry.body.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : entry.body);
      return true;
    },
  };
}
