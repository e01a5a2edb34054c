import type { Kysely } from 'kysely';
import type { Browser } from 'playwright-core';
import type { Database } from '../database/database.ts';
import { DomainError, type Lang } from '../validation/issues.ts';
import { renderReportHtml } from './html.ts';
import { readReportData, type ReportData, type ReportRequest } from './report-data.ts';

/** The formats a report is produced in. */
export const REPORT_FORMATS = ['html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A produced report: its bytes (HTML text or PDF) and the data it shows. */
export interface RenderedReport {
  readonly format: ReportFormat;
  readonly contentType: string;
  readonly body: string | Uint8Array;
  readonly data: ReportData;
}

/** Where Chromium is (defaults to `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`). */
export interface PdfOptions {
  readonly executablePath?: string;
  /** A browser already open (tests share one): used as is, and left open by `close()`. */
  readonly browser?: Browser;
}

/** A Chromium kept open to print several reports (tests, benchmarks, a server); close it when done. */
export interface PdfRenderer {
  pdf(html: string, lang?: Lang): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Open Debian's Chromium through playwright-core (loaded only here, so HTML reports need no browser) to
 * print tagged PDFs: headings, tables, alternative texts and the language go into the structure tree, and
 * headings into the outline. No browser is downloaded: a missing Chromium is a clear error.
 *
 * ### Examples
 * ```ts
 * const renderer = await openPdfRenderer();
 * const bytes = await renderer.pdf(html);
 * await renderer.close();
 * ```
 */
export async function openPdfRenderer(options: PdfOptions = {}, lang: Lang = 'fr'): Promise<PdfRenderer> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const shared = options.browser;
  let browser: Browser;
  try {
    browser = shared ?? await (await import('playwright-core')).chromium.launch({ executablePath, args: ['--no-sandbox', '--font-render-hinting=none'] });
  } catch (error) {
    const message =
      lang === 'fr'
        ? `Chromium introuvable ou impossible à lancer (${executablePath}) : installez le paquet Debian « chromium » ou indiquez CHROMIUM_PATH. ${(error as Error).message.split('\n')[0]}`
        : `Chromium not found or failed to start (${executablePath}): install Debian's "chromium" package or set CHROMIUM_PATH. ${(error as Error).message.split('\n')[0]}`;
    throw new Error(message);
  }
  return {
    async pdf(html: string, pageLang: Lang = lang): Promise<Uint8Array> {
      const page = await browser.newPage({ locale: pageLang === 'fr' ? 'fr-FR' : 'en-GB' });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const footer = pageLang === 'fr' ? 'Page <span class="pageNumber"></span> sur <span class="totalPages"></span>' : 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>';
        const buffer = await page.pdf({
          format: 'A4',
          printBackground: true,
          tagged: true,
          outline: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#4a4a4a">${footer}</div>`,
          margin: { top: '14mm', bottom: '16mm', left: '14mm', right: '14mm' },
        });
        return new Uint8Array(buffer);
      } finally {
        await page.close();
      }
    },
    close: async () => {
      if (!shared) await browser.close();
    },
  };
}

/**
 * Print one HTML document to a tagged PDF with a Chromium opened for it.
 *
 * ### Examples
 * ```ts
 * writeFileSync('copil.pdf', await htmlToPdf(html));
 * ```
 */
export async function htmlToPdf(html: string, options: PdfOptions & { lang?: Lang } = {}): Promise<Uint8Array> {
  const renderer = await openPdfRenderer(options, options.lang);
  try {
    return await renderer.pdf(html, options.lang);
  } finally {
    await renderer.close();
  }
}

/**
 * Produce a report (COPIL, annual, final, public) as HTML or PDF. Reads only: nothing is written, and a bad
 * request (unknown scheme, kind or format, a date outside the period, a draft without its token) fails
 * before any browser starts.
 *
 * ### Examples
 * ```ts
 * const { body } = await renderReport(db, { schemeCode: '48-2018-2022', kind: 'copil', format: 'pdf', date: '2021-06-30' });
 * ```
 */
export async function renderReport(
  db: Kysely<Database>,
  request: ReportRequest & { format?: string },
  options: PdfOptions & { renderer?: PdfRenderer } = {},
): Promise<RenderedReport> {
  const lang = request.lang ?? 'fr';
  const format = request.format ?? 'html';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    const message = lang === 'fr' ? `Format inconnu : « ${format} ». Formats possibles : html, pdf.` : `Unknown format: "${format}". Possible formats: html, pdf.`;
    throw new DomainError('VALIDATION', message, [{ path: 'format', code: 'unknown_report_format', message }]);
  }
  const data = await readReportData(db, request);
  const html = renderReportHtml(data);
  if (format === 'html') return { format, contentType: 'text/html; charset=utf-8', body: html, data };
  const body = options.renderer ? await options.renderer.pdf(html, lang) : await htmlToPdf(html, { ...options, lang });
  return { format: 'pdf', contentType: 'application/pdf', body, data };
}
