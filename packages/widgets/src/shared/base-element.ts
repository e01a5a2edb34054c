import { LitElement, html, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { loadQuery, WidgetError, type DataSource } from '../data/source.ts';
import type { QueryDef } from '../data/queries.ts';
import { baseStyles } from './styles.ts';
import { errorText, t, toLang, type Lang } from './i18n.ts';
import { checkContrast } from './contrast.ts';

/** Colour themes a widget accepts; `system` follows the reader's operating system. */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

/** Looks a widget wears: `neutral` (default, our own) or `dsfr` (the State's, for State sites only). */
export const LOOKS = ['neutral', 'dsfr'] as const;
export type Look = (typeof LOOKS)[number];

/** What {@link SosmsElement.load} returns: the widget's view of the data, or `null` when there is nothing to show. */
export type Loaded<T> = T | null;

/**
 * Base of every `sosms-` widget: the common attributes (`endpoint`, `src`, `scheme`, `lang`, `easy-read`,
 * `theme`, `look`, `dark-selector`, `heading-level`, `timeout`), a cancellable data task (`@lit/task` with an
 * `AbortSignal`), and the loading, empty and error states announced in a `role="status"` live region, with a
 * retry button after a failure.
 *
 * Subclasses give `load()` (which queries to run and how to read them) and `renderData()`.
 *
 * @fires sosms-loaded - The data is shown; `detail` is the widget's view of the data.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }` (message in the widget's language).
 * @csspart root - The widget's box (background, padding).
 * @csspart status - The live region announcing loading, empty and error states.
 * @csspart retry - The « Réessayer » button shown after a failure.
 * @cssprop --sosms-primary - Main colour (links, accordion buttons, bars); `--sosms-dark-primary` in the dark theme (same for every token).
 * @cssprop --sosms-on-primary - Text on the main colour.
 * @cssprop --sosms-text - Body text colour.
 * @cssprop --sosms-text-mention - Secondary text colour (at least 4.5:1 on the background).
 * @cssprop --sosms-background - Widget background.
 * @cssprop --sosms-background-alt - Alternate background (table stripes, hovers).
 * @cssprop --sosms-background-contrast - Contrasted background (badges, table headers, inputs).
 * @cssprop --sosms-border - Border colour.
 * @cssprop --sosms-focus - Focus ring colour.
 * @cssprop --sosms-font-family - Font stack (system sans-serif by default; Marianne first with look="dsfr").
 * @cssprop --sosms-radius - Corner radius.
 * @cssprop --sosms-success-text - Text of "done / on track" badges.
 * @cssprop --sosms-error-text - Text of "at risk / blocked" badges and error alerts.
 * @cssprop --sosms-warning-text - Text of "behind / late" badges.
 * @cssprop --sosms-info-text - Text of "in progress" badges.
 * @cssprop --sosms-illustrative-text - Text of the « donnée illustrative » label.
 */
export abstract class SosmsElement<T> extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  static override properties: PropertyDeclarations = {
    endpoint: { type: String },
    src: { type: String },
    scheme: { type: String },
    lang: { type: String, reflect: true },
    easyRead: { type: Boolean, attribute: 'easy-read' },
    theme: { type: String, reflect: true },
    look: { type: String },
    darkSelector: { type: String, attribute: 'dark-selector' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    timeout: { type: Number },
    dark: { state: true, attribute: false },
  };

  /** GraphQL endpoint URL (e.g. `https://example.org/graphql`). */
  declare endpoint: string | null;
  /** URL of a static JSON file written by `sosms export SCHEME --widget-json`; used instead of `endpoint`. */
  declare src: string | null;
  /** Code of the scheme to show (e.g. `48-2018-2022`). */
  declare scheme: string | null;
  /** Language of the texts: `fr` (default) or `en`. */
  declare lang: string;
  /** Show easy-read (FALC) texts where the scheme has them. */
  declare easyRead: boolean;
  /** Colour theme: `light` (default), `dark` or `system` (follows `prefers-color-scheme`). */
  declare theme: Theme;
  /** Look: `neutral` (default) or `dsfr` (reserved to State sites). */
  declare look: Look;
  /**
   * A CSS selector naming the host site's dark mode, e.g. `[data-theme="dark"]`: the widget turns dark while
   * it or an ancestor (`<html>` included) matches it.
   */
  declare darkSelector: string | null;
  /** Level of the widget's main heading (1–6, default 2); its sub-headings follow. */
  declare headingLevel: number;
  /** Milliseconds to wait for the data before showing an error with a retry button (default 15 000). */
  declare timeout: number;
  declare protected dark: boolean;

  private colorScheme?: MediaQueryList;
  private observer?: MutationObserver;
  private contrastChecked = false;
  private readonly onScheme = () => this.updateDark();

  protected readonly data = new Task(this, {
    task: async (_args: readonly unknown[], { signal }: { signal: AbortSignal }) => {
      try {
        const value = await this.load(signal);
        this.dispatchEvent(new CustomEvent('sosms-loaded', { detail: value, bubbles: true, composed: true }));
        return value;
      } catch (error) {
        if (signal.aborted) throw error;
        const code = error instanceof WidgetError ? error.code : 'unexpected';
        this.dispatchEvent(
          new CustomEvent('sosms-error', { detail: { code, message: this.errorMessage(error) }, bubbles: true, composed: true }),
        );
        throw error;
      }
    },
    args: () => this.taskArgs(),
  });

  constructor() {
    super();
    this.endpoint = null;
    this.src = null;
    this.scheme = null;
    this.lang = 'fr';
    this.easyRead = false;
    this.theme = 'light';
    this.look = 'neutral';
    this.darkSelector = null;
    this.headingLevel = 2;
    this.timeout = 0;
    this.dark = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.colorScheme.addEventListener('change', this.onScheme);
    this.observer = new MutationObserver(this.onScheme);
    for (const node of [document.documentElement, document.body]) if (node) this.observer.observe(node, { attributes: true });
    this.updateDark();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme?.removeEventListener('change', this.onScheme);
    this.observer?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('theme') || changed.has('darkSelector')) this.updateDark();
  }

  protected override updated(): void {
    // Once data is shown, check the colours the host chose (development pages only, see contrast.ts).
    if (!this.contrastChecked && this.data.value !== undefined) {
      this.contrastChecked = true;
      const root = this.renderRoot.querySelector<HTMLElement>('.sosms-root');
      if (root) checkContrast(this, root);
    }
  }

  private updateDark(): void {
    let dark = this.theme === 'dark' || (this.theme === 'system' && Boolean(this.colorScheme?.matches));
    if (!dark && this.darkSelector) {
      try {
        dark = this.closest(this.darkSelector) !== null;
      } catch {
        dark = false; // an invalid selector is ignored, never a crash
      }
    }
    if (dark !== this.dark) {
      this.dark = dark;
      this.contrastChecked = false;
    }
  }

  /** The language of texts, from the `lang` attribute. */
  protected get language(): Lang {
    return toLang(this.lang);
  }

  /**
   * Content taken from the scheme (titles, units, names) is French: marked `lang="fr"` when the widget
   * speaks English (RGAA 8.7).
   */
  protected fr(text: string | null | undefined): TemplateResult | string {
    if (!text) return '';
    return this.language === 'fr' ? text : html`<span lang="fr">${text}</span>`;
  }

  /** A heading `offset` levels below the widget's main heading (`heading-level`, 2 by default), at most h6. */
  protected heading(offset: number, content: unknown, className = ''): TemplateResult {
    const base = Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 2;
    const c = className || nothing;
    switch (Math.min(6, base + offset)) {
      case 1:
        return html`<h1 class=${c}>${content}</h1>`;
      case 2:
        return html`<h2 class=${c}>${content}</h2>`;
      case 3:
        return html`<h3 class=${c}>${content}</h3>`;
      case 4:
        return html`<h4 class=${c}>${content}</h4>`;
      case 5:
        return html`<h5 class=${c}>${content}</h5>`;
      default:
        return html`<h6 class=${c}>${content}</h6>`;
    }
  }

  /** Values whose change reloads the data (subclasses add their own attributes). */
  protected taskArgs(): readonly unknown[] {
    return [this.endpoint, this.src, this.scheme, this.timeout];
  }

  /** Run this widget's queries and read them into its view; `null` means "nothing to show". */
  protected abstract load(signal: AbortSignal): Promise<Loaded<T>>;

  /** Render the loaded view. */
  protected abstract renderData(view: T): TemplateResult;

  /** Accessible name of the widget's region, shown to screen readers before anything is loaded. */
  protected abstract get regionLabel(): string;

  /** Controls that stay on screen while data loads (e.g. a search form); nothing by default. */
  protected renderControls(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** The data source of this widget. */
  protected get source(): DataSource {
    return { endpoint: this.endpoint, src: this.src, lang: this.language, scheme: this.scheme, timeout: this.timeout };
  }

  /** Run one widget query against `endpoint` or `src`, every page included. */
  protected runQuery(query: QueryDef, variables: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    return loadQuery(this.source, query, variables, signal);
  }

  /** The scheme code, or a configuration error naming the `scheme` attribute. */
  protected requireScheme(): string {
    return this.requireAttribute('scheme', this.scheme);
  }

  /** The value of a required attribute, or a configuration error naming it. */
  protected requireAttribute(name: string, value: string | null | undefined): string {
    if (!value) throw new WidgetError('MISSING_ATTRIBUTE', name);
    return value;
  }

  protected errorMessage(error: unknown): string {
    const lang = this.language;
    if (error instanceof WidgetError) {
      if (error.code === 'MISSING_ATTRIBUTE') {
        return lang === 'fr'
          ? `Widget mal configuré : l’attribut « ${error.detail} » est obligatoire.`
          : `Widget misconfigured: the “${error.detail}” attribute is required.`;
      }
      if (error.code === 'RATE_LIMITED' && error.detail) {
        return lang === 'fr'
          ? `Le serveur de données reçoit trop de demandes : réessayez dans ${error.detail} secondes.`
          : `The data server receives too many requests: try again in ${error.detail} seconds.`;
      }
      const base = errorText(error.code, lang);
      return error.detail ? `${base} (${error.detail}).` : base.endsWith('.') ? base : `${base}.`;
    }
    return lang === 'fr'
      ? 'Une erreur inattendue empêche l’affichage de ce contenu.'
      : 'An unexpected error prevents this content from being shown.';
  }

  private retry(): void {
    // The status region keeps the focus while the data loads again, and announces the outcome.
    this.renderRoot.querySelector<HTMLElement>('[part="status"]')?.focus();
    void this.data.run();
  }

  override render(): TemplateResult {
    const lang = this.language;
    // The live region stays in place across states so screen readers announce each change.
    const status = this.data.render({
      initial: () => html`<p>${t('loading', lang)}</p>`,
      pending: () => html`<p>${t('loading', lang)}</p>`,
      complete: (view) => (view === null ? html`<p>${t('empty', lang)}</p>` : nothing),
      error: (error) =>
        html`<div class="fr-alert fr-alert--error">
          <p class="fr-alert__title">${t('errorTitle', lang)}</p>
          <p>${this.errorMessage(error)}</p>
        </div>`,
    });
    const retry = this.data.render({
      error: () => html`<button part="retry" class="fr-btn sosms-retry" type="button" @click=${this.retry}>${t('retry', lang)}</button>`,
    });
    const body = this.data.render({ complete: (view) => (view === null ? nothing : this.renderData(view)) });
    const look = this.look === 'dsfr' ? 'dsfr' : 'neutral';
    return html`<section part="root" class="sosms-root ${look}${this.dark ? ' dark' : ''}" aria-label=${this.regionLabel} lang=${lang}>
      ${this.renderControls()}
      <div part="status" role="status" aria-live="polite" aria-atomic="true" tabindex="-1">${status}</div>
      ${retry ?? nothing} ${body}
    </section>`;
  }
}
