import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { PRIORITY, ROLE, UPDATE_KIND, VALUE_STATUS, label } from '../shared/i18n.ts';
import { t } from './action-sheet.texts.ts';
import { formatDate, formatNumber } from '../shared/format.ts';
import { compareNewestFirst } from '@sosms/core/order';
import { healthBadge, illustrativeBadge, progressBar, readable, statusBadge, tableRegion } from '../shared/parts.ts';
import { readActionDetail } from '../data/read.ts';
import { SchemeActions } from '../data/queries.ts';
import type { ActionDetailView } from '../data/views.ts';
import { actionSheetStyles } from './action-sheet.styles.ts';

/**
 * `<sosms-action>`: one fiche-action — objectives, territories, pilot and partners, dates and milestones,
 * status, health, budget (planned and executed per year and funder), indicators and the latest dated updates.
 *
 * ### Examples
 * ```html
 * <sosms-action endpoint="https://example.org/graphql" scheme="48-2018-2022" action="1.1.1"></sosms-action>
 * ```
 *
 * @tagname sosms-action
 * @fires sosms-loaded - The action is shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart sheet - The fiche-action.
 * @csspart table-budget - The budget table.
 * @csspart table-indicators - The indicators table.
 * @cssprop --sosms-primary - Main colour (progress bar).
 */
export class ActionSheet extends SosmsElement<ActionDetailView> {
  static override styles = [SosmsElement.styles, actionSheetStyles];

  static override properties: PropertyDeclarations = {
    ...SosmsElement.properties,
    action: { type: String },
    updates: { type: Number },
  };

  /** Code of the action in its scheme (e.g. `1.1.1`). */
  declare action: string | null;
  /** How many of the latest updates to show (default 3). */
  declare updates: number;

  constructor() {
    super();
    this.action = null;
    this.updates = 3;
  }

  protected get regionLabel(): string {
    return this.language === 'fr' ? 'Fiche-action' : 'Action sheet';
  }

  protected override taskArgs(): readonly unknown[] {
    return [...super.taskArgs(), this.action];
  }

  protected async load(signal: AbortSignal): Promise<Loaded<ActionDetailView>> {
    const scheme = this.requireScheme();
    const action = this.requireAttribute('action', this.action);
    return readActionDetail(await this.runQuery(SchemeActions, { scheme }, signal), scheme, action);
  }

  protected renderData(action: ActionDetailView): TemplateResult {
    const lang = this.language;
    const fr = (text: string | null | undefined) => this.fr(text);
    const updates = [...action.updates].sort(compareNewestFirst).slice(0, Math.max(0, this.updates));
    const sub = (key: Parameters<typeof t>[0]) => this.heading(1, t(key, lang), 'sosms-sub');
    return html`<article part="sheet" class="sosms-sheet">
      ${action.orientation
        ? html`<p class="fr-text--mention">${action.orientation.code} — ${fr(action.orientation.title)}</p>`
        : nothing}
      ${this.heading(0, html`${t('action', lang)} ${action.code} — ${fr(action.title)}`)}
      <p class="fr-badges-group">
        ${statusBadge(action.status, lang)} ${healthBadge(action.health, lang)} ${illustrativeBadge(action.illustrative, lang)}
      </p>
      ${readable(action.description, action.easyRead, this.easyRead, lang)}
      <div class="sosms-sheet__progress">${progressBar(action.progress, `${t('action', lang)} ${action.code}`, lang, action.illustrative)}</div>

      <dl class="sosms-meta">
        <div><dt>${t('pilot', lang)}</dt><dd>${action.pilot ? fr(action.pilot) : t('notSet', lang)}</dd></div>
        <div><dt>${t('priority', lang)}</dt><dd>${action.priority ? label(PRIORITY, action.priority, lang) : t('notSet', lang)}</dd></div>
        <div><dt>${t('startDate', lang)}</dt><dd>${action.startDate ? formatDate(action.startDate, lang) : t('notSet', lang)}</dd></div>
        <div><dt>${t('endDate', lang)}</dt><dd>${action.endDate ? formatDate(action.endDate, lang) : t('notSet', lang)}</dd></div>
      </dl>

      ${this.list('objectives', action.objectives)} ${this.list('expectedResults', action.expectedResults)}
      ${action.territories.length
        ? html`${sub('territories')}
            <ul class="fr-tags-group">
              ${action.territories.map((te) => html`<li class="fr-tag">${fr(te.name)}</li>`)}
            </ul>`
        : nothing}
      ${action.partners.length
        ? html`${sub('partners')}
            <ul class="fr-tags-group">
              ${action.partners.map((p) => html`<li class="fr-tag">${fr(p.name)}${p.role ? ` (${label(ROLE, p.role, lang)})` : ''}</li>`)}
            </ul>`
        : nothing}
      ${action.milestones.length
        ? html`${sub('milestones')}
            <ol class="sosms-milestones">
              ${action.milestones.map(
                (m) => html`<li>
                  <span class="sosms-milestones__date">${formatDate(m.date, lang)}</span> ${fr(m.title)}
                  <span class="fr-badge fr-badge--sm ${m.done ? 'fr-badge--success' : ''}">${m.done ? t('milestoneDone', lang) : t('milestoneTodo', lang)}</span>
                </li>`,
              )}
            </ol>`
        : nothing}
      ${action.budget.length ? this.renderBudget(action) : nothing}
      ${action.indicators.length
        ? html`${sub('indicators')}
            ${tableRegion(
              'caption-indicators',
              html`<table>
                <caption id="caption-indicators">${t('indicators', lang)}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('indicators', lang)}</th>
                    <th scope="col" class="num">${t('baseline', lang)}</th>
                    <th scope="col" class="num">${t('value', lang)}</th>
                    <th scope="col" class="num">${t('target', lang)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${action.indicators.map((i) => {
                    // The current value as the API states it (core's one rule): masked is never « non renseigné ».
                    const current = i.current;
                    return html`<tr>
                      <th scope="row">${fr(i.name)} ${illustrativeBadge(i.illustrative || current.illustrative, lang)}</th>
                      <td class="num">${i.baseline ? fr(formatNumber(i.baseline.value, i.unit, lang)) : t('notSet', lang)}</td>
                      <td class="num">${current.status === 'known' ? fr(formatNumber(current.value, i.unit, lang)) : label(VALUE_STATUS, current.status, lang)}</td>
                      <td class="num">${i.target ? fr(formatNumber(i.target.value, i.unit, lang)) : t('notSet', lang)}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>`,
              'table-indicators',
            )}`
        : nothing}
      ${updates.length
        ? html`${sub('latestUpdates')}
            <ul class="sosms-updates">
              ${updates.map(
                (u) => html`<li>
                  <p class="fr-text--mention">
                    ${formatDate(u.date, lang)}${u.kind ? ` · ${label(UPDATE_KIND, u.kind, lang)}` : ''}
                    ${illustrativeBadge(u.illustrative, lang)}
                  </p>
                  <p>${fr(u.text)}</p>
                </li>`,
              )}
            </ul>`
        : nothing}
    </article>`;
  }

  /** Planned and executed budget per year and funder, with the totals of each year. */
  private renderBudget(action: ActionDetailView): TemplateResult {
    const lang = this.language;
    const euros = (v: number | null) => (v === null ? t('notSet', lang) : formatNumber(v, '€', lang));
    const illustrative = action.budget.some((b) => b.illustrative);
    const sum = (key: 'planned' | 'executed') => {
      const values = action.budget.map((b) => b[key]).filter((v): v is number => v !== null);
      return values.length ? values.reduce((a, b) => a + b, 0) : null;
    };
    return html`${this.heading(1, t('budget', lang), 'sosms-sub')}
      ${tableRegion(
        'caption-budget',
        html`<table>
          <caption id="caption-budget">${t('budget', lang)} ${illustrativeBadge(illustrative, lang)}</caption>
          <thead>
            <tr>
              <th scope="col">${t('year', lang)}</th>
              <th scope="col">${t('funder', lang)}</th>
              <th scope="col" class="num">${t('planned', lang)}</th>
              <th scope="col" class="num">${t('executed', lang)}</th>
            </tr>
          </thead>
          <tbody>
            ${action.budget.map(
              (b) => html`<tr>
                <th scope="row">${b.year}</th>
                <td>${this.fr(b.funder)}</td>
                <td class="num">${euros(b.planned)}</td>
                <td class="num">${euros(b.executed)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">${t('total', lang)}${illustrative ? html` <span class="fr-text--mention">(${t('illustrativeFigure', lang)})</span>` : nothing}</th>
              <td class="num">${euros(sum('planned'))}</td>
              <td class="num">${euros(sum('executed'))}</td>
            </tr>
          </tfoot>
        </table>`,
        'table-budget',
      )}`;
  }

  private list(key: 'objectives' | 'expectedResults', items: string[]): TemplateResult | typeof nothing {
    if (!items.length) return nothing;
    return html`${this.heading(1, t(key, this.language), 'sosms-sub')}
      <ul>
        ${items.map((item) => html`<li>${this.fr(item)}</li>`)}
      </ul>`;
  }
}

define('sosms-action', ActionSheet);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-action': ActionSheet;
  }
}
