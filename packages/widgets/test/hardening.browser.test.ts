import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { importSchemeFile } from '@sosms/core';
import { launchBrowser, openPage, runAxe, screenshot, startStaticServer, statusText, testPage, waitForWidget, SCHEMES, type PageProblems, type StaticServer } from './harness.ts';
import { startGateway, type RunningGateway } from './gateway.ts';
import { GENERATED_SCHEME, generatedScheme } from './generated.ts';
import { exportWidgetJson } from '../scripts/export-widget-json.ts';

// A département's real-looking host page: strict CSP, 320 px, hostile host CSS, :root theming, dark mode
// named by the host, forced colours, print, timeouts, paging past 100 actions. Every check reads what
// Chromium draws, never the widget's own idea of it.

let gateway: RunningGateway;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [gateway, server, browser] = await Promise.all([startGateway(), startStaticServer(), launchBrowser()]);
  // 150 actions (two pages of the gateway); imported twice so that one value has a second revision.
  await importSchemeFile(gateway.store.db, JSON.parse(JSON.stringify(generatedScheme(false))));
  await importSchemeFile(gateway.store.db, JSON.parse(JSON.stringify(generatedScheme(true))));
  server.files.set('lozere.json', JSON.stringify(await exportWidgetJson(gateway.store.db, SCHEMES.lozere)));
  server.files.set('generated.json', JSON.stringify(await exportWidgetJson(gateway.store.db, GENERATED_SCHEME)));
  server.files.set('hostile.css', '* { font-family: serif; color: red; background: yellow; line-height: 3; letter-spacing: 2px; text-transform: uppercase }');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.close();
});

const STRICT_CSP = () =>
  `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ${new URL(gateway.url).origin}; img-src 'self'; base-uri 'none'; form-action 'self'`;

/** Every widget on one page (the full bundle). */
const ALL = (endpoint: string, extra = '') => `
  <sosms-scheme id="scheme" endpoint="${endpoint}" scheme="${SCHEMES.seineEtMarne}" expand-all ${extra}></sosms-scheme>
  <sosms-action id="action" endpoint="${endpoint}" scheme="${SCHEMES.hautsDeSeine}" action="1.1" ${extra}></sosms-action>
  <sosms-indicator id="indicator" endpoint="${endpoint}" scheme="${SCHEMES.lozere}" indicator="delai-accueil-social-jours" show-table ${extra}></sosms-indicator>
  <sosms-progress id="progress" endpoint="${endpoint}" scheme="${SCHEMES.seineEtMarne}" ${extra}></sosms-progress>
  <sosms-timeline id="timeline" endpoint="${endpoint}" scheme="${SCHEMES.lozere}" ${extra}></sosms-timeline>
  <sosms-compare id="compare" endpoint="${endpoint}" shared-code="delai-accueil-social-jours" ${extra}></sosms-compare>
  <sosms-search id="search" endpoint="${endpoint}" query="observatoire" action-url="/schemas/{scheme}/actions/{action}" ${extra}></sosms-search>
  <sosms-proposals id="proposals" endpoint="${endpoint}" scheme="${SCHEMES.seineEtMarne}" ${extra}></sosms-proposals>`;
const IDS = ['scheme', 'action', 'indicator', 'progress', 'timeline', 'compare', 'search', 'proposals'] as const;

async function show(
  name: string,
  body: string,
  options: { csp?: boolean; width?: number; colorScheme?: 'light' | 'dark'; head?: string; lang?: string; htmlAttributes?: string } = {},
) {
  server.pages.set(`${name}.html`, testPage(body, undefined, options.lang ?? 'fr', options.head ?? '', options.htmlAttributes ?? ''));
  if (options.csp) server.headers.set(`${name}.html`, { 'content-security-policy': STRICT_CSP() });
  return openPage(browser, `${server.url}/pages/${name}.html`, options);
}

async function waitAll(page: Page, ids: readonly string[] = IDS): Promise<void> {
  for (const id of ids) await waitForWidget(page, `#${id}`);
}

function scriptErrors(problems: PageProblems): string[] {
  return [...problems.pageErrors, ...problems.consoleErrors.filter((m) => !m.startsWith('Failed to load resource'))];
}

/**
 * Every bar drawn on the page, with the fraction it should fill and the fraction it fills on screen:
 * progress bars (aria-valuenow), share bars (the percentage written beside them), comparison bars (value / max).
 */
function drawnBars(page: Page) {
  return page.evaluate(() => {
    const out: { widget: string; expected: number; drawn: number }[] = [];
    const fill = (track: Element, bar: Element) => {
      const t = track.getBoundingClientRect();
      const style = getComputedStyle(track);
      const inner = t.width - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
      return inner > 0 ? bar.getBoundingClientRect().width / inner : NaN;
    };
    for (const host of document.querySelectorAll('[id]')) {
      const root = host.shadowRoot;
      if (!root) continue;
      for (const track of root.querySelectorAll('.sosms-progress__track[aria-valuenow]')) {
        if (!track.getClientRects().length) continue; // inside a closed panel
        out.push({ widget: host.id, expected: Number(track.getAttribute('aria-valuenow')) / 100, drawn: fill(track, track.firstElementChild!) });
      }
      for (const share of root.querySelectorAll('.sosms-share')) {
        const percent = Number(/(\d+)\s*%/.exec(share.parentElement!.textContent ?? '')?.[1]);
        out.push({ widget: host.id, expected: percent / 100, drawn: fill(share, share.firstElementChild!) });
      }
      const bars = [...root.querySelectorAll<HTMLElement>('.sosms-bars__bar')];
      const values = bars.map((b) => Number(b.dataset.value || 0));
      const max = Math.max(0, ...values) || 1;
      bars.forEach((bar, i) => out.push({ widget: host.id, expected: Math.max(0, values[i]!) / max, drawn: fill(bar.parentElement!, bar) }));
    }
    return out;
  });
}

describe('strict Content-Security-Policy (no unsafe-inline, no eval)', () => {
  for (const width of [1100, 320]) {
    test(`every widget renders and every bar is drawn at its value (${width} px)`, async () => {
      const { page, problems } = await show(`csp-${width}`, ALL(gateway.url), { csp: true, width });
      await waitAll(page);
      for (const id of IDS) expect(await statusText(page, `#${id}`), id).not.toMatch(/Impossible/);
      const bars = await drawnBars(page);
      // Seine-et-Marne's tree, its counts, a fiche, search results and the comparison: dozens of bars.
      expect(bars.length).toBeGreaterThan(40);
      const wrong = bars.filter((b) => !(Math.abs(b.drawn - b.expected) <= 0.015));
      expect(wrong).toEqual([]);
      // Some bars are neither empty nor full: the test would see a style attribute refused.
      expect(bars.some((b) => b.expected > 0.05 && b.expected < 0.95)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
      // No style attribute parsed from markup anywhere in the widgets.
      const styled = await page.evaluate(() =>
        [...document.querySelectorAll('[id]')].flatMap((h) => [...(h.shadowRoot?.querySelectorAll('[style]') ?? [])].map((e) => `${h.id} ${e.className}`)),
      );
      expect(styled).toEqual([]);
      expect(scriptErrors(problems)).toEqual([]);
      await page.context().close();
    });
  }
});

describe('320 px wide (WCAG 1.4.10), light, dark and the DSFR look, axe at each', () => {
  const variants = [
    { name: 'neutral-light', width: 320, extra: '' },
    { name: 'neutral-dark', width: 320, extra: 'theme="dark"' },
    { name: 'dsfr-light', width: 320, extra: 'look="dsfr"' },
    { name: 'dsfr-dark', width: 320, extra: 'look="dsfr" theme="dark"' },
    { name: 'neutral-dark-desktop', width: 1100, extra: 'theme="dark"' },
    { name: 'dsfr-light-desktop', width: 1100, extra: 'look="dsfr"' },
  ];
  for (const { name, width, extra } of variants) {
    test(`${name} at ${width} px: no sideways scroll, scrolling tables are labelled regions, chart text ≥ 12 px, axe clean`, async () => {
      const { page, problems } = await show(`narrow-${name}`, ALL(gateway.url, extra), { csp: true, width, colorScheme: extra.includes('dark') ? 'dark' : 'light' });
      await waitAll(page);
      const layout = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
      }));
      expect(layout.scroll).toBeLessThanOrEqual(layout.viewport);
      const regions = await page.evaluate(() =>
        [...document.querySelectorAll('[id]')].flatMap((h) =>
          [...(h.shadowRoot?.querySelectorAll('table') ?? [])]
            .filter((table) => table.getClientRects().length && !table.closest('.fr-sr-only'))
            .map((table) => {
              const region = table.closest('.sosms-scroll');
              const label = region?.getAttribute('aria-labelledby');
              return {
                widget: h.id,
                region: region?.getAttribute('role') ?? null,
                tabindex: region?.getAttribute('tabindex') ?? null,
                name: label ? (h.shadowRoot!.getElementById(label)?.textContent?.trim().length ?? 0) > 0 : false,
              };
            }),
        ),
      );
      expect(regions.length).toBeGreaterThan(4);
      for (const r of regions) expect(r, r.widget).toMatchObject({ region: 'region', tabindex: '0', name: true });
      const chartText = await page.evaluate(() => {
        const svg = document.querySelector('#indicator')!.shadowRoot!.querySelector('svg')!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      });
      expect(chartText.length).toBeGreaterThan(3);
      expect(Math.min(...chartText)).toBeGreaterThanOrEqual(12);
      const violations: Record<string, unknown> = {};
      for (const id of IDS) {
        const found = await runAxe(page, `#${id}`);
        if (found.length) violations[id] = found;
      }
      expect(violations).toEqual({});
      if (width === 320) for (const id of ['scheme', 'timeline', 'indicator', 'compare']) await screenshot(page, `#${id}`, `${name}-320-${id}`);
      expect(scriptErrors(problems)).toEqual([]);
      await page.context().close();
    });
  }

  test('the chart is redrawn when its container narrows, its text staying at 12 px', async () => {
    const { page } = await show('chart-resize', `<sosms-indicator id="indicator" endpoint="${gateway.url}" scheme="${SCHEMES.hautsDeSeine}"></sosms-indicator>`);
    await waitForWidget(page, '#indicator');
    const measure = () =>
      page.evaluate(() => {
        const svg = document.querySelector('#indicator')!.shadowRoot!.querySelector('svg')!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return { viewBox: svg.viewBox.baseVal.width, text: Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)) };
      });
    const wide = await measure();
    await page.setViewportSize({ width: 320, height: 900 });
    await page.waitForFunction((before) => document.querySelector('#indicator')!.shadowRoot!.querySelector('svg')!.viewBox.baseVal.width < before, wide.viewBox);
    const narrow = await measure();
    expect(narrow.viewBox).toBeLessThan(wide.viewBox);
    expect(narrow.text).toBeGreaterThanOrEqual(12);
    await page.context().close();
  });
});

describe('isolation and theming', () => {
  test('a hostile host rule (* { font-family: serif; color: red }) changes no text of the widgets', async () => {
    const { page } = await show('hostile', ALL(gateway.url), { head: '<link rel="stylesheet" href="/css/hostile.css">' });
    await waitAll(page);
    const bad = await page.evaluate(() =>
      [...document.querySelectorAll('[id]')].flatMap((h) =>
        [...(h.shadowRoot?.querySelectorAll('p, span, dt, dd, li, th, td, button, a, h2, h3, h4, caption, label') ?? [])]
          .filter((e) => e.getClientRects().length)
          .map((e) => ({ widget: h.id, style: getComputedStyle(e) }))
          .filter(({ style }) => style.color === 'rgb(255, 0, 0)' || /serif/.test(style.fontFamily.replace(/sans-serif/g, '')) || style.textTransform === 'uppercase' || style.letterSpacing === '2px')
          .map(({ widget, style }) => `${widget}: ${style.color} ${style.fontFamily}`),
      ),
    );
    expect(bad).toEqual([]);
    // The host page's text is red serif indeed: the rule applies, the widgets are immune.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).color)).toBe('rgb(255, 0, 0)');
    for (const id of IDS) expect(await runAxe(page, `#${id}`), id).toEqual([]);
    await screenshot(page, '#scheme', 'hostile-css-scheme');
    await page.context().close();
  });

  test('custom properties set on :root theme the widgets; a light-only brand colour is not used in the dark theme', async () => {
    server.files.set('brand.css', ':root { --sosms-primary: #6b2c91; --sosms-font-family: Georgia, serif; } [data-theme="dark"] { --sosms-dark-background: #101010; }');
    const { page, problems } = await show(
      'root-theme',
      `<sosms-scheme id="light" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>
       <sosms-scheme id="dark" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}" dark-selector="[data-theme='dark']"></sosms-scheme>`,
      { head: '<link rel="stylesheet" href="/css/brand.css">' },
    );
    await waitAll(page, ['light', 'dark']);
    const look = (id: string) =>
      page.evaluate((sel) => {
        const root = document.querySelector(sel)!.shadowRoot!;
        return {
          button: getComputedStyle(root.querySelector('.fr-accordion__btn')!).color,
          background: getComputedStyle(root.querySelector('.sosms-root')!).backgroundColor,
          font: getComputedStyle(root.querySelector('.sosms-root')!).fontFamily,
        };
      }, `#${id}`);
    expect(await look('light')).toMatchObject({ button: 'rgb(107, 44, 145)', font: 'Georgia, serif' });
    expect((await look('dark')).background).toBe('rgb(255, 255, 255)');
    // The host turns its site dark: the widget that names that attribute follows, with its own dark primary.
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#dark')!.shadowRoot!.querySelector('.sosms-root')!).backgroundColor === 'rgb(16, 16, 16)');
    const dark = await look('dark');
    expect(dark.button).toBe('rgb(140, 200, 230)');
    expect((await look('light')).background).toBe('rgb(255, 255, 255)');
    expect(await runAxe(page, '#dark')).toEqual([]);
    await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#dark')!.shadowRoot!.querySelector('.sosms-root')!).backgroundColor === 'rgb(255, 255, 255)');
    // The chosen colours pass 4.5:1: no warning.
    expect(problems.warnings.filter((w) => w.includes('[sosms]'))).toEqual([]);
    await page.context().close();
  });

  test('theme="system" follows prefers-color-scheme', async () => {
    const { page } = await show('system-dark', `<sosms-progress id="p" endpoint="${gateway.url}" scheme="${SCHEMES.seineEtMarne}" theme="system"></sosms-progress>`, { colorScheme: 'dark' });
    await waitForWidget(page, '#p');
    const background = () => page.evaluate(() => getComputedStyle(document.querySelector('#p')!.shadowRoot!.querySelector('.sosms-root')!).backgroundColor);
    expect(await background()).toBe('rgb(21, 25, 28)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#p')!.shadowRoot!.querySelector('.sosms-root')!).backgroundColor === 'rgb(255, 255, 255)');
    await page.context().close();
  });

  test('a brand colour below 4.5:1 is reported in the console on a development page', async () => {
    server.files.set('pale.css', ':root { --sosms-primary: #f0c000; }');
    const { page, problems } = await show('pale', `<sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>`, { head: '<link rel="stylesheet" href="/css/pale.css">' });
    await waitForWidget(page, '#s');
    await page.waitForFunction(() => true);
    const warnings = problems.warnings.filter((w) => w.includes('[sosms]'));
    expect(warnings.some((w) => /contraste insuffisant 1,\d+:1 \(< 4,5:1\) entre --sosms-primary \(#f0c000\) et --sosms-background/.test(w))).toBe(true);
    await page.context().close();
  });

  test('::part exposes the main pieces to the host', async () => {
    server.files.set('parts.css', 'sosms-scheme::part(root) { border: 3px solid rgb(1, 2, 3); } sosms-scheme::part(accordion-button) { text-decoration: underline; }');
    const { page } = await show('parts', `<sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>`, { head: '<link rel="stylesheet" href="/css/parts.css">' });
    await waitForWidget(page, '#s');
    const styles = await page.evaluate(() => {
      const root = document.querySelector('#s')!.shadowRoot!;
      return { border: getComputedStyle(root.querySelector('[part="root"]')!).borderTopColor, button: getComputedStyle(root.querySelector('[part="accordion-button"]')!).textDecorationLine };
    });
    expect(styles).toEqual({ border: 'rgb(1, 2, 3)', button: 'underline' });
    await page.context().close();
  });
});

describe('forced colours, print, reduced motion, headings, languages', () => {
  test('forced colours (Windows contrast themes): every bar keeps a border and a visible fill', async () => {
    const { page } = await show('forced', ALL(gateway.url));
    await waitAll(page);
    await page.emulateMedia({ forcedColors: 'active' });
    const bars = await page.evaluate(() =>
      [...document.querySelectorAll('[id]')].flatMap((h) =>
        [...(h.shadowRoot?.querySelectorAll('.sosms-progress__bar, .sosms-share__bar, .sosms-bars__bar') ?? [])]
          .filter((bar) => bar.getClientRects().length && bar.getBoundingClientRect().width > 0)
          .map((bar) => {
            const fill = getComputedStyle(bar).backgroundColor;
            const track = getComputedStyle(bar.parentElement!);
            return { widget: h.id, fill, trackBackground: track.backgroundColor, border: track.borderTopStyle };
          }),
      ),
    );
    expect(bars.length).toBeGreaterThan(20);
    for (const bar of bars) {
      expect(bar.border, bar.widget).toBe('solid');
      expect(bar.fill, bar.widget).not.toBe('rgba(0, 0, 0, 0)');
      expect(bar.fill, bar.widget).not.toBe(bar.trackBackground);
    }
    const chart = await page.evaluate(() => getComputedStyle(document.querySelector('#indicator')!.shadowRoot!.querySelector('.values')!).stroke);
    expect(chart).not.toBe('none');
    await screenshot(page, '#progress', 'forced-colors-progress');
    await page.context().close();
  });

  test('print: every panel of the scheme is expanded and bars are drawn in black with a border', async () => {
    const { page } = await show('print', `<sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.seineEtMarne}"></sosms-scheme>`);
    await waitForWidget(page, '#s');
    const visible = () =>
      page.evaluate(() => {
        const root = document.querySelector('#s')!.shadowRoot!;
        return {
          panels: root.querySelectorAll('.fr-collapse').length,
          shown: [...root.querySelectorAll('.fr-collapse')].filter((p) => p.getClientRects().length > 0).length,
          actions: root.querySelectorAll('.sosms-action').length,
          actionsShown: [...root.querySelectorAll('.sosms-action')].filter((a) => a.getClientRects().length > 0).length,
        };
      });
    expect((await visible()).shown).toBe(0);
    await page.emulateMedia({ media: 'print' });
    const printed = await visible();
    expect(printed.shown).toBe(printed.panels);
    // Seine-et-Marne's 21 actions, all on paper.
    expect(printed.actions).toBe(21);
    expect(printed.actionsShown).toBe(21);
    const bar = await page.evaluate(() => {
      const root = document.querySelector('#s')!.shadowRoot!;
      const b = [...root.querySelectorAll('.sosms-progress__bar')].find((e) => e.getBoundingClientRect().width > 0)!;
      return { fill: getComputedStyle(b).backgroundColor, border: getComputedStyle(b.parentElement!).borderTopColor };
    });
    expect(bar).toEqual({ fill: 'rgb(0, 0, 0)', border: 'rgb(0, 0, 0)' });
    await page.context().close();
  });

  test('prefers-reduced-motion removes the accordion animation', async () => {
    const { page } = await show('motion', `<sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>`);
    await waitForWidget(page, '#s');
    const duration = () => page.evaluate(() => getComputedStyle(document.querySelector('#s')!.shadowRoot!.querySelector('.fr-accordion__btn')!, '::after').transitionDuration);
    expect(await duration()).not.toBe('0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await duration()).toBe('0s');
    await page.context().close();
  });

  test('heading-level sets the main heading and the levels below it follow', async () => {
    const { page } = await show(
      'headings',
      `<sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}" heading-level="4" expand-all></sosms-scheme>
       <sosms-action id="a" endpoint="${gateway.url}" scheme="${SCHEMES.hautsDeSeine}" action="1.1" heading-level="1"></sosms-action>`,
    );
    await waitAll(page, ['s', 'a']);
    const levels = (id: string) => page.evaluate((sel) => [...document.querySelector(sel)!.shadowRoot!.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.localName), `#${id}`);
    const scheme = await levels('s');
    expect(scheme[0]).toBe('h4');
    expect(new Set(scheme)).toEqual(new Set(['h4', 'h5', 'h6']));
    const action = await levels('a');
    expect(action[0]).toBe('h1');
    expect(action.slice(1).every((h) => h === 'h2')).toBe(true);
    await page.context().close();
  });

  test('lang="en": the interface is English and the scheme’s French content is marked lang="fr"', async () => {
    const { page } = await show('english', ALL(gateway.url, 'lang="en"'), { lang: 'en' });
    await waitAll(page);
    const marks = await page.evaluate(() => {
      const langOf = (e: Element | null) => e?.closest('[lang]')?.getAttribute('lang');
      const root = (id: string) => document.querySelector(id)!.shadowRoot!;
      const schemeTitle = root('#scheme').querySelector('h2 [lang]');
      const actionTitle = root('#scheme').querySelector('.sosms-action__title [lang]');
      const unit = [...root('#indicator').querySelectorAll('td.num [lang]')];
      return {
        meta: root('#scheme').querySelector('.sosms-meta dt')?.textContent,
        schemeTitle: [langOf(schemeTitle), schemeTitle?.textContent],
        actionTitle: langOf(actionTitle),
        units: unit.length,
        unitLang: unit.every((u) => u.getAttribute('lang') === 'fr'),
        rootLang: langOf(root('#scheme').querySelector('.sosms-meta')),
      };
    });
    expect(marks.meta).toBe('Period');
    expect(marks.rootLang).toBe('en');
    expect(marks.schemeTitle[0]).toBe('fr');
    expect(marks.schemeTitle[1]).toContain('Schéma');
    expect(marks.actionTitle).toBe('fr');
    expect(marks.units).toBeGreaterThan(0);
    expect(marks.unitLang).toBe(true);
    for (const id of IDS) expect(await runAxe(page, `#${id}`), id).toEqual([]);
    await page.context().close();
  });
});

/** A GraphQL endpoint that answers nothing for its first `hang` requests, then forwards to the gateway. */
async function startSlowEndpoint(hang: number, answer?: (res: http.ServerResponse) => void): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let count = 0;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type, accept-language');
    if (req.method === 'OPTIONS') return res.end();
    count += 1;
    if (count <= hang) return void held.push(res);
    if (answer) return answer(res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const target = new URL(gateway.url);
      target.search = new URL(req.url ?? '/', 'http://x').search;
      const response = await fetch(target, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(response.status, { 'content-type': 'application/json' });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests: () => count,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('failures', () => {
  test('an endpoint that never answers: an accessible timeout message and a retry button that works', async () => {
    const slow = await startSlowEndpoint(1);
    try {
      const { page, problems } = await show('timeout', `<sosms-scheme id="s" endpoint="${slow.url}" scheme="${SCHEMES.lozere}" timeout="800"></sosms-scheme>`);
      await waitForWidget(page, '#s');
      expect(await statusText(page, '#s')).toMatch(/Impossible d’afficher ce contenu\s+Le serveur de données n’a pas répondu à temps/);
      expect(await runAxe(page, '#s')).toEqual([]);
      const retry = page.locator('#s').getByRole('button', { name: 'Réessayer' });
      await retry.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#s')!.shadowRoot!.querySelectorAll('.fr-accordion').length > 0);
      expect(await statusText(page, '#s')).toBe('');
      // The request that hung, then the retry.
      expect(slow.requests()).toBe(2);
      expect(scriptErrors(problems)).toEqual([]);
      await page.context().close();
    } finally {
      await slow.close();
    }
  });

  test('queries go by GET, with no CORS preflight (cacheable by HTTP caches)', async () => {
    const calls: string[] = [];
    const { page } = await show('get', ALL(gateway.url));
    page.on('request', (r) => {
      if (r.url().startsWith(gateway.url)) calls.push(r.method());
    });
    await page.reload();
    await waitAll(page);
    for (const id of IDS) expect(await statusText(page, `#${id}`), id).toBe('');
    expect(calls.length).toBeGreaterThan(8);
    expect(new Set(calls)).toEqual(new Set(['GET']));
    await page.context().close();
  });

  test('a server’s raw message never reaches the reader, in French or English', async () => {
    const raw = await startSlowEndpoint(0, (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Cannot query field "x" on type "Query". at Object.resolve (/srv/app.js:12)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
    try {
      for (const lang of ['fr', 'en']) {
        const { page } = await show(`raw-${lang}`, `<sosms-timeline id="t" lang="${lang}" endpoint="${raw.url}" scheme="${SCHEMES.lozere}"></sosms-timeline>`, { lang });
        await waitForWidget(page, '#t');
        const text = await statusText(page, '#t');
        expect(text).toMatch(lang === 'fr' ? /refusée par le serveur de données/ : /The data server refused the query/);
        expect(text).not.toMatch(/Cannot|Object|app\.js|INTERNAL/);
        await page.context().close();
      }
    } finally {
      await raw.close();
    }
  });

  test('a missing attribute is named in the message', async () => {
    const { page } = await show(
      'missing',
      `<sosms-action id="a" endpoint="${gateway.url}" scheme="${SCHEMES.hautsDeSeine}"></sosms-action>
       <sosms-scheme id="s" endpoint="${gateway.url}"></sosms-scheme>
       <sosms-compare id="c" endpoint="${gateway.url}"></sosms-compare>
       <sosms-indicator id="i" lang="en" endpoint="${gateway.url}"></sosms-indicator>`,
    );
    await waitAll(page, ['a', 's', 'c', 'i']);
    expect(await statusText(page, '#a')).toContain('l’attribut « action » est obligatoire');
    expect(await statusText(page, '#s')).toContain('l’attribut « scheme » est obligatoire');
    expect(await statusText(page, '#c')).toContain('l’attribut « shared-code » est obligatoire');
    expect(await statusText(page, '#i')).toContain('the “scheme” attribute is required');
    await page.context().close();
  });

  test('a static file of another scheme is refused with a message', async () => {
    const { page } = await show('wrong-file', `<sosms-scheme id="s" src="/files/lozere.json" scheme="${SCHEMES.seineEtMarne}"></sosms-scheme>`);
    await waitForWidget(page, '#s');
    expect(await statusText(page, '#s')).toMatch(/décrit un autre schéma que celui demandé par l’attribut scheme \(48-2018-2022\)/);
    expect(await page.evaluate(() => document.querySelector('#s')!.shadowRoot!.querySelectorAll('.fr-accordion').length)).toBe(0);
    await page.context().close();
  });
});

describe('truth: nothing missing shown as a fact, nothing cut silently', () => {
  test('a scheme without adoption date reads « non renseigné », never « Non encore adopté »', async () => {
    const { page } = await show(
      'adoption',
      `<sosms-scheme id="l" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>
       <sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.sarthe}"></sosms-scheme>`,
    );
    await waitAll(page, ['l', 's']);
    const adoption = (id: string) =>
      page.evaluate((sel) => {
        const dl = document.querySelector(sel)!.shadowRoot!.querySelector('.sosms-meta')!;
        const dt = [...dl.querySelectorAll('dt')].find((d) => d.textContent === 'Adoption')!;
        return dt.nextElementSibling!.textContent!.trim();
      }, `#${id}`);
    expect(await adoption('l')).toBe('non renseigné');
    expect(await adoption('s')).toBe('10 mars 2016');
    expect(await page.evaluate(() => document.body.innerHTML + document.querySelector('#l')!.shadowRoot!.innerHTML)).not.toMatch(/Non encore adopté/);
    await page.context().close();
  });

  test('150 actions: sosms-scheme and sosms-progress page past 100, live and from the static file', async () => {
    for (const source of [`endpoint="${gateway.url}"`, 'src="/files/generated.json"']) {
      const { page } = await show(
        `paging-${source.startsWith('src') ? 'static' : 'live'}`,
        `<sosms-scheme id="s" ${source} scheme="${GENERATED_SCHEME}" expand-all></sosms-scheme>
         <sosms-progress id="p" ${source} scheme="${GENERATED_SCHEME}"></sosms-progress>`,
        { csp: true },
      );
      await waitAll(page, ['s', 'p']);
      const shown = await page.evaluate(() => {
        const s = document.querySelector('#s')!.shadowRoot!;
        const p = document.querySelector('#p')!.shadowRoot!;
        const dl = [...s.querySelectorAll('.sosms-meta dt')].find((d) => d.textContent === 'Actions')!;
        return {
          actions: s.querySelectorAll('.sosms-action').length,
          count: dl.nextElementSibling!.textContent!.trim(),
          sums: [...p.querySelectorAll('table')].map((t) => [...t.querySelectorAll('tbody td.num')].reduce((n, td) => n + Number(td.textContent), 0)),
          total: p.querySelector('[part="summary"] > p:not(.sosms-overall__label)')?.textContent?.trim(),
          marked: [...p.querySelectorAll('tbody td')].filter((td) => /illustratives/.test(td.textContent ?? '')).length,
          overall: p.querySelector('.sosms-overall [role="progressbar"]')!.getAttribute('aria-valuetext'),
        };
      });
      expect(shown).toMatchObject({ actions: 150, count: '150', sums: [150, 150], total: '150 actions' });
      // Every count comes from illustrative values here: each says so, and so does the overall figure.
      expect(shown.marked).toBeGreaterThanOrEqual(3);
      expect(shown.overall).toMatch(/calculé à partir de données illustratives/);
      await page.context().close();
    }
  });

  test('sosms-search pages its results (past 100), each a link naming its scheme and département', async () => {
    const { page } = await show('search-paging', `<sosms-search id="q" endpoint="${gateway.url}" query="générée" limit="60" action-url="/schemas/{scheme}/actions/{action}"></sosms-search>`, { csp: true });
    await waitForWidget(page, '#q');
    const state = () =>
      page.evaluate(() => {
        const root = document.querySelector('#q')!.shadowRoot!;
        return {
          count: root.querySelector('.sosms-search__count')!.textContent!.trim(),
          results: root.querySelectorAll('.sosms-result').length,
          more: root.querySelector('.sosms-more') !== null,
          links: [...root.querySelectorAll('.sosms-result a')].map((a) => a.getAttribute('href')),
          mention: root.querySelector('.sosms-result .fr-text--mention')?.textContent?.replace(/\s+/g, ' ').trim(),
          focus: root.activeElement?.className ?? null,
        };
      });
    expect(await state()).toMatchObject({ count: '60 résultat(s) affiché(s) sur 150', results: 60, more: true });
    await page.locator('#q').getByRole('button', { name: 'Afficher les résultats suivants' }).click();
    await page.waitForFunction(() => document.querySelector('#q')!.shadowRoot!.querySelectorAll('.sosms-result').length === 120);
    // The focus moves to the first new result.
    expect((await state()).focus).toBe('sosms-result');
    await page.locator('#q').getByRole('button', { name: 'Afficher les résultats suivants' }).click();
    await page.waitForFunction(() => document.querySelector('#q')!.shadowRoot!.querySelectorAll('.sosms-result').length === 150);
    const last = await state();
    expect(last).toMatchObject({ count: '150 résultat(s)', results: 150, more: false });
    expect(new Set(last.links).size).toBe(150);
    expect(last.links).toContain(`/schemas/${GENERATED_SCHEME}/actions/2.150`);
    expect(last.mention).toBe('Schéma : Schéma généré pour les tests — Département 01');
    expect(await runAxe(page, '#q')).toEqual([]);
    await page.context().close();
  });

  test('sosms-compare chooses the period where most départements have a value and says how many', async () => {
    const { page } = await show('compare-default', `<sosms-compare id="c" endpoint="${gateway.url}" shared-code="delai-accueil-social-jours"></sosms-compare>`);
    await waitForWidget(page, '#c');
    const shown = await page.evaluate(() => {
      const root = document.querySelector('#c')!.shadowRoot!;
      return {
        period: root.querySelector('.fr-text--mention')!.textContent!.trim(),
        coverage: root.querySelector('.sosms-coverage')!.textContent!.replace(/\s+/g, ' ').trim(),
        values: [...root.querySelectorAll('tbody td.num')].filter((td) => !/non renseigné/.test(td.textContent ?? '')).length,
        rows: root.querySelectorAll('tbody tr').length,
      };
    });
    // Count, from the real measurements, how many départements have a value in each period.
    const counts = new Map<string, Set<string>>();
    const rows = await gateway.store.db
      .selectFrom('measurement')
      .innerJoin('indicator', 'indicator.id', 'measurement.indicator_id')
      .select(['measurement.period', 'measurement.territory'])
      .where('indicator.shared_code', '=', 'delai-accueil-social-jours')
      .where('measurement.value', 'is not', null)
      .where('measurement.territory', 'like', 'dep:%')
      .execute();
    for (const r of rows) counts.set(r.period, (counts.get(r.period) ?? new Set()).add(r.territory));
    const best = Math.max(...[...counts.values()].map((s) => s.size));
    const expected = [...counts].filter(([, s]) => s.size === best).map(([p]) => p).sort().at(-1)!;
    expect(shown.period).toBe(`Période : ${expected}`);
    expect(shown.values).toBe(best);
    expect(shown.coverage).toBe(`${best} département(s) sur ${shown.rows} ont une valeur pour cette période.`);
    await page.context().close();
  });
});

describe('new views', () => {
  test('sosms-action shows the budget per year and funder with totals, and the territories', async () => {
    const { page } = await show('budget', `<sosms-action id="a" endpoint="${gateway.url}" scheme="${SCHEMES.hautsDeSeine}" action="1.1"></sosms-action>`, { csp: true });
    await waitForWidget(page, '#a');
    const sheet = await page.evaluate(() => {
      const root = document.querySelector('#a')!.shadowRoot!;
      const table = root.querySelector('[part="table-budget"] table')!;
      return {
        rows: [...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim()),
        total: table.querySelector('tfoot')!.textContent!.replace(/\s+/g, ' ').trim(),
        territories: [...root.querySelectorAll('.fr-tags-group')].map((u) => u.textContent!.replace(/\s+/g, ' ').trim()),
      };
    });
    expect(sheet.rows[0]).toMatch(/^2024 Département des Hauts-de-Seine 400 000 € 310 000 €$/);
    expect(sheet.rows[2]).toMatch(/^2026 .* 600 000 € non renseigné$/);
    expect(sheet.total).toMatch(/Total \(calculé à partir de données illustratives\) 1 900 000 € 1 130 000 €/);
    expect(sheet.territories.some((t) => t.includes('Hauts-de-Seine'))).toBe(true);
    // The indicators' current value is the gateway's latestMeasurement, not one the widget picks.
    const answer = (await (
      await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ scheme(code: "${SCHEMES.hautsDeSeine}") { actions { nodes { code indicators { nodes { latestMeasurement { value } } } } } } }` }),
      })
    ).json()) as { data: { scheme: { actions: { nodes: { code: string; indicators: { nodes: { latestMeasurement: { value: number | null } | null }[] } }[] } } } };
    const expected = answer.data.scheme.actions.nodes.find((a) => a.code === '1.1')!.indicators.nodes.map((i) => i.latestMeasurement?.value ?? null);
    const shownValues = await page.evaluate(() =>
      [...document.querySelector('#a')!.shadowRoot!.querySelectorAll('[part="table-indicators"] tbody tr')].map((tr) => tr.querySelectorAll('td')[1]!.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(shownValues.length).toBe(expected.length);
    shownValues.forEach((text, i) => (expected[i] === null ? expect(text).toBe('non renseigné') : expect(text.replace(/\u202f|\u00a0/g, ' ')).toMatch(new RegExp(`^${expected[i]}\\b`))));
    expect(await runAxe(page, '#a')).toEqual([]);
    await screenshot(page, '#a', 'sosms-action-budget');
    await page.context().close();
  });

  test('sosms-proposals traces each proposal to the actions it led to', async () => {
    const { page } = await show('proposals', `<sosms-proposals id="p" endpoint="${gateway.url}" scheme="${SCHEMES.seineEtMarne}" action-url="/actions/{action}"></sosms-proposals>`);
    await waitForWidget(page, '#p');
    const list = await page.evaluate(() =>
      [...document.querySelector('#p')!.shadowRoot!.querySelectorAll('.sosms-proposal')].map((li) => ({
        text: li.textContent!.replace(/\s+/g, ' ').trim(),
        links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      })),
    );
    expect(list.length).toBe(2);
    expect(list[0]!.text).toMatch(/Ouvrir des temps d'échange entre aidants.*Retenue.*Actions issues : Action 3\.3\.3/);
    expect(list[0]!.links).toEqual(['/actions/3.3.3']);
    expect(await runAxe(page, '#p')).toEqual([]);
    await page.context().close();
  });

  test('sosms-indicator lists the revisions of a corrected value, the earlier one kept', async () => {
    const { page } = await show('revisions', `<sosms-indicator id="i" endpoint="${gateway.url}" scheme="${GENERATED_SCHEME}" indicator="gen-ind"></sosms-indicator>`);
    await waitForWidget(page, '#i');
    const rows = await page.evaluate(() =>
      [...document.querySelector('#i')!.shadowRoot!.querySelectorAll('[part="table-revisions"] tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^2025 dep:01 1 10 personnes/);
    expect(rows[1]).toMatch(/^2025 dep:01 2 12 personnes .*Correction après contrôle$/);
    expect(await runAxe(page, '#i')).toEqual([]);
    await page.context().close();
  });
});
