import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { PROPOSAL_OUTCOME, label } from '../shared/i18n.ts';
import { t } from './scheme-proposals.texts.ts';
import { formatDate } from '../shared/format.ts';
import { illustrativeBadge } from '../shared/parts.ts';
import { readProposals } from '../data/read.ts';
import { SchemeProposals as SchemeProposalsQuery } from '../data/queries.ts';
import type { ProposalView, ProposalsView } from '../data/views.ts';
import { actionUrl } from '../shared/links.ts';
import { schemeProposalsStyles } from './scheme-proposals.styles.ts';

/**
 * `<sosms-proposals>`: the traceability of the participation — each proposal of the consultation, the
 * consultation time it came from, the outcome given to it, and the actions it led to.
 *
 * ### Examples
 * ```html
 * <sosms-proposals endpoint="https://example.org/graphql" scheme="77-2019-2024" action-url="/actions/{action}"></sosms-proposals>
 * ```
 *
 * @tagname sosms-proposals
 * @fires sosms-loaded - The proposals are shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart list - The list of proposals.
 */
export class SchemeProposals extends SosmsElement<ProposalsView> {
  static override styles = [SosmsElement.styles, schemeProposalsStyles];

  static override properties: PropertyDeclarations = {
    ...SosmsElement.properties,
    actionUrlTemplate: { type: String, attribute: 'action-url' },
  };

  /** Template of the link of each resulting action (`{scheme}`, `{action}`, `{department}`); no link without it. */
  declare actionUrlTemplate: string | null;

  constructor() {
    super();
    this.actionUrlTemplate = null;
  }

  protected get regionLabel(): string {
    return t('proposalsTitle', this.language);
  }

  protected async load(signal: AbortSignal): Promise<Loaded<ProposalsView>> {
    const scheme = this.requireScheme();
    return readProposals(await this.runQuery(SchemeProposalsQuery, { scheme }, signal), scheme);
  }

  protected renderData(view: ProposalsView): TemplateResult {
    const lang = this.language;
    const illustrative = view.proposals.some((p) => p.illustrative);
    return html`${this.heading(0, html`${t('proposalsTitle', lang)} — ${this.fr(view.scheme.title)}`)}
      <p>${view.proposals.length < view.totalCount ? `${view.proposals.length} ${t('shownOf', lang)} ${view.totalCount}` : view.totalCount} ${t('proposals', lang)}</p>
      <ol class="sosms-proposals" part="list">
        ${view.proposals.map((p) => this.renderProposal(p, view))}
      </ol>
      ${illustrative ? html`<p class="fr-text--mention">${t('illustrativeNote', lang)}</p>` : nothing}`;
  }

  private renderProposal(proposal: ProposalView, view: ProposalsView): TemplateResult {
    const lang = this.language;
    return html`<li class="sosms-proposal">
      ${this.heading(1, html`${t('proposal', lang)} ${this.fr(proposal.text)}`, 'sosms-proposal__title')}
      <p class="fr-badges-group">
        <span class="fr-badge fr-badge--sm ${proposal.outcome === 'retained' ? 'fr-badge--success' : ''}"
          ><span class="fr-sr-only">${t('outcome', lang)} : </span>${label(PROPOSAL_OUTCOME, proposal.outcome, lang)}</span
        >
        ${illustrativeBadge(proposal.illustrative, lang)}
      </p>
      ${proposal.event
        ? html`<p class="fr-text--mention">
            ${t('fromEvent', lang)} : ${this.fr(proposal.event.title)}${proposal.event.date ? ` (${formatDate(proposal.event.date, lang)})` : ''}
          </p>`
        : nothing}
      ${proposal.actions.length
        ? html`<p>${t('ledTo', lang)} :</p>
            <ul>
              ${proposal.actions.map((a) => {
                const text = html`${t('action', lang)} ${a.code} — ${this.fr(a.title)}`;
                return html`<li>
                  ${this.actionUrlTemplate
                    ? html`<a href=${actionUrl(this.actionUrlTemplate, { schemeCode: view.scheme.code, code: a.code, departments: view.scheme.departments })}>${text}</a>`
                    : text}
                </li>`;
              })}
            </ul>`
        : nothing}
    </li>`;
  }
}

define('sosms-proposals', SchemeProposals);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-proposals': SchemeProposals;
  }
}
