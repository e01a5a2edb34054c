import { html, nothing, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { EVENT_KIND, PHASE_KIND, label, type Lang } from '../shared/i18n.ts';
import { t } from './scheme-timeline.texts.ts';
import { formatDate } from '../shared/format.ts';
import { readTimeline } from '../data/read.ts';
import { SchemeTimeline as SchemeTimelineQuery } from '../data/queries.ts';
import type { TimelineEntryView, TimelineView } from '../data/views.ts';
import { schemeTimelineStyles } from './scheme-timeline.styles.ts';

/**
 * `<sosms-timeline>`: the life of a scheme in date order — its phases, consultation events (with their
 * participants and proposals) and the meetings of its governing bodies.
 *
 * ### Examples
 * ```html
 * <sosms-timeline endpoint="https://example.org/graphql" scheme="48-2018-2022"></sosms-timeline>
 * ```
 *
 * @tagname sosms-timeline
 * @fires sosms-loaded - The timeline is shown.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart list - The ordered list of dated entries.
 * @cssprop --sosms-primary - Colour of the timeline's markers.
 */
export class SchemeTimeline extends SosmsElement<TimelineView> {
  static override styles = [SosmsElement.styles, schemeTimelineStyles];

  protected get regionLabel(): string {
    return this.language === 'fr' ? 'Chronologie du schéma' : 'Scheme timeline';
  }

  protected async load(signal: AbortSignal): Promise<Loaded<TimelineView>> {
    const scheme = this.requireScheme();
    return readTimeline(await this.runQuery(SchemeTimelineQuery, { scheme }, signal), scheme);
  }

  protected renderData(view: TimelineView): TemplateResult {
    const lang = this.language;
    return html`${this.heading(0, html`${t('timeline', lang)} — ${this.fr(view.scheme.title)}`)}
      <ol class="sosms-timeline" part="list">
        ${view.entries.map((entry) => this.renderEntry(entry, lang))}
      </ol>`;
  }

  private renderEntry(entry: TimelineEntryView, lang: Lang): TemplateResult {
    const kind =
      entry.kind === 'phase'
        ? label(PHASE_KIND, entry.subKind, lang)
        : entry.kind === 'event'
          ? label(EVENT_KIND, entry.subKind, lang)
          : this.fr(entry.subKind ?? t('meetings', lang));
    const figures = [
      entry.participants !== null ? `${entry.participants} ${t('participants', lang)}` : null,
      entry.proposalsCount !== null ? `${entry.proposalsCount} ${t('proposals', lang)}` : null,
    ].filter(Boolean);
    return html`<li class="sosms-timeline__item sosms-timeline__item--${entry.kind}">
      <p class="sosms-timeline__date">
        ${entry.dateLabel && entry.dateText
          ? entry.dateText.includes('/')
            ? html`<span>${entry.dateLabel}</span>`
            : html`<time datetime=${entry.dateText}>${entry.dateLabel}</time>`
          : entry.endDate && entry.endDate !== entry.date
          ? html`<time datetime=${entry.date}>${formatDate(entry.date, lang)}</time> – <time datetime=${entry.endDate}>${formatDate(entry.endDate, lang)}</time>`
          : html`<time datetime=${entry.date}>${formatDate(entry.date, lang)}</time>`}
      </p>
      <p class="sosms-timeline__title"><span class="fr-badge fr-badge--sm">${kind}</span> ${this.fr(entry.title)}</p>
      ${figures.length ? html`<p class="fr-text--mention">${figures.join(' · ')}</p>` : nothing}
      ${entry.detail ? html`<p>${this.fr(entry.detail)}</p>` : nothing}
    </li>`;
  }
}

define('sosms-timeline', SchemeTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-timeline': SchemeTimeline;
  }
}
