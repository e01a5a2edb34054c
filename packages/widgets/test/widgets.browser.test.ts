import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  openPage,
  runAxe,
  screenshot,
  startStaticServer,
  statusText,
  testPage,
  waitForWidget,
  SCHEMES,
  type PageProblems,
  type StaticServer,
} from './harness.ts';
import { startGateway, type RunningGateway } from './gateway.ts';
import { readSchemeFacts, type SchemeFacts } from './oracle.ts';

// Every widget rendered by the built bundle in Debian's Chromium against the real gateway,
// which serves the five real schemes from an in-memory PGlite store.

let gateway: RunningGateway;
let server: StaticServer;
let browser: Browser;
let facts: Map<string, SchemeFacts>;

beforeAll(async () => {
  [gateway, server, browser, facts] = await Promise.all([startGateway(), startStaticServer(), launchBrowser(), readSchemeFacts()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.close();
});

/** Serve `body` as a page (full bundle) and open it. */
async function show(name: string, body: string, options: { colorScheme?: 'light' | 'dark'; script?: string } = {}) {
  server.pages.set(`${name}.html`, testPage(body, options.script));
  return openPage(browser, `${server.url}/pages/${name}.html`, options);
}

/** Evaluate a function on a widget's shadow root. */
function inShadow<T>(page: Page, selector: string, fn: (root: ShadowRoot) => T): Promise<T> {
  return page.evaluate(
    ({ selector, source }) => {
      const root = document.querySelector(selector)?.shadowRoot;
      if (!root) throw new Error(`no shadow root for ${selector}`);
      return (0, eval)(`(${source})`)(root);
    },
    { selector, source: fn.toString() },
  ) as Promise<T>;
}

/** Browser logs of failed HTTP requests are not script errors; everything else must be empty. */
function scriptErrors(problems: PageProblems): string[] {
  return [...problems.pageErrors, ...problems.consoleErrors.filter((m) => !m.startsWith('Failed to load resource'))];
}

const ALL_WIDGETS = (endpoint: string, theme: string) => `
  <sosms-scheme id="scheme" endpoint="${endpoint}" scheme="${SCHEMES.seineEtMarne}" theme="${theme}" expand-all></sosms-scheme>
  <sosms-action id="action" endpoint="${endpoint}" scheme="${SCHEMES.seineEtMarne}" action="1.1.2" theme="${theme}"></sosms-action>
  <sosms-indicator id="indicator" endpoint="${endpoint}" scheme="${SCHEMES.lozere}" indicator="delai-accueil-social-jours" theme="${theme}"></sosms-indicator>
  <sosms-progress id="progress" endpoint="${endpoint}" scheme="${SCHEMES.seineEtMarne}" theme="${theme}"></sosms-progress>
  <sosms-timeline id="timeline" endpoint="${endpoint}" scheme="${SCHEMES.lozere}" theme="${theme}"></sosms-timeline>
  <sosms-compare id="compare" endpoint="${endpoint}" shared-code="delai-accueil-social-jours" theme="${theme}"></sosms-compare>
  <sosms-search id="search" endpoint="${endpoint}" theme="${theme}"></sosms-search>`;

const WIDGET_IDS = ['scheme', 'action', 'indicator', 'progress', 'timeline', 'compare', 'search'] as const;

describe('sosms-scheme on the five real schemes', () => {
  for (const code of Object.values(SCHEMES)) {
    test(`${code}: title, départements, and the whole orientation tree down to the actions`, async () => {
      const expected = facts.get(code)!;
      const { page, problems } = await show(`scheme-${code}`, `<sosms-scheme endpoint="${gateway.url}" scheme="${code}"></sosms-scheme>`);
      await waitForWidget(page, 'sosms-scheme');
      const closed = await inShadow(page, 'sosms-scheme', (root) => ({
        title: root.querySelector('h2')?.textContent ?? '',
        meta: root.querySelector('.sosms-meta')?.textContent ?? '',
        top: root.querySelectorAll('[part="tree"] > .fr-accordion > .fr-accordion__title > .fr-accordion__btn').length,
        expanded: [...root.querySelectorAll('.fr-accordion__btn')].filter((b) => b.getAttribute('aria-expanded') === 'true').length,
      }));
      expect(closed.title).toContain(expected.title);
      for (const department of expected.departments) expect(closed.meta).toContain(department);
      expect(closed.top).toBe(expected.topOrientations);
      expect(closed.expanded).toBe(0);

      // Open everything by clicking each closed button until none is left.
      for (;;) {
        const button = page.locator('sosms-scheme').locator('button.fr-accordion__btn[aria-expanded="false"]').first();
        if ((await button.count()) === 0) break;
        await button.click();
      }
      const open = await inShadow(page, 'sosms-scheme', (root) => ({
        orientations: root.querySelectorAll('.fr-accordion__btn').length,
        actions: root.querySelectorAll('.sosms-action').length,
        progressbars: [...root.querySelectorAll('[role="progressbar"]')].every((p) => (p.getAttribute('aria-label') ?? '').length > 0),
      }));
      expect(open.orientations).toBe(expected.orientations);
      expect(open.actions).toBe(expected.actions);
      expect(open.progressbars).toBe(true);
      await screenshot(page, 'sosms-scheme', `sosms-scheme-${code}`);
      expect(scriptErrors(problems)).toEqual([]);
      await page.context().close();
    });
  }

  test('Lozère shows its 4 orientations and 16 axes; the interdepartmental scheme shows 92 and 78', async () => {
    const { page } = await show(
      'scheme-lozere-92-78',
      `<sosms-scheme id="lozere" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}" expand-all></sosms-scheme>
       <sosms-scheme id="inter" endpoint="${gateway.url}" scheme="${SCHEMES.interdepartmental}"></sosms-scheme>`,
    );
    await waitForWidget(page, '#lozere');
    await waitForWidget(page, '#inter');
    const lozere = await inShadow(page, '#lozere', (root) => ({
      top: root.querySelectorAll('[part="tree"] > .fr-accordion').length,
      axes: root.querySelectorAll('[part="tree"] > .fr-accordion .fr-collapse .fr-accordion').length,
    }));
    expect(lozere).toEqual({ top: 4, axes: 16 });
    const inter = await inShadow(page, '#inter', (root) => root.querySelector('.sosms-meta')?.textContent?.replace(/\s+/g, ' ') ?? '');
    expect(inter).toContain('Départements');
    expect(inter).toContain('92, 78');
    await page.context().close();
  });
});

describe('keyboard', () => {
  test('the accordion is operable with Tab, Enter and Space alone, with aria-expanded and aria-controls kept right', async () => {
    const { page, problems } = await show('keyboard', `<sosms-scheme endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>`);
    await waitForWidget(page, 'sosms-scheme');
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const el = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
        const controls = el?.getAttribute('aria-controls');
        const panel = controls ? host?.shadowRoot?.getElementById(controls) : null;
        return {
          host: host?.tagName.toLowerCase(),
          code: el?.dataset.code ?? null,
          expanded: el?.getAttribute('aria-expanded') ?? null,
          panelHidden: panel ? panel.hidden : null,
          outline: el ? getComputedStyle(el).outlineStyle : null,
        };
      });

    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ host: 'sosms-scheme', code: '1', expanded: 'false', panelHidden: true });
    // A visible focus indicator (:focus-visible outline).
    expect((await focused()).outline).not.toBe('none');

    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ code: '1', expanded: 'true', panelHidden: false });

    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ code: '1.1', expanded: 'false' });
    await page.keyboard.press('Space');
    expect(await focused()).toMatchObject({ code: '1.1', expanded: 'true', panelHidden: false });

    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ code: '1.2' });
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatchObject({ code: '1.1', expanded: 'true' });
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ code: '1.1', expanded: 'false', panelHidden: true });

    // Closing the parent moves on to the next top-level orientation.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ code: '1', expanded: 'false' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ code: '2', expanded: 'false' });
    expect(scriptErrors(problems)).toEqual([]);
    await page.context().close();
  });
});

describe('each widget against the gateway', () => {
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    ({ page, problems } = await show('all-light', ALL_WIDGETS(gateway.url, 'light')));
    for (const id of WIDGET_IDS) await waitForWidget(page, `#${id}`);
  });
  afterAll(() => page.context().close());

  test('no widget failed and no script error was reported', async () => {
    for (const id of WIDGET_IDS) {
      const text = await statusText(page, `#${id}`);
      expect(text, id).not.toMatch(/Impossible|introuvable|injoignable/);
    }
    expect(scriptErrors(problems)).toEqual([]);
  });

  test('sosms-action shows the fiche-action with its status badge', async () => {
    const sheet = await inShadow(page, '#action', (root) => ({
      title: root.querySelector('h2')?.textContent ?? '',
      badges: root.querySelector('.fr-badges-group')?.textContent?.replace(/\s+/g, ' ') ?? '',
      dl: root.querySelector('.sosms-meta')?.textContent?.replace(/\s+/g, ' ') ?? '',
    }));
    expect(sheet.title).toContain('1.1.2');
    expect(sheet.title).toContain('observatoire');
    expect(sheet.badges).toContain('Réalisée');
    expect(sheet.dl).toContain('Priorité');
    await screenshot(page, '#action', 'sosms-action');
  });

  test('sosms-indicator draws baseline and target lines and gives the same values as a table', async () => {
    const expected = facts.get(SCHEMES.lozere)!;
    const indicator = expected.file.orientations!.flatMap((o) => (o.orientations ?? []).flatMap((c) => c.indicators ?? [])).find((i) => i.code === 'delai-accueil-social-jours')!;
    const chart = await inShadow(page, '#indicator', (root) => ({
      svgLabel: root.querySelector('svg')?.getAttribute('aria-label') ?? '',
      role: root.querySelector('svg')?.getAttribute('role'),
      baseline: root.querySelectorAll('line.baseline').length,
      target: root.querySelectorAll('line.target').length,
      points: root.querySelectorAll('circle.point').length,
      rows: [...root.querySelectorAll('table tbody tr')].map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      illustrative: root.textContent?.includes('donnée illustrative') ?? false,
    }));
    expect(chart.role).toBe('img');
    expect(chart.svgLabel).toContain(indicator.name);
    expect(chart.baseline).toBe(1);
    expect(chart.target).toBe(1);
    expect(chart.points).toBe(indicator.measurements!.length);
    // One row per measurement, plus the baseline and the target.
    expect(chart.rows).toHaveLength(indicator.measurements!.length + 2);
    expect(chart.rows[0]).toContain(indicator.measurements![0].period);
    expect(chart.illustrative).toBe(true);
    await screenshot(page, '#indicator', 'sosms-indicator');
  });

  test('sosms-progress counts every action of the scheme by status and by health', async () => {
    const expected = facts.get(SCHEMES.seineEtMarne)!;
    const counts = await inShadow(page, '#progress', (root) =>
      [...root.querySelectorAll('table')].map((table) => [...table.querySelectorAll('tbody td.num')].reduce((sum, td) => sum + Number(td.textContent), 0)),
    );
    expect(counts).toEqual([expected.actions, expected.actions]);
    await screenshot(page, '#progress', 'sosms-progress');
  });

  test('sosms-timeline lists phases, consultation events and meetings in date order', async () => {
    const file = facts.get(SCHEMES.lozere)!.file;
    const expected =
      (file.phases ?? []).filter((p) => p.date ?? p.startDate ?? p.endDate).length +
      (file.consultationEvents ?? []).length +
      (file.governingBodies ?? []).reduce((n, b) => n + (b.meetings?.length ?? 0), 0);
    // One item per dated entry; a span (« mai – juillet 2018 ») is text, not a <time>, so order is checked on the others.
    const dates = await inShadow(page, '#timeline', (root) => [...root.querySelectorAll('li')].map((li) => li.querySelector('time')?.getAttribute('datetime') ?? null));
    expect(dates).toHaveLength(expected);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated.length).toBeGreaterThan(0);
    expect([...dated].sort()).toEqual(dated);
    await screenshot(page, '#timeline', 'sosms-timeline');
  });

  test('sosms-compare shows one shared indicator across départements as bars and a table', async () => {
    const table = await inShadow(page, '#compare', (root) => ({
      rows: [...root.querySelectorAll('table tbody th')].map((th) => th.textContent ?? ''),
      bars: root.querySelectorAll('.sosms-bars__row').length,
    }));
    expect(table.rows.length).toBeGreaterThanOrEqual(2);
    expect(table.rows.some((r) => r.includes('48'))).toBe(true);
    expect(table.bars).toBe(table.rows.length);
    await screenshot(page, '#compare', 'sosms-compare');
  });

  test('sosms-search finds actions across schemes by words, with the keyboard', async () => {
    const search = page.locator('#search');
    await search.locator('input[type="search"]').fill('observatoire');
    await search.locator('input[type="search"]').press('Enter');
    await page.waitForFunction(() => {
      const root = document.querySelector('#search')?.shadowRoot;
      const items = [...(root?.querySelectorAll('.sosms-result') ?? [])];
      return items.length > 0 && items.every((li) => /observatoire/i.test(li.textContent ?? ''));
    });
    const results = await inShadow(page, '#search', (root) => ({
      count: root.querySelector('.sosms-search__count')?.textContent?.trim() ?? '',
      schemes: [...root.querySelectorAll('.sosms-result .fr-text--mention')].map((p) => p.textContent ?? ''),
      focus: root.activeElement?.id ?? null,
    }));
    expect(results.count).toMatch(/^\d+ résultat/);
    expect(results.schemes.length).toBeGreaterThan(0);
    // The search field keeps the focus while results load.
    expect(results.focus).toBe('q');

    // Filter by theme: every result carries that theme's tag.
    await search.locator('input[type="search"]').fill('');
    await search.locator('select#theme').selectOption('needs_observation');
    await search.locator('button[type="submit"]').click();
    await page.waitForFunction(() => {
      const root = document.querySelector('#search')?.shadowRoot;
      const items = [...(root?.querySelectorAll('.sosms-result') ?? [])];
      return items.length > 0 && items.every((li) => (li.textContent ?? '').includes('Observation des besoins des territoires'));
    });
    await screenshot(page, '#search', 'sosms-search');
    await screenshot(page, '#scheme', 'sosms-scheme-expanded');
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`every widget has zero violations in the ${theme} theme`, async () => {
      const { page, problems } = await show(`axe-${theme}`, ALL_WIDGETS(gateway.url, theme), { colorScheme: theme });
      for (const id of WIDGET_IDS) await waitForWidget(page, `#${id}`);
      const violations: Record<string, unknown> = {};
      for (const id of WIDGET_IDS) {
        const found = await runAxe(page, `#${id}`);
        if (found.length) violations[id] = found;
      }
      expect(violations).toEqual({});
      if (theme === 'dark') for (const id of WIDGET_IDS) await screenshot(page, `#${id}`, `sosms-${id}-dark`);
      expect(scriptErrors(problems)).toEqual([]);
      await page.context().close();
    });
  }

  test('theme="system" follows the reader’s dark preference', async () => {
    const { page } = await show('system-dark', `<sosms-progress endpoint="${gateway.url}" scheme="${SCHEMES.seineEtMarne}" theme="system"></sosms-progress>`, { colorScheme: 'dark' });
    await waitForWidget(page, 'sosms-progress');
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('sosms-progress')!.shadowRoot!.querySelector('.sosms-root')!).backgroundColor);
    expect(background).toBe('rgb(21, 25, 28)');
    expect(await runAxe(page, 'sosms-progress')).toEqual([]);
    await page.context().close();
  });
});
