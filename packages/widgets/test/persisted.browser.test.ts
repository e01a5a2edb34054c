import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, startStaticServer, testPage, waitForWidget, statusText, SCHEMES, type StaticServer } from './harness.ts';
import { startGateway, type RunningGateway } from './gateway.ts';
import { SchemeOverview, sentText } from '../src/data/queries.ts';
import { createHash } from 'node:crypto';
import { widgetQueryTexts } from '../scripts/export-widget-json.ts';

// Automatic persisted queries, in Chromium against the real gateway: a widget's first request carries the
// query's hash alone; an unknown hash is sent once more with its text; later loads go by hash alone and get
// the same answer, a 304 included. max-age 0: every later load revalidates its copy with the gateway.

let gateway: RunningGateway;
let server: StaticServer;
let browser: Browser;
/** The gateway's own log of every request it answered. */
const served: { method?: unknown; status?: unknown; code?: unknown; cache?: unknown; operationName?: unknown }[] = [];

beforeAll(async () => {
  [gateway, server, browser] = await Promise.all([
    startGateway({ cacheMaxAgeSeconds: 0, log: (entry) => void (entry.msg === 'request' && served.push(entry)) }),
    startStaticServer(),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.close();
});

interface Sent {
  method: string;
  operationName: string | null;
  text: boolean;
  hash: string | undefined;
}

/** The widget's requests to the gateway, as the browser sent them (cache revalidations included). */
function record(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(gateway.url)) return;
    const url = new URL(request.url());
    const post = request.method() === 'POST' ? (request.postDataJSON() as Record<string, any>) : undefined;
    const extensions = post?.extensions ?? JSON.parse(url.searchParams.get('extensions') ?? 'null');
    sent.push({
      method: request.method(),
      operationName: post?.operationName ?? url.searchParams.get('operationName'),
      text: Boolean(post?.query ?? url.searchParams.get('query')),
      hash: extensions?.persistedQuery?.sha256Hash,
    });
  });
  return sent;
}

/** Open the scheme widget in `context` (whose HTTP cache persists across pages) and return what it showed. */
async function load(context: BrowserContext): Promise<{ sent: Sent[]; shown: string; status: string }> {
  const page = await context.newPage();
  const sent = record(page);
  await page.goto(`${server.url}/pages/persisted.html`);
  await waitForWidget(page, '#s');
  const shown = await page.evaluate(() => document.querySelector('#s')!.shadowRoot!.textContent!.replace(/\s+/g, ' '));
  const status = await statusText(page, '#s');
  await page.close();
  return { sent, shown, status };
}

describe('automatic persisted queries', () => {
  test('hash alone first, one resend with the text for an unknown hash, then the hash alone; same answer, 304 included', async () => {
    const hash = createHash('sha256').update(sentText(SchemeOverview)).digest('hex');
    server.pages.set('persisted.html', testPage(`<sosms-scheme id="s" endpoint="${gateway.url}" scheme="${SCHEMES.lozere}"></sosms-scheme>`));
    // A fresh context: an empty HTTP cache, and a gateway that has never seen the widget's query.
    const { page: blank } = await openPage(browser, 'about:blank');
    const context = blank.context();

    const first = await load(context);
    expect(first.status).toBe('');
    expect(first.sent).toEqual([
      { method: 'GET', operationName: 'SchemeOverview', text: false, hash },
      { method: 'GET', operationName: 'SchemeOverview', text: true, hash },
    ]);
    expect(served.map((e) => [e.method, e.status, e.code ?? null])).toEqual([
      ['GET', 404, 'PERSISTED_QUERY_NOT_FOUND'],
      ['GET', 200, null],
    ]);
    expect(first.shown).toContain('Lozère');

    served.length = 0;
    const second = await load(context);
    expect(second.sent).toEqual([{ method: 'GET', operationName: 'SchemeOverview', text: false, hash }]);
    expect(served.map((e) => [e.method, e.status, e.cache ?? null])).toEqual([['GET', 200, null]]);
    expect(second.shown).toBe(first.shown);

    // The copy of the hash's address is revalidated by its ETag: 304, the same data shown.
    served.length = 0;
    const third = await load(context);
    expect(third.sent).toEqual([{ method: 'GET', operationName: 'SchemeOverview', text: false, hash }]);
    expect(served.map((e) => [e.method, e.status, e.cache ?? null])).toEqual([['GET', 304, 'not-modified']]);
    expect(third.shown).toBe(first.shown);
    await context.close();
  });

  test('by hash and by text, the gateway gives byte-identical answers', async () => {
    const text = sentText(SchemeOverview);
    const hash = createHash('sha256').update(text).digest('hex');
    const url = (withText: boolean) => {
      const u = new URL(gateway.url);
      if (withText) u.searchParams.set('query', text);
      u.searchParams.set('operationName', 'SchemeOverview');
      u.searchParams.set('variables', JSON.stringify({ scheme: SCHEMES.seineEtMarne }));
      u.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
      return u;
    };
    // Registered by the test above (same gateway), else by this text request.
    const byText = await fetch(url(true));
    const byHash = await fetch(url(false));
    expect([byText.status, byHash.status]).toEqual([200, 200]);
    const [a, b] = [await byText.text(), await byHash.text()];
    expect(a).toContain('"scheme":{');
    expect(b).toBe(a);
    expect(byHash.headers.get('etag')).toBe(byText.headers.get('etag'));
  });

  test('a locked-down gateway that registered the widgets’ texts answers them by hash alone, with no resend', async () => {
    const locked = await startGateway({ persistedQueries: { queries: widgetQueryTexts(), only: true } });
    try {
      server.pages.set('locked.html', testPage(`<sosms-timeline id="t" endpoint="${locked.url}" scheme="${SCHEMES.lozere}"></sosms-timeline>`));
      const { page } = await openPage(browser, 'about:blank');
      const sent: { text: boolean; hash: boolean }[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(locked.url)) return;
        const url = new URL(request.url());
        sent.push({ text: url.searchParams.has('query'), hash: (url.searchParams.get('extensions') ?? '').includes('sha256Hash') });
      });
      await page.goto(`${server.url}/pages/locked.html`);
      await waitForWidget(page, '#t');
      expect(await statusText(page, '#t')).toBe('');
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((s) => s.hash && !s.text)).toBe(true);
      await page.context().close();
    } finally {
      await locked.close();
    }
  });
});
