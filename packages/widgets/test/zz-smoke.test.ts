import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openPage, startStaticServer, testPage, waitForWidget, screenshot, runAxe, type StaticServer } from './harness.ts';
import type { Browser } from 'playwright-core';

let server: StaticServer; let browser: Browser;
beforeAll(async () => { server = await startStaticServer(); browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); await server?.close(); });

const data = {
  SchemeOverview: { scheme: { id: 's1', code: '48', title: 'Schéma test', status: 'IN_FORCE', departments: ['48'], levels: ['Orientation', 'Axe'], summary: 'Résumé', illustrative: false, progress: 42, period: { start: 2018, end: 2022 }, adoption: null,
    orientations: { nodes: [ { id: 'o1', code: '1', title: 'Gouvernance', progress: 40, parent: null }, { id: 'o2', code: '1.1', title: 'Piloter', progress: 40, parent: { id: 'o1' } } ] },
    actions: { nodes: [ { id: 'a1', code: '1.1.1', title: 'Faire', status: 'IN_PROGRESS', progress: 40, health: 'BEHIND', illustrative: true, orientation: { id: 'o2' } } ] } } },
};
test('smoke', async () => {
  server.files.set('d.json', JSON.stringify(data));
  server.pages.set('p.html', testPage('<sosms-scheme src="/files/d.json" scheme="48" expand-all></sosms-scheme>'));
  const { page, problems } = await openPage(browser, `${server.url}/pages/p.html`);
  await waitForWidget(page, 'sosms-scheme');
  await screenshot(page, 'sosms-scheme', 'smoke');
  console.log(await page.evaluate(() => document.querySelector('sosms-scheme')!.shadowRoot!.textContent));
  console.log(problems, await runAxe(page, 'sosms-scheme'));
});
