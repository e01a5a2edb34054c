import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SosmsElement, type Loaded } from '../shared/base-element.ts';
import { define } from '../shared/define.ts';
import { t } from '../shared/i18n.ts';
import { healthBadge, illustrativeBadge, progressBar, statusBadge } from '../shared/parts.ts';
import { filterActions, readNomenclatures, readSearchResults, readSchemeActionsForSearch } from '../data/read.ts';
import type { NomenclatureView, SearchResultView } from '../data/views.ts';
import { actionSearchStyles } from './action-search.styles.ts';

/** What the search widget shows: the nomenclatures for its filters and the matching actions. */
export interface SearchView {
  nomenclatures: NomenclatureView;
  results: SearchResultView[];
  totalCount: number;
}

/**
 * `<sosms-search>`: full-text search of actions across every scheme of the endpoint (or within `scheme`),
 * filtered by theme and public. With `src`, it searches the actions of the static file's scheme.
 *
 * ### Examples
 * ```html
 * <sosms-search endpoint="https://example.org/graphql"></sosms-search>
 * <sosms-search src="/data/48-2018-2022.widgets.json" scheme="48-2018-2022" query="aidants"></sosms-search>
 * ```
 *
 * @tagname sosms-search
 * @fires sosms-loaded - Results are shown; `detail` is `{ results, totalCount }`.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }`.
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart form - The search form.
 * @csspart results - The list of results.
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
    nomenclatures: { state: true, attribute: false },
  };

  /** Search text (also set by the form). */
  declare query: string;
  /** Theme code to filter on (e.g. `carer_support`). */
  declare themeFilter: string;
  /** Public code to filter on (e.g. `elderly`). */
  declare publicFilter: string;
  /** Most results shown (default 20, at most 100). */
  declare limit: number;
  declare private nomenclatures: (NomenclatureView & { lang: string }) | null;

  constructor() {
    super();
    this.query = '';
    this.themeFilter = '';
    this.publicFilter = '';
    this.limit = 20;
    this.nomenclatures = null;
  }

  protected get regionLabel(): string {
    return t('search', this.language);
  }

  protected override taskArgs(): readonly unknown[] {
    return [...super.taskArgs(), this.query, this.themeFilter, this.publicFilter, this.limit, this.lang];
  }

  protected async load(signal: AbortSignal): Promise<Loaded<SearchView>> {
    const lang = this.language;
    const limit = Math.min(100, Math.max(1, this.limit || 20));
    // Themes and publics are read once per language.
    const nomenclatures =
      this.nomenclatures?.lang === lang ? this.nomenclatures : { lang, ...readNomenclatures(await this.runQuery('Nomenclatures', {}, signal), lang) };
    this.nomenclatures = nomenclatures;
    const criteria = { text: this.query.trim(), theme: this.themeFilter || null, public: this.publicFilter || null };
    if (this.src) {
      const scheme = this.requireScheme();
      const all = readSchemeActionsForSearch(await this.runQuery('SchemeActions', { scheme }, signal), scheme);
      const results = filterActions(all, criteria);
      return { nomenclatures, results: results.slice(0, limit), totalCount: results.length };
    }
    const data = await this.runQuery(
      'SearchActions',
      {
        text: criteria.text || null,
        // GraphQL enums are the core's codes in upper case.
        themes: criteria.theme ? [criteria.theme.toUpperCase()] : null,
        publics: criteria.public ? [criteria.public.toUpperCase()] : null,
        schemeCodes: this.scheme ? [this.scheme] : null,
        first: limit,
      },
      signal,
    );
    const { results, totalCount } = readSearchResults(data);
    return { nomenclatures, results, totalCount };
  }

  protected override renderControls(): TemplateResult {
    const lang = this.language;
    const nomenclatures = this.nomenclatures;
    return html`<form part="form" class="sosms-search" role="search" @submit=${this.onSubmit}>
      <h2>${t('search', lang)}</h2>
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
    return html`<p class="sosms-search__count" role="status">
        ${view.totalCount ? `${view.totalCount} ${t('results', lang)}` : t('noResult', lang)}
      </p>
      ${view.results.length
        ? html`<ul class="sosms-results" part="results">
            ${view.results.map(
              (action) => html`<li class="sosms-result">
                ${action.schemeTitle ? html`<p class="fr-text--mention">${action.schemeTitle}</p>` : nothing}
                <p class="sosms-result__title"><strong>${t('action', lang)} ${action.code}</strong> — ${this.easyRead && action.easyRead ? action.easyRead : action.title}</p>
                <p class="fr-badges-group">
                  ${statusBadge(action.status, lang)} ${healthBadge(action.health, lang)} ${illustrativeBadge(action.illustrative, lang)}
                </p>
                ${action.themes.length
                  ? html`<ul class="fr-tags-group">
                      ${action.themes.map((code) => html`<li class="fr-tag">${view.nomenclatures.themes.find((th) => th.code === code)?.label ?? code}</li>`)}
                    </ul>`
                  : nothing}
                ${progressBar(action.progress, `${t('action', lang)} ${action.code}`, lang)}
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

define('sosms-search', ActionSearch);

declare global {
  interface HTMLElementTagNameMap {
    'sosms-search': ActionSearch;
  }
}
