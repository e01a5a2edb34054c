import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { label, t } from '../shared/i18n.ts';
import { formatDate, formatNumber } from '../shared/format.ts';
import { healthBadge, illustrativeBadge, progressBar, readable, statusBadge } from '../shared/parts.ts';
import { readActionDetail } from '../data/read.ts';
import type { ActionDetailView } from '../data/views.ts';
import { actionSheetStyles } from './action-sheet.styles.ts';

/**
 * `<sosms-action>`: one fiche-action — objectives, pilot and partners, dates and milestones, status, health,
 * indicators and the latest dated updates.
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
    return readActionDetail(await this.runQuery('SchemeActions', { scheme }, signal), scheme, this.action);
  }

  protected renderData(action: ActionDetailView): TemplateResult {
    const lang = this.language;
    const updates = [...action.updates].sort((a, b) => b.date.localeCompare(a.date)).slice(0, Math.max(0, this.updates));
    return html`<article part="sheet" class="sosms-sheet">
      ${action.orientation
        ? html`<p class="fr-text--mention">${action.orientation.code} — ${action.orientation.title}</p>`
        : nothing}
      <h2>${t('action', lang)} ${action.code} — ${action.title}</h2>
      <p class="fr-badges-group">
        ${statusBadge(action.status, lang)} ${healthBadge(action.health, lang)} ${illustrativeBadge(action.illustrative, lang)}
      </p>
      ${readable(action.description, action.easyRead, this.easyRead, lang)}
      <div class="sosms-sheet__progress">${progressBar(action.progress, `${t('action', lang)} ${action.code}`, lang)}</div>

      <dl class="sosms-meta">
        <div><dt>${t('pilot', lang)}</dt><dd>${action.pilot ?? t('notSet', lang)}</dd></div>
        ${action.priority ? html`<div><dt>${t('priority', lang)}</dt><dd>${label('priority', action.priority, lang)}</dd></div>` : nothing}
        <div><dt>${t('startDate', lang)}</dt><dd>${action.startDate ? formatDate(action.startDate, lang) : t('notSet', lang)}</dd></div>
        <div><dt>${t('endDate', lang)}</dt><dd>${action.endDate ? formatDate(action.endDate, lang) : t('notSet', lang)}</dd></div>
      </dl>

      ${list(t('objectives', lang), action.objectives)} ${list(t('expectedResults', lang), action.expectedResults)}
      ${action.partners.length
        ? html`<h3>${t('partners', lang)}</h3>
            <ul class="fr-tags-group">
              ${action.partners.map((p) => html`<li class="fr-tag">${p.name}${p.role ? ` (${label('role', p.role, lang)})` : ''}</li>`)}
            </ul>`
        : nothing}
      ${action.milestones.length
        ? html`<h3>${t('milestones', lang)}</h3>
            <ol class="sosms-milestones">
              ${action.milestones.map(
                (m) => html`<li>
                  <span class="sosms-milestones__date">${formatDate(m.date, lang)}</span> ${m.title}
                  <span class="fr-badge fr-badge--sm ${m.done ? 'fr-badge--success' : ''}">${m.done ? t('milestoneDone', lang) : t('milestoneTodo', lang)}</span>
                </li>`,
              )}
            </ol>`
        : nothing}
      ${action.indicators.length
        ? html`<h3>${t('indicators', lang)}</h3>
            <div class="fr-table">
              <table>
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
                    const latest = i.measurements.at(-1);
                    return html`<tr>
                      <th scope="row">${i.name} ${illustrativeBadge(i.illustrative || Boolean(latest?.illustrative), lang)}</th>
                      <td class="num">${i.baseline ? formatNumber(i.baseline.value, i.unit, lang) : '–'}</td>
                      <td class="num">${latest ? formatNumber(latest.value, i.unit, lang) : '–'}</td>
                      <td class="num">${i.target ? formatNumber(i.target.value, i.unit, lang) : '–'}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
        : nothing}
      ${updates.length
        ? html`<h3>${t('latestUpdates', lang)}</h3>
            <ul class="sosms-updates">
              ${updates.map(
                (u) => html`<li>
                  <p class="fr-text--mention">
                    ${formatDate(u.date, lang)}${u.kind ? ` · ${label('updateKind', u.kind, lang)}` : ''}
                    ${illustrativeBadge(u.illustrative, lang)}
                  </p>
                  <p>${u.text}</p>
                </li>`,
              )}
            </ul>`
        : nothing}
    </article>`;
  }
}

function list(title: string, items: string[]): TemplateResult | typeof nothing {
  if (!items.length) return nothing;
  return html`<h3>${title}</h3>
    <ul>
      ${items.map((item) => html`<li>${item}</li>`)}
    </ul>`;
}

define('sosms-action', ActionSheet);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-action': ActionSheet;
  }
}
