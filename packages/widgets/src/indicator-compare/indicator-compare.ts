import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { t } from './indicator-compare.texts.ts';
import { formatNumber } from '../shared/format.ts';
import { formatPeriod } from '@sosms/core/period';
import { illustrativeBadge, tableRegion } from '../shared/parts.ts';
import { VALUE_STATUS, label } from '../shared/i18n.ts';
import { chooseComparisonPeriod, readComparison } from '../data/read.ts';
import { CompareIndicator, SharedIndicatorPeriods } from '../data/queries.ts';
import type { ComparisonView } from '../data/views.ts';
import { loadQueryEntry } from '../data/source.ts';
import { indicatorCompareStyles } from './indicator-compare.styles.ts';

/**
 * `<sosms-compare>`: one shared indicator (same `sharedCode` in several schemes) across départements,
 * as horizontal bars and as a table.
 *
 * ### Examples
 * ```html
 * <sosms-compare endpoint="https://example.org/graphql" shared-code="rsa-emploi-12m" period="2023"></sosms-compare>
 * <sosms-compare src="/data/48-2018-2022.widgets.json" scheme="48-2018-2022"></sosms-compare>
 * ```
 *
 * @tagname sosms-compare
 * @fires sosms-loaded - The comparison is shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart bars - The bar chart.
 * @csspart table - The table of values.
 * @cssprop --sosms-primary - Colour of the bars.
 */
export class IndicatorCompare extends SosmsElement<ComparisonView> {
  static override styles = [SosmsElement.styles, indicatorCompareStyles];

  static override properties: PropertyDeclarations = {
    ...SosmsElement.properties,
    sharedCode: { type: String, attribute: 'shared-code' },
    period: { type: String },
  };

  /** Shared code of the indicator to compare; with a static file, the scheme's first shared indicator when absent. */
  declare sharedCode: string | null;
  /** Period to compare (`2023`, `2023-Q4`); when absent, the most recent period where the most départements have a value. */
  declare period: string | null;

  constructor() {
    super();
    this.sharedCode = null;
    this.period = null;
  }

  protected get regionLabel(): string {
    return t('compareTitle', this.language);
  }

  protected override taskArgs(): readonly unknown[] {
    return [...super.taskArgs(), this.sharedCode, this.period];
  }

  protected async load(signal: AbortSignal): Promise<Loaded<ComparisonView>> {
    if (this.src) {
      // A static file holds the comparisons of its scheme's shared indicators at their latest period.
      const entry = await loadQueryEntry(
        this.source,
        CompareIndicator,
        { sharedCode: this.sharedCode, period: this.period },
        signal,
      );
      return readComparison(entry.data, String(entry.variables.sharedCode ?? ''), (entry.variables.period as string | undefined) ?? null);
    }
    const sharedCode = this.requireAttribute('shared-code', this.sharedCode);
    const period = this.period ?? chooseComparisonPeriod(await this.runQuery(SharedIndicatorPeriods, { sharedCode }, signal));
    if (!period) return null;
    const view = readComparison(await this.runQuery(CompareIndicator, { sharedCode, period }, signal), sharedCode, period);
    return view;
  }

  protected renderData(view: ComparisonView): TemplateResult {
    const lang = this.language;
    const values = view.rows.map((r) => r.value).filter((v): v is number => v !== null);
    const max = Math.max(0, ...values) || 1;
    const unit = (value: number | null) => this.fr(formatNumber(value, view.unit, lang));
    return html`${this.heading(0, html`${t('compareTitle', lang)} — ${this.fr(view.indicatorName)} ${illustrativeBadge(view.illustrative, lang)}`)}
      ${view.period ? html`<p class="fr-text--mention">${t('period', lang)} : ${formatPeriod(view.period, lang)}</p>` : nothing}
      <p class="sosms-coverage">${view.withValue} ${t('coverage', lang)} ${view.rows.length} ${t('coverageEnd', lang)}</p>
      <ul class="sosms-bars" part="bars" aria-hidden="true">
        ${view.rows.map((row) => {
          const width = row.value === null ? 0 : Math.round((Math.max(0, row.value) / max) * 100);
          return html`<li class="sosms-bars__row">
            <span class="sosms-bars__label">${row.label}</span>
            <span class="sosms-bars__track">
              <span class="sosms-bars__bar sosms-w-${width} ${row.illustrative ? 'illustrative' : ''}" data-value=${row.value ?? ''}></span>
            </span>
            <span class="sosms-bars__value">${row.value === null ? label(VALUE_STATUS, row.status, lang) : unit(row.value)}</span>
          </li>`;
        })}
      </ul>
      ${tableRegion(
        'caption-compare',
        html`<table>
          <caption id="caption-compare">${this.fr(view.indicatorName)}${view.period ? ` (${formatPeriod(view.period, lang)})` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">${t('department', lang)}</th>
              <th scope="col">${t('scheme', lang)}</th>
              <th scope="col" class="num">${t('value', lang)}</th>
            </tr>
          </thead>
          <tbody>
            ${view.rows.map(
              (row) => html`<tr>
                <th scope="row">${row.label}</th>
                <td>${row.schemeCode ?? ''}</td>
                <td class="num">${row.value === null ? label(VALUE_STATUS, row.status, lang) : unit(row.value)} ${illustrativeBadge(row.illustrative, lang)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${view.illustrative ? html`<p class="fr-text--mention">${t('illustrativeNote', lang)}</p>` : nothing}`;
  }
}

define('sosms-compare', IndicatorCompare);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-compare': IndicatorCompare;
  }
}
