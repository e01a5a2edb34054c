import { html, nothing, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { label } from '../shared/i18n.ts';
import { formatDate, formatNumber } from '../shared/format.ts';
import { illustrativeBadge } from '../shared/parts.ts';
import { ACT_KIND, EVALUATION_KIND, FATE, FOLLOW_UP, OPINION, t } from './evaluation-view.texts.ts';
import { SchemeEvaluationView, type EvaluationViewData } from './evaluation-view.query.ts';
import { evaluationViewStyles } from './evaluation-view.styles.ts';

type View = { scheme: { code: string; title: string } } & NonNullable<EvaluationViewData['schemeEvaluation']>;

/**
 * `<sosms-evaluation>`: what citizens should see of a scheme's evaluation — the legal trail (adoption,
 * opinions, amendments, revisions), every target revision with its original target and justification
 * (never a silent change), the evaluations and the follow-up of their recommendations, and the lineage with
 * the previous and next schemes. Computes nothing: everything comes from the gateway.
 *
 * ### Examples
 * ```html
 * <sosms-evaluation endpoint="https://example.org/graphql" scheme="92-2024-2028"></sosms-evaluation>
 * ```
 *
 * @tagname sosms-evaluation
 * @fires sosms-loaded - The evaluation is shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 */
export class EvaluationView extends SosmsElement<View> {
  static override styles = [SosmsElement.styles, evaluationViewStyles];

  protected get regionLabel(): string {
    return t('title', this.language);
  }

  protected async load(signal: AbortSignal): Promise<Loaded<View>> {
    const scheme = this.requireScheme();
    const data = (await this.runQuery(SchemeEvaluationView, { scheme }, signal)) as EvaluationViewData;
    if (!data.scheme || !data.schemeEvaluation) return null;
    return { scheme: data.scheme, ...data.schemeEvaluation };
  }

  protected renderData(view: View): TemplateResult {
    const lang = this.language;
    const empty = !view.legalTrail.length && !view.targetRevisions.length && !view.evaluations.length && !view.lineage.length && !view.continuations.length;
    return html`<div class="sosms-evaluation">
      ${this.heading(0, html`${t('title', lang)} — ${this.fr(view.scheme.title)}`)}
      ${empty ? html`<p>${t('nothing', lang)}</p>` : nothing}
      ${view.legalTrail.length
        ? html`${this.heading(1, t('legalTrail', lang))}
            <ol class="sosms-evaluation__list">
              ${view.legalTrail.map(
                (a) => html`<li>
                  <strong>${formatDate(a.date, lang)} — ${label(ACT_KIND, a.kind, lang)}</strong> : ${this.fr(a.title)}${a.number ? ` (n° ${a.number})` : ''}
                  ${a.assembly || a.body ? html`<br />${this.fr(a.assembly ?? a.body)}` : nothing}${a.opinion ? html`, ${label(OPINION, a.opinion, lang).toLocaleLowerCase(lang)}` : nothing}
                  ${illustrativeBadge(a.illustrative, lang)}
                  ${a.summary ? html`<br />${this.fr(a.summary)}` : nothing}
                  ${a.changes.length ? html`<ul>${a.changes.map((c) => html`<li>${c.actionCode ?? c.indicatorCode ?? ''}${c.actionCode || c.indicatorCode ? ' : ' : ''}${this.fr(c.text)}</li>`)}</ul>` : nothing}
                </li>`,
              )}
            </ol>`
        : nothing}
      ${view.targetRevisions.length
        ? html`${this.heading(1, t('targetRevisions', lang))}
            <div class="sosms-evaluation__scroll">
              <table>
                <caption>${t('targetRevisions', lang)}</caption>
                <thead><tr><th scope="col">${t('indicator', lang)}</th><th scope="col">${t('date', lang)}</th><th scope="col">${t('original', lang)}</th><th scope="col">${t('revised', lang)}</th><th scope="col">${t('justification', lang)}</th></tr></thead>
                <tbody>
                  ${view.targetRevisions.map(
                    (r) => html`<tr>
                      <th scope="row">${r.indicatorCode} ${illustrativeBadge(r.illustrative, lang)}</th>
                      <td>${formatDate(r.date, lang)}</td>
                      <td>${formatNumber(r.original.value, null, lang)}${r.original.date ? ` (${formatDate(r.original.date, lang)})` : ''}</td>
                      <td>${formatNumber(r.revised.value, null, lang)}${r.revised.date ? ` (${formatDate(r.revised.date, lang)})` : ''}</td>
                      <td>${this.fr(r.justification)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : nothing}
      ${view.evaluations.length
        ? html`${this.heading(1, t('evaluations', lang))}
            ${view.evaluations.map(
              (e) => html`${this.heading(2, html`${this.fr(e.title)} ${illustrativeBadge(e.illustrative, lang)}`)}
                <p>${label(EVALUATION_KIND, e.kind, lang)}, ${formatDate(e.date, lang)}. ${t('authors', lang)} : ${e.authors.map((a) => `${a.name} (${t(a.kind === 'external' ? 'external' : 'internal', lang)})`).join(', ')}.</p>
                ${e.easyRead || e.summary ? html`<p>${this.fr(e.easyRead ?? e.summary)}</p>` : nothing}
                ${e.recommendations.length
                  ? html`<p><strong>${t('recommendations', lang)}</strong></p>
                      <ul class="sosms-evaluation__list">
                        ${e.recommendations.map(
                          (r) => html`<li>${this.fr(r.text)} — <strong>${label(FOLLOW_UP, r.followUp?.status ?? 'pending', lang)}</strong>${r.followUp?.date ? ` (${formatDate(r.followUp.date, lang)})` : ''}
                            ${r.actionCodes.length ? html`<br />${t('actions', lang)} : ${r.actionCodes.join(', ')}` : nothing} ${illustrativeBadge(r.illustrative, lang)}</li>`,
                        )}
                      </ul>`
                  : nothing}`,
            )}`
        : nothing}
      ${this.lineageTable(t('lineage', lang), view.lineage.map((l) => ({ action: `${l.predecessorSchemeCode} ${l.predecessorActionCode}`, fate: l.fate, into: l.actionCodes, illustrative: l.illustrative })))}
      ${this.lineageTable(t('continuations', lang), view.continuations.map((c) => ({ action: c.actionCode, fate: c.fate, into: c.successorActionCodes.map((a) => `${c.successorSchemeCode} ${a}`), illustrative: c.illustrative })))}
    </div>`;
  }

  private lineageTable(title: string, rows: { action: string; fate: string; into: string[]; illustrative: boolean }[]): TemplateResult | typeof nothing {
    const lang = this.language;
    if (!rows.length) return nothing;
    return html`${this.heading(1, title)}
      <div class="sosms-evaluation__scroll">
        <table>
          <caption>${title}</caption>
          <thead><tr><th scope="col">${t('previousAction', lang)}</th><th scope="col">${t('fate', lang)}</th><th scope="col">${t('into', lang)}</th></tr></thead>
          <tbody>
            ${rows.map((r) => html`<tr><th scope="row">${r.action}</th><td>${label(FATE, r.fate, lang)} ${illustrativeBadge(r.illustrative, lang)}</td><td>${r.into.join(', ') || '—'}</td></tr>`)}
          </tbody>
        </table>
      </div>`;
  }
}

define('sosms-evaluation', EvaluationView);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-evaluation': EvaluationView;
  }
}
