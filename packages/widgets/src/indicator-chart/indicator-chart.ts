import { html, nothing, svg, type PropertyDeclarations, type SVGTemplateResult, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { INDICATOR_TYPE, MISSING_REASON, VALUE_STATUS, label, type Lang } from '../shared/i18n.ts';
import { t } from './indicator-chart.texts.ts';
import { formatDate, formatNumber } from '../shared/format.ts';
import { chartSeries, compareSeries, formatPeriod } from '@sosms/core/period';
import { illustrativeBadge, tableRegion } from '../shared/parts.ts';
import { readIndicator } from '../data/read.ts';
import { SchemeIndicators } from '../data/queries.ts';
import type { IndicatorView, MeasurementView } from '../data/views.ts';
import { indicatorChartStyles } from './indicator-chart.styles.ts';

const HEIGHT = 280;
const PAD = { top: 20, right: 24, bottom: 36, left: 56 };
/** Text in the chart is drawn at this size, in CSS pixels, whatever the widget's width (WCAG 1.4.4). */
const FONT = 12;

/**
 * `<sosms-indicator>`: the values of one indicator as an SVG line chart with its baseline and target lines
 * (redrawn at the container's width, text at 12 px), the same data as a table for screen readers, and the
 * revisions of corrected values.
 *
 * ### Examples
 * ```html
 * <sosms-indicator endpoint="https://example.org/graphql" scheme="92-78-2018-2023" indicator="rsa-emploi-12m"></sosms-indicator>
 * ```
 *
 * @tagname sosms-indicator
 * @fires sosms-loaded - The indicator is shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart chart - The SVG chart.
 * @csspart table - The table of values.
 * @csspart table-revisions - The table of corrected values and their earlier revisions.
 * @cssprop --sosms-chart-line - Colour of the values line.
 * @cssprop --sosms-chart-baseline - Colour of the baseline.
 * @cssprop --sosms-chart-target - Colour of the target line.
 */
export class IndicatorChart extends SosmsElement<IndicatorView> {
  static override styles = [SosmsElement.styles, indicatorChartStyles];

  static override properties: PropertyDeclarations = {
    ...SosmsElement.properties,
    indicator: { type: String },
    territory: { type: String },
    showTable: { type: Boolean, attribute: 'show-table' },
    width: { state: true, attribute: false },
  };

  /** Code of the indicator in its scheme; the scheme's first indicator when absent. */
  declare indicator: string | null;
  /** Territory code of the values to chart (e.g. `dep:48`); the one with the most values when absent (core's `chartSeries`). */
  declare territory: string | null;
  /** Show the table of values to everyone, not only to screen readers. */
  declare showTable: boolean;
  /** The chart's width in CSS pixels: the SVG is redrawn at the container's size, so its text stays 12 px. */
  declare private width: number;
  private resizer?: ResizeObserver;

  constructor() {
    super();
    this.indicator = null;
    this.territory = null;
    this.showTable = false;
    this.width = 640;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect.width ?? 0;
      // The widget's own padding (1rem each side) is left out; redraws happen by steps of 8 px.
      const width = Math.min(800, Math.max(200, Math.round((box - 32) / 8) * 8));
      if (box > 0 && width !== this.width) this.width = width;
    });
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  protected get regionLabel(): string {
    return this.language === 'fr' ? 'Indicateur' : 'Indicator';
  }

  protected override taskArgs(): readonly unknown[] {
    return [...super.taskArgs(), this.indicator];
  }

  protected async load(signal: AbortSignal): Promise<Loaded<IndicatorView>> {
    const scheme = this.requireScheme();
    return readIndicator(await this.runQuery(SchemeIndicators, { scheme }, signal), scheme, this.indicator);
  }

  protected renderData(indicator: IndicatorView): TemplateResult {
    const lang = this.language;
    const values = this.series(indicator);
    const anyIllustrative = indicator.illustrative || values.some((m) => m.illustrative);
    const fr = (text: string | null | undefined) => this.fr(text);
    return html`<figure class="sosms-figure">
      ${this.heading(0, html`${fr(indicator.name)} ${illustrativeBadge(anyIllustrative, lang)}`)}
      ${indicator.definition ? html`<p>${fr(indicator.definition)}</p>` : nothing}
      <dl class="sosms-meta">
        ${indicator.type ? html`<div><dt>Type</dt><dd>${label(INDICATOR_TYPE, indicator.type, lang)}</dd></div>` : nothing}
        ${indicator.baseline
          ? html`<div><dt>${t('baseline', lang)}</dt><dd>${fr(formatNumber(indicator.baseline.value, indicator.unit, lang))} (${formatDate(indicator.baseline.date, lang)})</dd></div>`
          : nothing}
        ${indicator.target
          ? html`<div><dt>${t('target', lang)}</dt><dd>${fr(formatNumber(indicator.target.value, indicator.unit, lang))} (${formatDate(indicator.target.date, lang)})</dd></div>`
          : nothing}
        ${indicator.completionRate !== null
          ? html`<div>
              <dt>${t('completion', lang)}</dt>
              <dd>
                ${formatNumber(indicator.completionRate, '%', lang)}${anyIllustrative
                  ? html` <span class="fr-text--mention">(${t('illustrativeFigure', lang)})</span>`
                  : nothing}
              </dd>
            </div>`
          : nothing}
      </dl>
      ${values.some((m) => m.value !== null)
        ? this.renderChart(indicator, values)
        : html`<p class="fr-text--mention">${t('noValue', lang)}</p>`}
      ${values.length ? this.renderTable(indicator, values) : nothing} ${this.renderRevisions(indicator)}
      ${indicator.source ? html`<figcaption class="fr-text--mention">${t('source', lang)} : ${fr(indicator.source)}</figcaption>` : nothing}
      ${anyIllustrative ? html`<p class="fr-text--mention">${t('illustrativeNote', lang)}</p>` : nothing}
    </figure>`;
  }

  /** The measurements of one territory, in period order, as core chooses them (`chartSeries`). */
  private series(indicator: IndicatorView): MeasurementView[] {
    return chartSeries(indicator.measurements, this.territory);
  }

  private renderChart(indicator: IndicatorView, values: MeasurementView[]): TemplateResult {
    const lang = this.language;
    const numbers = values.map((m) => m.value).filter((v): v is number => v !== null);
    const refs = [indicator.baseline?.value, indicator.target?.value].filter((v): v is number => typeof v === 'number');
    const all = [...numbers, ...refs];
    const min = Math.min(0, ...all);
    const max = Math.max(...all) || 1;
    const top = max + (max - min) * 0.1;
    const WIDTH = this.width;
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const x = (i: number) => PAD.left + (values.length === 1 ? innerW / 2 : (i * innerW) / (values.length - 1));
    const y = (v: number) => PAD.top + innerH - ((v - min) / (top - min)) * innerH;
    const points = values
      .map((m, i) => (m.value === null ? null : `${x(i).toFixed(1)},${y(m.value).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const ticks = [min, min + (top - min) / 2, top];
    // Period labels at least 64 px apart: every `step`-th one is written when the chart is narrow.
    const step = Math.max(1, Math.ceil((values.length * 64) / innerW));
    const summary = chartSummary(indicator, values, lang);
    return html`<div class="sosms-chart" part="chart">
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width=${WIDTH} height=${HEIGHT} role="img" aria-label=${summary} font-size=${FONT}>
        ${ticks.map(
          (v) => svg`<line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(v)} y2=${y(v)}></line>
            <text class="axis" x=${PAD.left - 8} y=${y(v) + 4} text-anchor="end">${formatNumber(v, '', lang)}</text>`,
        )}
        ${refLine(indicator.baseline?.value, `${t('baseline', lang)}`, 'baseline', y, WIDTH)}
        ${refLine(indicator.target?.value, `${t('target', lang)}`, 'target', y, WIDTH)}
        <polyline class="values" points=${points.join(' ')}></polyline>
        ${values.map((m, i) =>
          m.value === null
            ? nothing
            : svg`<circle class=${m.illustrative ? 'point illustrative' : 'point'} cx=${x(i)} cy=${y(m.value)} r="4"></circle>`,
        )}
        ${values.map((m, i) =>
          (values.length - 1 - i) % step === 0
            ? svg`<text class="axis" x=${x(i)} y=${HEIGHT - PAD.bottom + 20} text-anchor="middle">${formatPeriod(m.period, lang)}</text>`
            : nothing,
        )}
      </svg>
      <ul class="sosms-legend" aria-hidden="true">
        <li><span class="swatch values"></span>${t('value', lang)}</li>
        ${indicator.baseline ? html`<li><span class="swatch baseline"></span>${t('baseline', lang)}</li>` : nothing}
        ${indicator.target ? html`<li><span class="swatch target"></span>${t('target', lang)}</li>` : nothing}
      </ul>
    </div>`;
  }

  private renderTable(indicator: IndicatorView, values: MeasurementView[]): TemplateResult {
    const lang = this.language;
    // Hidden to sight (not to screen readers) unless show-table: then a table scrolling inside its own region.
    const table = html`<table>
        <caption id="caption-values">${t('tableOf', lang)} : ${this.fr(indicator.name)}</caption>
        <thead>
          <tr>
            <th scope="col">${t('periodCol', lang)}</th>
            <th scope="col">${t('territory', lang)}</th>
            <th scope="col" class="num">${t('value', lang)}</th>
          </tr>
        </thead>
        <tbody>
          ${values.map(
            (m) => html`<tr>
              <th scope="row">${formatPeriod(m.period, lang)}</th>
              <td>${m.territory ?? ''}</td>
              <td class="num">
                ${m.value === null
                  ? `${t('missingValue', lang)}${m.missingReason ? ` (${label(MISSING_REASON, m.missingReason, lang)})` : ''}`
                  : this.fr(formatNumber(m.value, indicator.unit, lang))}
                ${m.provisional ? ` (${t('provisional', lang)})` : ''} ${m.illustrative ? `(${t('illustrative', lang)})` : ''}
              </td>
            </tr>`,
          )}
          ${indicator.baseline
            ? html`<tr>
                <th scope="row">${t('baseline', lang)} (${formatDate(indicator.baseline.date, lang)})</th>
                <td></td>
                <td class="num">${formatNumber(indicator.baseline.value, indicator.unit, lang)}</td>
              </tr>`
            : nothing}
          ${indicator.target
            ? html`<tr>
                <th scope="row">${t('target', lang)} (${formatDate(indicator.target.date, lang)})</th>
                <td></td>
                <td class="num">${formatNumber(indicator.target.value, indicator.unit, lang)}</td>
              </tr>`
            : nothing}
        </tbody>
      </table>`;
    return this.showTable ? tableRegion('caption-values', table) : html`<div class="fr-sr-only" part="table">${table}</div>`;
  }

  /** Values corrected after their first publication: every revision, the earlier ones kept. */
  private renderRevisions(indicator: IndicatorView): TemplateResult | typeof nothing {
    const lang = this.language;
    const key = (m: { period: string; territory: string | null }) => `${m.period}|${m.territory ?? ''}`;
    const revised = new Set(indicator.revisions.filter((r) => r.revision > 1).map(key));
    if (!revised.size) return nothing;
    const rows = indicator.revisions
      .filter((r) => revised.has(key(r)))
      .sort(compareSeries);
    return html`${this.heading(1, t('revisions', lang))}
      ${tableRegion(
        'caption-revisions',
        html`<table>
          <caption id="caption-revisions">${t('revisions', lang)} : ${this.fr(indicator.name)}</caption>
          <thead>
            <tr>
              <th scope="col">${t('periodCol', lang)}</th>
              <th scope="col">${t('territory', lang)}</th>
              <th scope="col" class="num">${t('revision', lang)}</th>
              <th scope="col" class="num">${t('value', lang)}</th>
              <th scope="col">${t('recordedAt', lang)}</th>
              <th scope="col">${t('comment', lang)}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr>
                <th scope="row">${formatPeriod(r.period, lang)}</th>
                <td>${r.territory ?? ''}</td>
                <td class="num">${r.revision}</td>
                <td class="num">
                  ${r.value === null ? t('missingValue', lang) : this.fr(formatNumber(r.value, indicator.unit, lang))}
                  ${r.illustrative ? `(${t('illustrative', lang)})` : ''}
                </td>
                <td>${r.recordedAt ? formatDate(r.recordedAt.slice(0, 10), lang) : t('notSet', lang)}</td>
                <td>${r.comment ? this.fr(r.comment) : ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
        'table-revisions',
      )}`;
  }
}

function refLine(value: number | undefined, name: string, kind: string, y: (v: number) => number, width: number): SVGTemplateResult | typeof nothing {
  if (typeof value !== 'number') return nothing;
  return svg`<line class=${kind} x1=${PAD.left} x2=${width - PAD.right} y1=${y(value)} y2=${y(value)}></line>
    <text class="ref ${kind}" x=${width - PAD.right} y=${y(value) - 6} text-anchor="end">${name}</text>`;
}

function chartSummary(indicator: IndicatorView, values: MeasurementView[], lang: Lang): string {
  const first = values[0];
  const parts = [
    lang === 'fr' ? `${t('chartOf', lang)} « ${indicator.name} »` : `${t('chartOf', lang)} “${indicator.name}”`,
    lang === 'fr'
      ? `${values.length} valeur(s) de ${formatPeriod(first.period, lang)} à ${formatPeriod(values.at(-1)!.period, lang)}`
      : `${values.length} value(s) from ${formatPeriod(first.period, lang)} to ${formatPeriod(values.at(-1)!.period, lang)}`,
  ];
  // The current value as the API states it (core's one rule), not the last point drawn.
  const current = indicator.current;
  if (current.status === 'known') parts.push(`${lang === 'fr' ? 'valeur actuelle' : 'current value'} ${formatNumber(current.value, indicator.unit, lang)}`);
  else if (current.period !== null) parts.push(`${lang === 'fr' ? 'valeur actuelle' : 'current value'} : ${label(VALUE_STATUS, current.status, lang)}`);
  if (indicator.baseline) parts.push(`${t('baseline', lang).toLowerCase()} ${formatNumber(indicator.baseline.value, indicator.unit, lang)}`);
  if (indicator.target) parts.push(`${t('target', lang).toLowerCase()} ${formatNumber(indicator.target.value, indicator.unit, lang)}`);
  return `${parts.join(', ')}. ${lang === 'fr' ? 'Le détail figure dans le tableau qui suit.' : 'The details are in the following table.'}`;
}

define('sosms-indicator', IndicatorChart);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-indicator': IndicatorChart;
  }
}
