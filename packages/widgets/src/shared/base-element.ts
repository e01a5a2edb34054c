import { LitElement, html, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { loadQuery, WidgetError } from '../data/source.ts';
import type { QueryName } from '../data/queries.ts';
import { baseStyles } from './styles.ts';
import { errorText, t, toLang, type Lang } from './i18n.ts';

/** Colour themes a widget accepts; `system` follows the reader's operating system. */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

/** What {@link SosmsElement.load} returns: the widget's view of the data, or `null` when there is nothing to show. */
export type Loaded<T> = T | null;

/**
 * Base of every `sosms-` widget: the common attributes (`endpoint`, `src`, `scheme`, `lang`, `easy-read`,
 * `theme`), a cancellable data task (`@lit/task` with an `AbortSignal`), and the loading, empty and error
 * states announced in a `role="status"` live region.
 *
 * Subclasses give `load()` (which queries to run and how to read them) and `renderData()`.
 *
 * @fires sosms-loaded - The data is shown; `detail` is the widget's view of the data.
 * @fires sosms-error - Loading failed; `detail` is `{ code, message }` (message in the widget's language).
 * @csspart status - The live region announcing loading, empty and error states.
 * @cssprop --sosms-primary - Main colour (links, accordion buttons, bars). Default DSFR bleu France `#000091`.
 * @cssprop --sosms-on-primary - Text on the main colour.
 * @cssprop --sosms-text - Body text colour.
 * @cssprop --sosms-text-mention - Secondary text colour (at least 4.5:1 on the background).
 * @cssprop --sosms-background - Widget background.
 * @cssprop --sosms-background-alt - Alternate background (table stripes, hovers).
 * @cssprop --sosms-background-contrast - Contrasted background (badges, table headers, inputs).
 * @cssprop --sosms-border - Border colour.
 * @cssprop --sosms-focus - Focus ring colour.
 * @cssprop --sosms-font-family - Font stack (Marianne when the host site loads it, else system sans-serif).
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
  /** Colour theme: `light` (default), `dark` or `system`. */
  declare theme: Theme;

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
  }

  /** The language of texts, from the `lang` attribute. */
  protected get language(): Lang {
    return toLang(this.lang);
  }

  /** Values whose change reloads the data (subclasses add their own attributes). */
  protected taskArgs(): readonly unknown[] {
    return [this.endpoint, this.src, this.scheme];
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

  /** Run one widget query against `endpoint` or `src`. */
  protected runQuery(name: QueryName, variables: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    return loadQuery({ endpoint: this.endpoint, src: this.src, lang: this.language }, name, variables, signal);
  }

  /** The scheme code, or a configuration error when it is missing. */
  protected requireScheme(): string {
    if (!this.scheme) throw new WidgetError('CONFIG', this.language === 'fr' ? 'attribut scheme manquant' : 'missing scheme attribute');
    return this.scheme;
  }

  protected errorMessage(error: unknown): string {
    const lang = this.language;
    if (error instanceof WidgetError) {
      const base = errorText(error.code, lang);
      return error.detail ? `${base} (${error.detail}).` : base.endsWith('.') ? base : `${base}.`;
    }
    return lang === 'fr'
      ? 'Une erreur inattendue empêche l’affichage de ce contenu.'
      : 'An unexpected error prevents this content from being shown.';
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
    const body = this.data.render({ complete: (view) => (view === null ? nothing : this.renderData(view)) });
    return html`<section class="sosms-root" aria-label=${this.regionLabel} lang=${lang}>
      ${this.renderControls()}
      <div part="status" role="status" aria-live="polite" aria-atomic="true">${status}</div>
      ${body}
    </section>`;
  }
}
