import http from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The package root, dist/ and the screenshots folder (git-ignored). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUTPUT_DIR = join(PACKAGE_ROOT, 'test-output');

/** Codes of the five real schemes loaded by `loadDemoSchemes`. */
export const SCHEMES = {
  lozere: '48-2018-2022',
  sarthe: '72-2015-2019',
  seineEtMarne: '77-2019-2024',
  interdepartmental: '92-78-2018-2023',
  hautsDeSeine: '92-2024-2028',
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** A tiny static server on 127.0.0.1: `/dist/*` from the build, `/pages/<name>.html` and `/files/<name>` from memory. */
export interface StaticServer {
  readonly url: string;
  readonly pages: Map<string, string>;
  readonly files: Map<string, string>;
  /** Extra response headers of a page (e.g. a Content-Security-Policy), by page name. */
  readonly headers: Map<string, Record<string, string>>;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const files = new Map<string, string>();
  const headers = new Map<string, Record<string, string>>();
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(body);
    };
    if (path.startsWith('/pages/') && pages.has(path.slice(7))) return send(200, pages.get(path.slice(7))!, TYPES['.html'], headers.get(path.slice(7)));
    if (path.startsWith('/css/') && files.has(path.slice(5))) return send(200, files.get(path.slice(5))!, 'text/css; charset=utf-8');
    if (path.startsWith('/files/') && files.has(path.slice(7))) return send(200, files.get(path.slice(7))!, TYPES['.json']);
    if (path.startsWith('/dist/')) {
      const file = normalize(join(PACKAGE_ROOT, path));
      if (file.startsWith(join(PACKAGE_ROOT, 'dist')) && existsSync(file)) return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    }
    if (path === '/favicon.ico') return send(204, '');
    send(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pages,
    files,
    headers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Debian's Chromium (or `CHROMIUM_PATH`), headless, never downloaded. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium introuvable à ${executablePath} : installez-le (apt-get install chromium) ou indiquez CHROMIUM_PATH. / Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A test page that loads one built entry and holds the given markup; `head` adds links (e.g. a host style sheet). */
export function testPage(body: string, script = 'sosms-widgets.js', lang = 'fr', head = '', htmlAttributes = ''): string {
  return `<!doctype html>
<html lang="${lang}"${htmlAttributes ? ` ${htmlAttributes}` : ''}>
<head><meta charset="utf-8"><title>Test des widgets</title><meta name="viewport" content="width=device-width, initial-scale=1">
${head}<script type="module" src="/dist/${script}"></script></head>
<body><main>${body}</main></body>
</html>`;
}

/** Problems a page reported: uncaught exceptions and console errors. */
export interface PageProblems {
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
}

/** Open a page and record its uncaught exceptions and console errors. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<{ page: Page; problems: PageProblems & { warnings: string[] } }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: 900 }, colorScheme: options.colorScheme ?? 'light', locale: 'fr-FR' });
  const page = await context.newPage();
  const problems = { pageErrors: [] as string[], consoleErrors: [] as string[], warnings: [] as string[] };
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
    if (message.type() === 'warning') problems.warnings.push(message.text());
  });
  // Content-Security-Policy violations are recorded by the page itself (injected by the browser, not by a script tag).
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(url);
  return { page, problems };
}

/** Wait until the widget has left its loading state (data shown or a failure announced). */
export async function waitForWidget(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel) as (HTMLElement & { updateComplete?: Promise<boolean> }) | null;
      const status = el?.shadowRoot?.querySelector('[role="status"]');
      if (!el?.shadowRoot || !status) return false;
      const text = status.textContent ?? '';
      return !/Chargement|Loading/.test(text);
    },
    selector,
    { timeout: 30_000 },
  );
}

/** The text of the widget's live region. */
export function statusText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim() ?? '', selector);
}

/** Save a screenshot of one element under test-output/. */
export async function screenshot(page: Page, selector: string, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.locator(selector).screenshot({ path: join(OUTPUT_DIR, `${name}.png`) });
}

const AXE_SOURCE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/** Run axe-core (WCAG 2.1 A and AA rules) on the page, shadow roots included; returns the violations. */
export async function runAxe(page: Page, selector: string): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [[sel]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, selector);
}
