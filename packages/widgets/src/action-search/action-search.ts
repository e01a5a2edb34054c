import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { t } from './action-search.texts.ts';
import { healthBadge, illustrativeBadge, progressBar, statusBadge } from '../shared/parts.ts';
import { filterActions, readNomenclatures, readSearchResults, readSchemeActionsForSearch } from '../data/read.ts';
import { Nomenclatures, SchemeActions, SearchActions } from '../data/queries.ts';
import type { NomenclatureView, SearchResultView } from '../data/views.ts';
import { actionUrl } from '../shared/links.ts';
import { actionSearchStyles } from './action-search.styles.ts';

/** What the search widget shows: the nomenclatures for its filters and the matching actions. */
export interface SearchView {
  nomenclatures: NomenclatureView;
  results: SearchResultView[];
  totalCount: number;
  /** Where the next page starts (a cursor, or an offset in a static file); `null` on the last page. */
  nextCursor: string | null;
}


/**
 * `<sosms-search>`: full-text search of actions across every scheme of the endpoint (or within `scheme`),
 * filtered by theme and public, one page at a time. Each result names its scheme and département(s) and,
 * with `action-url`, links to the action's page. With `src`, it searches the actions of the static file's scheme.
 *
 * ### Examples
 * ```html
 * <sosms-search endpoint="https://example.org/graphql" action-url="/schemas/{scheme}/actions/{action}"></sosms-search>
 * <sosms-search src="/data/48-2018-2022.widgets.json" scheme="48-2018-2022" query="aidants"></sosms-search>
 * ```
 *
 * @tagname sosms-search
 * @fires sosms-loaded - Results are shown; `detail` is `{ results, totalCount }`.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart form - The search form.
 * @csspart results - The list of results.
 * @csspart more - The « Afficher les résultats suivants » button.
 * @cssprop --sosms-primary - Colour of the search button and progress bars.
 */
export class ActionSearch extends SosmsElement<SearchView> {
  static override styles = [SosmsElement.styles, actionSearchStyles];

  static override properties: PropertyDeclarations = {
    ...SosmsElement.properties,
    query: { type: String },
    themeFilter: { type: String, attribute: 'theme-filter' },
    publicFilter: { type: String, attribute: 'public-filter' },
    limit: { type: Number },
    actionUrlTemplate: { type: String, attribute: 'action-url' },
    nomenclatures: { state: true, attribute: false },
    more: { state: true, attribute: false },
  };

  /** Search text (also set by the form). */
  declare query: string;
  /** Theme code to filter on (e.g. `carer_support`). */
  declare themeFilter: string;
  /** Public code to filter on (e.g. `elderly`). */
  declare publicFilter: string;
  /** Results per page (default 20, at most 100); « Afficher les résultats suivants » loads the next page. */
  declare limit: number;
  /**
   * Template of the link of each result, e.g. `/schemas/{scheme}/actions/{action}` (`{scheme}`, `{action}`,
   * `{department}` are replaced); without it, results are not links.
   */
  declare actionUrlTemplate: string | null;
  declare private nomenclatures: (NomenclatureView & { lang: string }) | null;
  /** Pages loaded after the first one, and where the next starts. */
  declare private more: { results: SearchResultView[]; nextCursor: string | null; forView: SearchView } | null;
  private loadingMore = false;

  constructor() {
    super();
    this.query = '';
    this.themeFilter = '';
    this.publicFilter = '';
    this.limit = 20;
    this.actionUrlTemplate = null;
    this.nomenclatures = null;
    this.more = null;
  }

  protected get regionLabel(): string {
    return t('search', this.language);
  }

  protected override taskArgs(): readonly unknown[] {
    return [...super.taskArgs(), this.query, this.themeFilter, this.publicFilter, this.limit, this.lang];
  }

  private get pageSize(): number {
    return Math.min(100, Math.max(1, this.limit || 20));
  }

  private get criteria(): { text: string; theme: string | null; public: string | null } {
    return { text: this.query.trim(), theme: this.themeFilter || null, public: this.publicFilter || null };
  }

  protected async load(signal: AbortSignal): Promise<Loaded<SearchView>> {
    const lang = this.language;
    this.more = null;
    // Themes and publics are read once per language.
    const nomenclatures =
      this.nomenclatures?.lang === lang ? this.nomenclatures : { lang, ...readNomenclatures(await this.runQuery(Nomenclatures, {}, signal), lang) };
    this.nomenclatures = nomenclatures;
    return { nomenclatures, ...(await this.page(null, signal)) };
  }

  /** One page of results, from the start (`cursor` null) or after `cursor`. */
  private async page(cursor: string | null, signal: AbortSignal): Promise<Omit<SearchView, 'nomenclatures'>> {
    const criteria = this.criteria;
    const size = this.pageSize;
    if (this.src) {
      const scheme = this.requireScheme();
      const all = filterActions(readSchemeActionsForSearch(await this.runQuery(SchemeActions, { scheme }, signal), scheme), criteria);
      const start = cursor ? Number(cursor) : 0;
      const end = start + size;
      return { results: all.slice(start, end), totalCount: all.length, nextCursor: end < all.length ? String(end) : null };
    }
    const data = await this.runQuery(SearchActions,
      {
        text: criteria.text || null,
        // GraphQL enums are the core's codes in upper case.
        themes: criteria.theme ? [criteria.theme.toUpperCase()] : null,
        publics: criteria.public ? [criteria.public.toUpperCase()] : null,
        schemeCodes: this.scheme ? [this.scheme] : null,
        first: size,
        after: cursor,
      },
      signal,
    );
    return readSearchResults(data);
  }

  /** Load the next page, append it, and move the focus to its first result. */
  private async loadMore(view: SearchView): Promise<void> {
    const cursor = this.more?.forView === view ? this.more.nextCursor : view.nextCursor;
    if (!cursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const next = await this.page(cursor, new AbortController().signal);
      if (this.data.value !== view) return; // a new search started meanwhile
      const before = this.more?.forView === view ? this.more.results : [];
      this.more = { results: [...before, ...next.results], nextCursor: next.nextCursor, forView: view };
      await this.updateComplete;
      const first = this.renderRoot.querySelectorAll<HTMLElement>('.sosms-result')[view.results.length + before.length];
      first?.focus();
    } catch (error) {
      this.dispatchEvent(
        new CustomEvent('sosms-error', { detail: { code: 'more', message: this.errorMessage(error) }, bubbles: true, composed: true }),
      );
    } finally {
      this.loadingMore = false;
    }
  }

  protected override renderControls(): TemplateResult {
    const lang = this.language;
    const nomenclatures = this.nomenclatures;
    return html`<form part="form" class="sosms-search" role="search" @submit=${this.onSubmit}>
      ${this.heading(0, t('search', lang))}
      <div class="sosms-search__fields">
        <div class="fr-input-group">
          <label class="fr-label" for="q">${t('searchLabel', lang)}</label>
          <input class="fr-input" id="q" name="q" type="search" .value=${this.query} autocomplete="off" />
        </div>
        <div class="fr-select-group">
          <label class="fr-label" for="theme">${t('theme', lang)}</label>
          <select class="fr-select" id="theme" name="theme">
            <option value="" ?selected=${!this.themeFilter}>${t('all', lang)}</option>
            ${nomenclatures?.themes.map((th) => html`<option value=${th.code} ?selected=${th.code === this.themeFilter}>${th.label}</option>`)}
          </select>
        </div>
        <div class="fr-select-group">
          <label class="fr-label" for="public">${t('public', lang)}</label>
          <select class="fr-select" id="public" name="public">
            <option value="" ?selected=${!this.publicFilter}>${t('allPublics', lang)}</option>
            ${nomenclatures?.publics.map((p) => html`<option value=${p.code} ?selected=${p.code === this.publicFilter}>${p.label}</option>`)}
          </select>
        </div>
        <button class="fr-btn" type="submit">${t('searchButton', lang)}</button>
      </div>
    </form>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    this.query = String(form.get('q') ?? '');
    this.themeFilter = String(form.get('theme') ?? '');
    this.publicFilter = String(form.get('public') ?? '');
  }

  protected renderData(view: SearchView): TemplateResult {
    const lang = this.language;
    const more = this.more?.forView === view ? this.more : null;
    const results = more ? [...view.results, ...more.results] : view.results;
    const nextCursor = more ? more.nextCursor : view.nextCursor;
    return html`<p class="sosms-search__count" role="status">
        ${view.totalCount
          ? results.length < view.totalCount
            ? `${results.length} ${t('resultsShown', lang)} ${view.totalCount}`
            : `${view.totalCount} ${t('results', lang)}`
          : t('noResult', lang)}
      </p>
      ${results.length
        ? html`<ul class="sosms-results" part="results">
            ${results.map((action) => this.renderResult(action, view))}
          </ul>`
        : nothing}
      ${nextCursor
        ? html`<button class="fr-btn sosms-more" part="more" type="button" @click=${() => this.loadMore(view)}>${t('moreResults', lang)}</button>`
        : nothing}`;
  }

  private renderResult(action: SearchResultView, view: SearchView): TemplateResult {
    const lang = this.language;
    const title = html`${t('action', lang)} ${action.code} — ${this.fr(this.easyRead && action.easyRead ? action.easyRead : action.title)}`;
    const departments = action.departments.length
      ? html` — ${action.departments.length > 1 ? t('departments', lang) : t('department', lang)} ${action.departments.join(', ')}`
      : nothing;
    return html`<li class="sosms-result" tabindex="-1">
      ${this.heading(1, this.actionUrlTemplate ? html`<a href=${actionUrl(this.actionUrlTemplate, action)}>${title}</a>` : title, 'sosms-result__title')}
      <p class="fr-text--mention">${t('scheme', lang)} : ${action.schemeTitle ? this.fr(action.schemeTitle) : t('notSet', lang)}${departments}</p>
      <p class="fr-badges-group">
        ${statusBadge(action.status, lang)} ${healthBadge(action.health, lang)} ${illustrativeBadge(action.illustrative, lang)}
      </p>
      ${action.themes.length
        ? html`<ul class="fr-tags-group">
            ${action.themes.map((code) => html`<li class="fr-tag">${view.nomenclatures.themes.find((th) => th.code === code)?.label ?? code}</li>`)}
          </ul>`
        : nothing}
      ${progressBar(action.progress, `${t('action', lang)} ${action.code}`, lang, action.illustrative)}
    </li>`;
  }
}

define('sosms-search', ActionSearch);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-search': ActionSearch;
  }
}
