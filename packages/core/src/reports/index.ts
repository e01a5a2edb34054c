// Reports from the data: COPIL review, yearly report, final evaluation report, public version; HTML and PDF.
export { REPORT_KINDS, checkReportRequest, readReportData, type ReportKind, type ReportRequest, type ReportData, type ReportAction, type ReportIndicator, type ReportPoint } from './report-data.ts';
export { renderReportHtml, escapeHtml } from './html.ts';
export { REPORT_LABELS, reportLabel } from './labels.ts';
export { REPORT_FORMATS, renderReport, htmlToPdf, openPdfRenderer, type RenderedReport, type ReportFormat, type PdfOptions, type PdfRenderer } from './render.ts';
