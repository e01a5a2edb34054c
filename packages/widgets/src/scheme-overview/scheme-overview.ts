import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { SCHEME_STATUS, label } from '../shared/i18n.ts';
import { t } from './scheme-overview.texts.ts';
import { formatDate } from '../shared/format.ts';
import { healthBadge, illustrativeBadge, progressBar, readable, statusBadge } from '../shared/parts.ts';
import { readSchemeOverview } from '../data/read.ts';
import { SchemeOverview as SchemeOverviewQuery } from '../data/queries.ts';
import type { ActionSummaryView, OrientationView, SchemeOverviewView } from '../data/views.ts';
import { schemeOverviewStyles } from './scheme-overview.styles.ts';

/**
 * `<sosms-scheme>`: a scheme at a glance — title, period, départements, adoption, overall progress, and its
 * orientation tree as DSFR accordions down to the actions, with status badges and progress bars.
 *
 * ### Examples
 * ```html
 * <sosms-scheme endpoint="https://example.org/graphql" scheme="48-2018-2022"></sosms-scheme>
 * <sosms-scheme src="/data/48-2018-2022.widgets.json" scheme="48-2018-2022" theme="dark"></sosms-scheme>
 * ```
 *
 * @tagname sosms-scheme
 * @fires sosms-loaded - The scheme is shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @fires sosms-toggle - An orientation was opened or closed; `detail` is `{ code, expanded }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart header - The scheme's title and key facts.
 * @csspart tree - The accordion tree of orientations.
 * @csspart accordion-button - Each orientation's button.
 * @cssprop --sosms-primary - Main colour (accordion buttons, progress bars).
 */
export class SchemeOverview extends SosmsElement<SchemeOverviewView> {
  static override styles = [SosmsElement.styles, schemeOverviewStyles];

  static override properties: PropertyDeclarations = {
    ...SosmsElement.properties,
    expandAll: { type: Boolean, attribute: 'expand-all' },
    expanded: { state: true, attribute: false },
  };

  /** Open every orientation at first display. */
  declare expandAll: boolean;
  declare private expanded: ReadonlySet<string>;

  constructor() {
    super();
    this.expandAll = false;
    this.expanded = new Set();
  }

  protected get regionLabel(): string {
    return this.language === 'fr' ? 'Présentation du schéma' : 'Scheme overview';
  }

  protected async load(signal: AbortSignal): Promise<Loaded<SchemeOverviewView>> {
    const scheme = this.requireScheme();
    const view = readSchemeOverview(await this.runQuery(SchemeOverviewQuery, { scheme }, signal), scheme);
    if (this.expandAll) this.expanded = new Set(allOrientationIds(view.orientations));
    return view;
  }

  protected renderData(view: SchemeOverviewView): TemplateResult {
    const lang = this.language;
    const { scheme } = view;
    const anyIllustrativeAction = hasIllustrativeAction(view.orientations);
    const hasIllustrative = scheme.illustrative || anyIllustrativeAction;
    return html`
      <header part="header">
        ${this.heading(0, html`${this.fr(scheme.title)} ${illustrativeBadge(scheme.illustrative, lang)}`)}
        ${readable(scheme.summary, scheme.easyRead, this.easyRead, lang, this.language === 'en')}
        <dl class="sosms-meta">
          <div><dt>${t('period', lang)}</dt><dd>${scheme.period ? `${scheme.period.start}–${scheme.period.end}` : t('notSet', lang)}</dd></div>
          <div>
            <dt>${scheme.departments.length > 1 ? t('departments', lang) : t('department', lang)}</dt>
            <dd>${scheme.departments.length ? scheme.departments.join(', ') : t('notSet', lang)}</dd>
          </div>
          <div><dt>${t('status', lang)}</dt><dd>${scheme.status ? label(SCHEME_STATUS, scheme.status, lang) : t('notSet', lang)}</dd></div>
          <div>
            <dt>${t('adoption', lang)}</dt>
            <dd>
              ${scheme.adoption
                ? html`${formatDate(scheme.adoption.date, lang)}${scheme.adoption.reference ? ` (${scheme.adoption.reference})` : ''}`
                : t('notSet', lang)}
            </dd>
          </div>
          <div>
            <dt>${t('actions', lang)}</dt>
            <dd>
              ${view.actionCount < view.actionTotal
                ? `${view.actionCount} ${t('shownOf', lang)} ${view.actionTotal}`
                : String(view.actionTotal)}
            </dd>
          </div>
        </dl>
        <div class="sosms-overall">
          <p class="sosms-overall__label">${t('overallProgress', lang)}</p>
          ${progressBar(scheme.progress, scheme.title, lang, anyIllustrativeAction)}
        </div>
        ${hasIllustrative ? html`<p class="fr-text--mention">${t('illustrativeNote', lang)}</p>` : nothing}
      </header>
      <div part="tree" class="fr-accordions-group">
        ${view.orientations.map((o) => this.renderOrientation(o, 0, scheme.levels))}
      </div>
    `;
  }

  private renderOrientation(orientation: OrientationView, depth: number, levels: string[]): TemplateResult {
    const lang = this.language;
    const collapseId = `collapse-${domId(orientation.id)}`;
    const open = this.expanded.has(orientation.id);
    const level = levels[depth];
    const illustrative = hasIllustrativeAction([orientation]);
    const button = html`<button
      class="fr-accordion__btn"
      part="accordion-button"
      type="button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${collapseId}
      data-code=${orientation.code}
      @click=${() => this.toggle(orientation)}
    >
      <span class="fr-accordion__label">${level ? html`${this.fr(level)} ` : ''}${orientation.code} — ${this.fr(orientation.title)}</span>
      <span class="sosms-accordion__progress" aria-hidden="true">${orientation.progress === null ? '' : `${Math.round(orientation.progress)}\u00a0%`}</span>
    </button>`;
    // Panels are always in the page (hidden when closed), so that printing shows them all.
    return html`<section class="fr-accordion">
      ${this.heading(depth + 1, button, 'fr-accordion__title')}
      <div class="fr-collapse" id=${collapseId} ?hidden=${!open}>
        ${readable(null, orientation.easyRead, this.easyRead, lang)}
        ${progressBar(orientation.progress, `${level ?? ''} ${orientation.code}`.trim(), lang, illustrative)}
        ${orientation.orientations.length
          ? html`<div class="fr-accordions-group">
              ${orientation.orientations.map((child) => this.renderOrientation(child, depth + 1, levels))}
            </div>`
          : nothing}
        ${orientation.actions.length
          ? this.renderActions(orientation.actions)
          : orientation.orientations.length
            ? nothing
            : html`<p class="fr-text--mention">${t('noAction', lang)}</p>`}
      </div>
    </section>`;
  }

  private renderActions(actions: ActionSummaryView[]): TemplateResult {
    const lang = this.language;
    return html`<ul class="sosms-actions">
      ${actions.map(
        (action) => html`<li class="sosms-action">
          <p class="sosms-action__title">
            <span class="sosms-action__code">${t('action', lang)} ${action.code}</span> ${this.fr(this.easyRead && action.easyRead
              ? action.easyRead
              : action.title)}
          </p>
          <p class="fr-badges-group">
            ${statusBadge(action.status, lang)} ${healthBadge(action.health, lang)} ${illustrativeBadge(action.illustrative, lang)}
          </p>
          ${progressBar(action.progress, `${t('action', lang)} ${action.code}`, lang, action.illustrative)}
        </li>`,
      )}
    </ul>`;
  }

  private toggle(orientation: OrientationView): void {
    const next = new Set(this.expanded);
    const expanded = !next.has(orientation.id);
    if (expanded) next.add(orientation.id);
    else next.delete(orientation.id);
    this.expanded = next;
    this.dispatchEvent(new CustomEvent('sosms-toggle', { detail: { code: orientation.code, expanded }, bubbles: true, composed: true }));
  }
}

function domId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}

function allOrientationIds(orientations: OrientationView[]): string[] {
  return orientations.flatMap((o) => [o.id, ...allOrientationIds(o.orientations)]);
}

function hasIllustrativeAction(orientations: OrientationView[]): boolean {
  return orientations.some((o) => o.actions.some((a) => a.illustrative) || hasIllustrativeAction(o.orientations));
}

define('sosms-scheme', SchemeOverview);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-scheme': SchemeOverview;
  }
}
