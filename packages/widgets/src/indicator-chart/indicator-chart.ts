import { html, nothing, svg, type PropertyDeclarations, type SVGTemplateResult, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { label, t, type Lang } from '../shared/i18n.ts';
import { formatDate, formatNumber, formatPeriod, periodStart } from '../shared/format.ts';
import { illustrativeBadge } from '../shared/parts.ts';
import { readIndicator } from '../data/read.ts';
import type { IndicatorView, MeasurementView } from '../data/views.ts';
import { indicatorChartStyles } from './indicator-chart.styles.ts';

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { top: 20, right: 24, bottom: 36, left: 56 };

/**
 * `<sosms-indicator>`: the values of one indicator as an SVG line chart with its baseline and target lines,
 * and the same data as a table for screen readers.
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
  };

  /** Code of the indicator in its scheme; the scheme's first indicator when absent. */
  declare indicator: string | null;
  /** Territory code of the values to chart (e.g. `dep:48`); the one with the most values when absent. */
  declare territory: string | null;
  /** Show the table of values to everyone, not only to screen readers. */
  declare showTable: boolean;

  constructor() {
    super();
    this.indicator = null;
    this.territory = null;
    this.showTable = false;
  }

  protected get regionLabel(): string {
    return this.language === 'fr' ? 'Indicateur' : 'Indicator';
  }

  protected override taskArgs(): readonly unknown[] {
    return [...super.taskArgs(), this.indicator];
  }

  protected async load(signal: AbortSignal): Promise<Loaded<IndicatorView>> {
    const scheme = this.requireScheme();
    return readIndicator(await this.runQuery('SchemeIndicators', { scheme }, signal), scheme, this.indicator);
  }

  protected renderData(indicator: IndicatorView): TemplateResult {
    const lang = this.language;
    const values = this.series(indicator);
    const anyIllustrative = indicator.illustrative || values.some((m) => m.illustrative);
    return html`<figure class="sosms-figure">
      <h2>${indicator.name} ${illustrativeBadge(anyIllustrative, lang)}</h2>
      ${indicator.definition ? html`<p>${indicator.definition}</p>` : nothing}
      <dl class="sosms-meta">
        ${indicator.type ? html`<div><dt>Type</dt><dd>${label('indicatorType', indicator.type, lang)}</dd></div>` : nothing}
        ${indicator.baseline
          ? html`<div><dt>${t('baseline', lang)}</dt><dd>${formatNumber(indicator.baseline.value, indicator.unit, lang)} (${formatDate(indicator.baseline.date, lang)})</dd></div>`
          : nothing}
        ${indicator.target
          ? html`<div><dt>${t('target', lang)}</dt><dd>${formatNumber(indicator.target.value, indicator.unit, lang)} (${formatDate(indicator.target.date, lang)})</dd></div>`
          : nothing}
        ${indicator.completionRate !== null
          ? html`<div><dt>${t('completion', lang)}</dt><dd>${formatNumber(indicator.completionRate, '%', lang)}</dd></div>`
          : nothing}
      </dl>
      ${values.some((m) => m.value !== null)
        ? this.renderChart(indicator, values)
        : html`<p class="fr-text--mention">${t('noValue', lang)}</p>`}
      ${values.length ? this.renderTable(indicator, values) : nothing}
      ${indicator.source ? html`<figcaption class="fr-text--mention">${t('source', lang)} : ${indicator.source}</figcaption>` : nothing}
      ${anyIllustrative ? html`<p class="fr-text--mention">${t('illustrativeNote', lang)}</p>` : nothing}
    </figure>`;
  }

  /** The measurements of one territory, in period order. */
  private series(indicator: IndicatorView): MeasurementView[] {
    const byTerritory = new Map<string, MeasurementView[]>();
    for (const m of indicator.measurements) {
      const key = m.territory ?? '';
      byTerritory.set(key, [...(byTerritory.get(key) ?? []), m]);
    }
    let chosen = this.territory !== null ? byTerritory.get(this.territory) : undefined;
    if (!chosen) chosen = [...byTerritory.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    return [...chosen].sort((a, b) => periodStart(a.period).localeCompare(periodStart(b.period)));
  }

  private renderChart(indicator: IndicatorView, values: MeasurementView[]): TemplateResult {
    const lang = this.language;
    const numbers = values.map((m) => m.value).filter((v): v is number => v !== null);
    const refs = [indicator.baseline?.value, indicator.target?.value].filter((v): v is number => typeof v === 'number');
    const all = [...numbers, ...refs];
    const min = Math.min(0, ...all);
    const max = Math.max(...all) || 1;
    const top = max + (max - min) * 0.1;
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const x = (i: number) => PAD.left + (values.length === 1 ? innerW / 2 : (i * innerW) / (values.length - 1));
    const y = (v: number) => PAD.top + innerH - ((v - min) / (top - min)) * innerH;
    const points = values
      .map((m, i) => (m.value === null ? null : `${x(i).toFixed(1)},${y(m.value).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const ticks = [min, min + (top - min) / 2, top];
    const last = [...values].reverse().find((m) => m.value !== null);
    const summary = chartSummary(indicator, values, last, lang);
    return html`<div class="sosms-chart" part="chart">
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${summary} preserveAspectRatio="xMidYMid meet">
        ${ticks.map(
          (v) => svg`<line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(v)} y2=${y(v)}></line>
            <text class="axis" x=${PAD.left - 8} y=${y(v) + 4} text-anchor="end">${formatNumber(v, '', lang)}</text>`,
        )}
        ${refLine(indicator.baseline?.value, `${t('baseline', lang)}`, 'baseline', y)}
        ${refLine(indicator.target?.value, `${t('target', lang)}`, 'target', y)}
        <polyline class="values" points=${points.join(' ')}></polyline>
        ${values.map((m, i) =>
          m.value === null
            ? nothing
            : svg`<circle class=${m.illustrative ? 'point illustrative' : 'point'} cx=${x(i)} cy=${y(m.value)} r="4"></circle>`,
        )}
        ${values.map(
          (m, i) =>
            svg`<text class="axis" x=${x(i)} y=${HEIGHT - PAD.bottom + 20} text-anchor="middle">${formatPeriod(m.period, lang)}</text>`,
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
    // Hidden to sight (not to screen readers) unless show-table: then a DSFR table, scrolling sideways if narrow.
    return html`<div class=${this.showTable ? 'fr-table' : 'fr-sr-only'} part="table">
      <table>
        <caption>${t('tableOf', lang)} : ${indicator.name}</caption>
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
                  ? `${t('missingValue', lang)}${m.missingReason ? ` (${label('missingReason', m.missingReason, lang)})` : ''}`
                  : formatNumber(m.value, indicator.unit, lang)}
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
      </table>
    </div>`;
  }
}

function refLine(value: number | undefined, name: string, kind: string, y: (v: number) => number): SVGTemplateResult | typeof nothing {
  if (typeof value !== 'number') return nothing;
  return svg`<line class=${kind} x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(value)} y2=${y(value)}></line>
    <text class="ref ${kind}" x=${WIDTH - PAD.right} y=${y(value) - 6} text-anchor="end">${name}</text>`;
}

function chartSummary(indicator: IndicatorView, values: MeasurementView[], last: MeasurementView | undefined, lang: Lang): string {
  const first = values[0];
  const parts = [
    lang === 'fr' ? `${t('chartOf', lang)} « ${indicator.name} »` : `${t('chartOf', lang)} “${indicator.name}”`,
    lang === 'fr'
      ? `${values.length} valeur(s) de ${formatPeriod(first.period, lang)} à ${formatPeriod(values.at(-1)!.period, lang)}`
      : `${values.length} value(s) from ${formatPeriod(first.period, lang)} to ${formatPeriod(values.at(-1)!.period, lang)}`,
  ];
  if (last) parts.push(`${lang === 'fr' ? 'dernière valeur' : 'latest value'} ${formatNumber(last.value, indicator.unit, lang)}`);
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
