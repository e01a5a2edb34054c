import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, authenticateToken } from '../access/token.repository.ts';
import type { Store } from '../database/store.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import { importSchemeFile } from '../scheme-file/import.ts';
import { openTestStore } from '../testing/engines.ts';
import { DomainError } from '../validation/issues.ts';
import { REPORT_KINDS } from './report-data.ts';
import { openPdfRenderer, renderReport, type PdfRenderer } from './render.ts';

// Reports read only: one PGlite store with the five demo schemes, one Chromium shared by axe and the PDFs.
const AXE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const TODAY = '2026-12-01';

describe('reports', () => {
  let store: Store;
  let browser: Browser;
  let renderer: PdfRenderer;
  const codes: string[] = [];
  beforeAll(async () => {
    store = await openTestStore('pglite');
    codes.push(...(await loadDemoSchemes(store.db)).map((r) => r.schemeCode));
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    renderer = await openPdfRenderer({ browser });
  }, 120_000);
  afterAll(async () => {
    await renderer?.close();
    await browser?.close();
    await store?.close();
  });
  const html = async (schemeCode: string, kind: string, extra: { date?: string; lang?: 'fr' | 'en' } = {}) =>
    (await renderReport(store.db, { schemeCode, kind, today: TODAY, ...extra })).body as string;

  it('renders every kind for each demo scheme, in French by default and in English', async () => {
    expect(codes).toHaveLength(5);
    for (const code of codes) {
      for (const kind of REPORT_KINDS) {
        const page = await html(code, kind);
        expect(page).toMatch(/^<!doctype html>\n<html lang="fr">/);
        expect(page.match(/<h1>/g)).toHaveLength(1);
        expect(page).toContain('<caption>');
        expect(page).not.toMatch(/undefined|NaN|\[object/);
      }
    }
    const en = await html('92-2024-2028', 'copil', { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Steering committee review');
    expect(en).toContain('Budget planned and executed per year and funder');
  });

  it('shows the COPIL what it needs and keeps internal notes out of the public version', async () => {
    const copil = await html('92-2024-2028', 'copil', { date: '2026-11-30' });
    for (const text of ['Actions en décalage ou à risque', 'Retard de livraison des locaux', 'Décisions des comités précédents', 'Préparer un avenant', 'Révisions de cibles', 'Retard de livraison des locaux du 14e SST.', 'Avenant n° 1 voté.', '900\u202f000', 'Actions reprises du schéma précédent']) {
      expect(copil, text).toContain(text);
    }
    const pub = await html('92-2024-2028', 'public', { date: '2026-11-30' });
    expect(pub).toContain('Le Département des Hauts-de-Seine a un plan pour 5 ans');
    expect(pub).toContain('Révisions de cibles');
    expect(pub).toContain('(illustratif)');
    for (const internal of ['Avenant n° 1 voté.', 'Décisions des comités précédents', 'Retard de livraison des locaux ;', 'Alertes']) expect(pub, internal).not.toContain(internal);
    const final = await html('92-78-2018-2023', 'final');
    for (const text of ['Évaluation finale du SIOSMS 2018-2023', 'Efficacité', 'Constats', 'Cabinet d&#39;évaluation externe', 'Suite des actions dans le schéma suivant', 'Scindée', 'Jugé trop coûteux']) {
      expect(final, text).toContain(text);
    }
    expect(final).toMatch(/250\u202fplaces|250 places/);
    const annual = await html('92-2024-2028', 'annual', { date: '2025-12-31' });
    expect(annual).toContain('L’année en actions 2025');
    expect(annual).toContain('Recrutement de l&#39;équipe');
    expect(annual).not.toContain('Retard de livraison des locaux ;'); // dated 2026
  });

  it('passes axe (WCAG 2.1 A/AA) in Chromium, for the COPIL, public and English reports', async () => {
    const page = await browser.newPage();
    try {
      for (const [code, kind, lang] of [['92-2024-2028', 'copil', 'fr'], ['92-2024-2028', 'public', 'fr'], ['92-78-2018-2023', 'final', 'en'], ['48-2018-2022', 'annual', 'fr']] as const) {
        await page.setContent(await html(code, kind, { lang }));
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
          return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${code} ${kind} ${lang}`).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it('prints a tagged PDF whose text, pages and structure tree are right', async () => {
    const { body, contentType } = await renderReport(store.db, { schemeCode: '92-2024-2028', kind: 'copil', format: 'pdf', date: '2026-11-30', today: TODAY }, { renderer });
    expect(contentType).toBe('application/pdf');
    const pdf = Buffer.from(body as Uint8Array);
    const dir = mkdtempSync(join(tmpdir(), 'sosms-report-'));
    const path = join(dir, 'copil.pdf');
    writeFileSync(path, pdf);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Revue du comité de pilotage');
    expect(text).toContain('Avancement global du schéma : 10,5 %');
    expect(text).toContain(`Page 1 sur ${pages}`);
    expect(text).toMatch(/Nombre de Services des\s+.*Solidarités/s);
    const raw = pdf.toString('latin1');
    // Assertions on booleans: a failure must not print a megabyte of PDF.
    for (const part of ['/StructTreeRoot', '/Marked true', '/Lang (fr)', '/Outlines', '/S /H1', '/S /H2', '/S /Table', '/S /TH', '/S /Caption', '/S /Figure']) {
      expect(raw.includes(part), part).toBe(true);
    }
    // Each chart is a figure with its alternative text.
    expect((raw.match(/\/S \/Figure/g) ?? []).length).toBe((raw.match(/\/Alt/g) ?? []).length);
    const en = await renderReport(store.db, { schemeCode: '48-2018-2022', kind: 'public', format: 'pdf', lang: 'en', today: TODAY }, { renderer });
    expect(Buffer.from(en.body as Uint8Array).toString('latin1').includes('/Lang (en)')).toBe(true);
  });

  it('refuses bad requests with clear French or English errors, before any browser starts', async () => {
    const fails = (request: Parameters<typeof renderReport>[1]) => renderReport(store.db, { today: TODAY, ...request }, { executablePath: '/nonexistent/chromium' });
    await expect(fails({ schemeCode: '92-2024-2028', kind: 'bilan', format: 'pdf' })).rejects.toThrow('Type de rapport inconnu : « bilan ». Types possibles : copil, annual, final, public.');
    await expect(fails({ schemeCode: '92-2024-2028', kind: 'bilan', lang: 'en' })).rejects.toThrow('Unknown report kind: "bilan"');
    await expect(fails({ schemeCode: '92-2024-2028', kind: 'copil', format: 'docx' })).rejects.toThrow('Format inconnu : « docx »');
    await expect(fails({ schemeCode: 'inconnu', kind: 'copil', format: 'pdf' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'schéma inconnu : inconnu' });
    await expect(fails({ schemeCode: '92-2024-2028', kind: 'copil', date: '2031-01-01', format: 'pdf' })).rejects.toThrow('Date hors de la période du schéma : 2031-01-01 (le schéma couvre 2024-2028).');
    await expect(fails({ schemeCode: '92-2024-2028', kind: 'copil', date: '2023-12-31', lang: 'en' })).rejects.toThrow("Date outside the scheme's period: 2023-12-31");
    await expect(fails({ schemeCode: '92-2024-2028', kind: 'copil', date: '2026-02-30' })).rejects.toThrow('Date invalide');
    // A draft: refused without a token of its département, rendered with one.
    const draft = await exportSchemeFile(store.db, '72-2015-2019').catch(() => undefined) ?? await exportSchemeFile(store.db, codes[1]!);
    draft.scheme = { ...draft.scheme, code: '72-2030-2034', status: 'draft', period: { start: 2030, end: 2034 } };
    await importSchemeFile(store.db, draft);
    const before = await store.db.selectFrom('scheme').select('code').execute();
    await expect(fails({ schemeCode: '72-2030-2034', kind: 'copil', format: 'pdf' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const other = await authenticateToken(store.db, (await createToken(store.db, { label: 'Équipe 48', role: 'editor', departments: ['48'] })).secret);
    await expect(fails({ schemeCode: '72-2030-2034', kind: 'copil', principal: other, lang: 'en' })).rejects.toThrow('This scheme is an unpublished draft');
    const team = await authenticateToken(store.db, (await createToken(store.db, { label: 'Équipe 72', role: 'editor', departments: ['72'] })).secret);
    const ok = await renderReport(store.db, { schemeCode: '72-2030-2034', kind: 'copil', principal: team, today: TODAY });
    expect(ok.data.date).toBe('2030-01-01');
    expect(await store.db.selectFrom('scheme').select('code').execute()).toEqual(before);
    await expect(fails({ schemeCode: '72-2030-2034', kind: 'copil', format: 'pdf', principal: team })).rejects.toThrow(/Chromium introuvable/);
    void DomainError;
  });
});
