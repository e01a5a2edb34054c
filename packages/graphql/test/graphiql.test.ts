import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { createToken } from '@sosms/core';
import { startTestGateway, type TestGateway } from './helpers.ts';

// The system Chromium (Debian's), never a downloaded one.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.runIf(existsSync(executablePath))('GraphiQL in Chromium', () => {
  let t: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestGateway('pglite');
    browser = await chromium.launch({
      executablePath,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads from the gateway alone under its CSP, runs an example in one click, and sends the token typed', async () => {
    const { secret } = await createToken(t.store.db, { label: 'GraphiQL', role: 'editor', departments: ['92'] });
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()} ${response.request().postData()?.slice(0, 200) ?? ''}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP ${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`${t.url}/graphql`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 60_000 });

    // The examples panel is open at start: one click loads the search example and its variables.
    const example = page.locator('button.sosms-example[data-example="03-search-actions.graphql"]');
    await example.waitFor({ timeout: 30_000 });
    await example.click();
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('SearchActions'));
    await page.waitForFunction(() => document.querySelector('.graphiql-editor-tool')?.textContent?.includes('"aidants"'));
    const answer = page.waitForResponse((response) => response.url() === `${t.url}/graphql` && response.request().method() === 'POST');
    await page.click('.graphiql-execute-button');
    const first = await answer;
    expect(first.status(), `${first.request().postData()} → ${await first.text()}`).toBe(200);
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('"totalCount"'), undefined, { timeout: 30_000 });
    const result = await page.locator('.result-window').textContent();
    expect(result).toContain('"actions"');
    expect(result).not.toContain('"errors"');

    // The « Jeton » field writes the Authorization header of the next request.
    await page.fill('#sosms-token', secret);
    const withToken = page.waitForRequest((request) => request.url() === `${t.url}/graphql` && request.method() === 'POST');
    const tokenAnswer = page.waitForResponse((response) => response.url() === `${t.url}/graphql` && response.request().method() === 'POST');
    await page.click('.graphiql-execute-button');
    expect((await withToken).headers().authorization).toBe(`Bearer ${secret}`);
    expect((await tokenAnswer).status()).toBe(200);

    const origin = new URL(t.url).origin;
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
