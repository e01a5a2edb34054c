import { html, nothing, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { ACTION_STATUS, HEALTH, label, type LabelTable } from '../shared/i18n.ts';
import { t } from './progress-summary.texts.ts';
import { formatNumber } from '../shared/format.ts';
import { illustrativeBadge, progressBar, tableRegion } from '../shared/parts.ts';
import { readProgress } from '../data/read.ts';
import { SchemeProgress } from '../data/queries.ts';
import type { CountView, ProgressView } from '../data/views.ts';
import { progressSummaryStyles } from './progress-summary.styles.ts';

const STATUS_CLASSES: Record<string, string> = {
  done: 'success',
  in_progress: 'info',
  planned: 'new',
  paused: 'warning',
  late: 'warning',
  blocked: 'error',
  abandoned: 'neutral',
};
const HEALTH_CLASSES: Record<string, string> = { on_track: 'success', behind: 'warning', at_risk: 'error', unknown: 'neutral' };

/**
 * `<sosms-progress>`: where a scheme stands — overall progress, and its actions counted by status and by health.
 *
 * ### Examples
 * ```html
 * <sosms-progress endpoint="https://example.org/graphql" scheme="72-2015-2019"></sosms-progress>
 * ```
 *
 * @tagname sosms-progress
 * @fires sosms-loaded - The figures are shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart summary - The figures.
 * @csspart table-status - The table of actions by status.
 * @csspart table-health - The table of actions by health.
 * @cssprop --sosms-primary - Main colour (overall progress bar).
 */
export class ProgressSummary extends SosmsElement<ProgressView> {
  static override styles = [SosmsElement.styles, progressSummaryStyles];

  protected get regionLabel(): string {
    return this.language === 'fr' ? 'Avancement du schéma' : 'Scheme progress';
  }

  protected async load(signal: AbortSignal): Promise<Loaded<ProgressView>> {
    const scheme = this.requireScheme();
    return readProgress(await this.runQuery(SchemeProgress, { scheme }, signal), scheme);
  }

  protected renderData(view: ProgressView): TemplateResult {
    const lang = this.language;
    return html`<div part="summary">
      ${this.heading(0, html`${t('progress', lang)} — ${this.fr(view.scheme.title)} ${illustrativeBadge(view.illustrative, lang)}`)}
      <p class="sosms-overall__label">${t('overallProgress', lang)}</p>
      <div class="sosms-overall">${progressBar(view.scheme.progress, view.scheme.title, lang, view.illustrative)}</div>
      <p>${view.total} ${t('actions', lang).toLowerCase()}</p>
      ${view.total
        ? html`<div class="sosms-columns">
            ${this.renderCounts('status', t('byStatus', lang), ACTION_STATUS, view.byStatus, view.total, STATUS_CLASSES)}
            ${this.renderCounts('health', t('byHealth', lang), HEALTH, view.byHealth, view.total, HEALTH_CLASSES)}
          </div>`
        : nothing}
      ${view.illustrative ? html`<p class="fr-text--mention">${t('illustrativeNote', lang)}</p>` : nothing}
    </div>`;
  }

  private renderCounts(
    id: string,
    title: string,
    family: LabelTable,
    rows: CountView[],
    total: number,
    classes: Record<string, string>,
  ): TemplateResult {
    const lang = this.language;
    const captionId = `caption-${id}`;
    return tableRegion(
      captionId,
      html`<table>
        <caption id=${captionId}>${title}</caption>
        <thead>
          <tr>
            <th scope="col">${family === HEALTH ? t('health', lang) : t('status', lang)}</th>
            <th scope="col" class="num">${t('count', lang)}</th>
            <th scope="col">${t('share', lang)}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => {
            const share = Math.round((row.count / total) * 100);
            return html`<tr>
              <th scope="row">${label(family, row.key, lang)}</th>
              <td class="num">${row.count}</td>
              <td>
                <span class="sosms-share" aria-hidden="true">
                  <span class="sosms-share__bar sosms-w-${share} ${classes[row.key] ?? 'neutral'}"></span>
                </span>
                ${formatNumber(share, '%', lang)}
                ${row.illustrative
                  ? html`<span class="fr-text--mention">(${row.illustrative === row.count ? '' : `${row.illustrative} `}${t('illustrativeCount', lang)})</span>`
                  : nothing}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>`,
      `table-${id}`,
    );
  }
}

define('sosms-progress', ProgressSummary);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-progress': ProgressSummary;
  }
}
