import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, runAxe, screenshot, startStaticServer, statusText, testPage, waitForWidget, SCHEMES, type PageProblems, type StaticServer } from './harness.ts';
import { startGateway, type RunningGateway } from './gateway.ts';
import { exportWidgetJson } from '../scripts/export-widget-json.ts';

// Bad input and static files: every failure is a clear French message inside the widget, announced in its
// role="status" region, never a blank box and never an uncaught exception.

let gateway: RunningGateway;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [gateway, server, browser] = await Promise.all([startGateway(), startStaticServer(), launchBrowser()]);
  server.files.set('lozere.json', JSON.stringify(await exportWidgetJson(gateway.store.db, SCHEMES.lozere)));
  server.files.set('seine-et-marne.json', JSON.stringify(await exportWidgetJson(gateway.store.db, SCHEMES.seineEtMarne)));
  server.files.set('malformed.json', '{ "SchemeOverview": { "scheme": ');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.close();
});

function scriptErrors(problems: PageProblems): string[] {
  // "Failed to load resource" is the browser's own log of an HTTP failure, not a script error.
  return [...problems.pageErrors, ...problems.consoleErrors.filter((m) => !m.startsWith('Failed to load resource'))];
}

describe('failures are shown in French inside the widget', () => {
  const cases = [
    { name: 'unreachable endpoint', markup: `<sosms-scheme endpoint="http://127.0.0.1:9/graphql" scheme="${SCHEMES.lozere}"></sosms-scheme>`, message: /injoignable/ },
    { name: 'unknown scheme code', markup: () => `<sosms-scheme endpoint="${gateway.url}" scheme="99-1900-1904"></sosms-scheme>`, message: /Schéma introuvable ou non publié \(99-1900-1904\)/ },
    { name: 'malformed JSON in src', markup: `<sosms-scheme src="/files/malformed.json" scheme="${SCHEMES.lozere}"></sosms-scheme>`, message: /n’est pas un JSON valide/ },
    { name: 'missing static file', markup: `<sosms-scheme src="/files/absent.json" scheme="${SCHEMES.lozere}"></sosms-scheme>`, message: /erreur \(404/ },
    {
      name: 'GraphQL error from the gateway',
      markup: () => `<sosms-search endpoint="${gateway.url}" theme-filter="not_a_theme"></sosms-search>`,
      message: /refusée par le serveur de données/,
    },
    { name: 'neither endpoint nor src', markup: `<sosms-timeline scheme="${SCHEMES.lozere}"></sosms-timeline>`, message: /mal configuré/ },
    { name: 'unknown action code', markup: () => `<sosms-action endpoint="${gateway.url}" scheme="${SCHEMES.seineEtMarne}" action="9.9.9"></sosms-action>`, message: /Action introuvable dans ce schéma \(9\.9\.9\)/ },
  ];

  for (const { name, markup, message } of cases) {
    test(name, async () => {
      const html = typeof markup === 'function' ? markup() : markup;
      const tag = /<(sosms-[a-z]+)/.exec(html)![1];
      const page = `error-${name.replace(/\W+/g, '-')}`;
      server.pages.set(`${page}.html`, testPage(html));
      const { page: p, problems } = await openPage(browser, `${server.url}/pages/${page}.html`);
      await waitForWidget(p, tag);
      const text = await statusText(p, tag);
      expect(text).toMatch(/Impossible d’afficher ce contenu/);
      expect(text).toMatch(message);
      const box = await p.locator(tag).boundingBox();
      expect(box!.height).toBeGreaterThan(40);
      expect(await runAxe(p, tag)).toEqual([]);
      expect(scriptErrors(problems)).toEqual([]);
      await screenshot(p, tag, `error-${name.replace(/\W+/g, '-')}`);
      await p.context().close();
    });
  }

  test('English when lang="en"', async () => {
    server.pages.set('error-en.html', testPage(`<sosms-scheme lang="en" endpoint="${gateway.url}" scheme="99-1900-1904"></sosms-scheme>`, undefined, 'en'));
    const { page } = await openPage(browser, `${server.url}/pages/error-en.html`);
    await waitForWidget(page, 'sosms-scheme');
    expect(await statusText(page, 'sosms-scheme')).toMatch(/This content cannot be shown\s+Scheme not found or not published \(99-1900-1904\)/);
    await page.context().close();
  });
});

describe('static JSON export', () => {
  test('exportWidgetJson holds the data of every scheme query and the comparisons of its shared indicators', async () => {
    const json = await exportWidgetJson(gateway.store.db, SCHEMES.lozere);
    expect(Object.keys(json).sort()).toEqual(['CompareIndicator', 'Nomenclatures', 'SchemeActions', 'SchemeIndicators', 'SchemeOverview', 'SchemeProgress', 'SchemeProposals', 'SchemeTimeline']);
    expect((json.SchemeOverview as { scheme: { code: string } }).scheme.code).toBe(SCHEMES.lozere);
    const comparisons = json.CompareIndicator as { variables: { sharedCode: string; period: string } }[];
    expect(comparisons.map((c) => c.variables.sharedCode)).toEqual(['delai-accueil-social-jours', 'rsa-emploi-12m']);
    await expect(exportWidgetJson(gateway.store.db, '99-1900-1904')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('the committed example file (examples/embed/data) has the shape the export function writes today', async () => {
    const committed = JSON.parse(readFileSync(new URL('../../../examples/embed/data/48-2018-2022.widgets.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const fresh = await exportWidgetJson(gateway.store.db, SCHEMES.lozere);
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
    // Same scheme, same tree and same indicators (health may differ: it depends on today's date).
    const overview = (file: Record<string, unknown>) => {
      const scheme = (file.SchemeOverview as { scheme: { code: string; orientations: { nodes: { code: string }[] } } }).scheme;
      return { code: scheme.code, orientations: scheme.orientations.nodes.map((o) => o.code) };
    };
    expect(overview(committed)).toEqual(overview(fresh));
    expect(JSON.stringify(committed.SchemeIndicators).length).toBe(JSON.stringify(fresh.SchemeIndicators).length);
  });

  test('every widget renders from one static file, without any GraphQL endpoint', async () => {
    server.pages.set(
      'static.html',
      testPage(`
        <sosms-scheme id="scheme" src="/files/lozere.json" scheme="${SCHEMES.lozere}"></sosms-scheme>
        <sosms-indicator id="indicator" src="/files/lozere.json" scheme="${SCHEMES.lozere}" indicator="rsa-emploi-12m"></sosms-indicator>
        <sosms-progress id="progress" src="/files/lozere.json" scheme="${SCHEMES.lozere}"></sosms-progress>
        <sosms-timeline id="timeline" src="/files/lozere.json" scheme="${SCHEMES.lozere}"></sosms-timeline>
        <sosms-compare id="compare" src="/files/lozere.json" scheme="${SCHEMES.lozere}" shared-code="delai-accueil-social-jours"></sosms-compare>
        <sosms-action id="action" src="/files/seine-et-marne.json" scheme="${SCHEMES.seineEtMarne}" action="1.1.2"></sosms-action>
        <sosms-search id="search" src="/files/seine-et-marne.json" scheme="${SCHEMES.seineEtMarne}" query="observatoire"></sosms-search>`),
    );
    const requests: string[] = [];
    const { page, problems } = await openPage(browser, `${server.url}/pages/static.html`);
    page.on('request', (r) => requests.push(r.url()));
    const ids = ['scheme', 'indicator', 'progress', 'timeline', 'compare', 'action', 'search'];
    for (const id of ids) await waitForWidget(page, `#${id}`);
    for (const id of ids) expect(await statusText(page, `#${id}`), id).not.toMatch(/Impossible/);
    const shown = await page.evaluate(() => ({
      top: document.querySelector('#scheme')!.shadowRoot!.querySelectorAll('[part="tree"] > .fr-accordion').length,
      compareRows: document.querySelector('#compare')!.shadowRoot!.querySelectorAll('table tbody tr').length,
      action: document.querySelector('#action')!.shadowRoot!.querySelector('h2')?.textContent ?? '',
      results: [...document.querySelector('#search')!.shadowRoot!.querySelectorAll('.sosms-result')].map((li) => li.textContent ?? ''),
    }));
    expect(shown.top).toBe(4);
    expect(shown.compareRows).toBeGreaterThanOrEqual(2);
    expect(shown.action).toContain('1.1.2');
    expect(shown.results.length).toBeGreaterThan(0);
    expect(shown.results.every((r) => /observatoire/i.test(r))).toBe(true);
    expect(requests.filter((u) => u.includes('/graphql'))).toEqual([]);
    expect(scriptErrors(problems)).toEqual([]);
    await page.context().close();
  });
});
