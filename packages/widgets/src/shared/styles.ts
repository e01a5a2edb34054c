import { css, unsafeCSS } from 'lit';

/**
 * Shared look of every widget. The markup follows DSFR's accessibility patterns (accordion, badge, table,
 * tag), but the default look is a neutral theme of our own: DSFR's look is reserved to State sites, and is
 * available with `look="dsfr"` for those (a préfecture, an ARS).
 *
 * Theming: each colour is read from a public custom property (`--sosms-primary`…, and `--sosms-dark-primary`…
 * for the dark theme) that the host may set on the widget or on any ancestor, `:root` included; the widget
 * only falls back to its own palette when the property is not set. Internally rules read `--_<token>`.
 * Every default text/background pair reaches at least 4.5:1 (checked by axe in the tests).
 */

/** One palette: token name → default colour. */
type Palette = Record<string, string>;

/** Neutral light palette (the default look). */
export const NEUTRAL_LIGHT: Palette = {
  primary: '#1d5b79',
  'on-primary': '#ffffff',
  text: '#1b1f23',
  'text-mention': '#595f66',
  background: '#ffffff',
  'background-alt': '#f4f5f7',
  'background-contrast': '#e8eaed',
  border: '#c9cdd2',
  focus: '#174a63',
  'success-text': '#1e6b3a',
  'success-background': '#e3f4e8',
  'error-text': '#b3261e',
  'error-background': '#fbe9e7',
  'warning-text': '#8a4b00',
  'warning-background': '#fdf0df',
  'info-text': '#1d5b79',
  'info-background': '#e4f0f6',
  'new-text': '#5c4a3a',
  'new-background': '#f3ece4',
  'illustrative-text': '#6b4e16',
  'illustrative-background': '#fbf3e0',
  'chart-line': '#1d5b79',
  'chart-baseline': '#595f66',
  'chart-target': '#1e6b3a',
};

/** Neutral dark palette. */
export const NEUTRAL_DARK: Palette = {
  primary: '#8cc8e6',
  'on-primary': '#0f1416',
  text: '#e6e8ea',
  'text-mention': '#aab1b8',
  background: '#15191c',
  'background-alt': '#1c2125',
  'background-contrast': '#262c31',
  border: '#3b434a',
  focus: '#8cc8e6',
  'success-text': '#7bd69a',
  'success-background': '#17261c',
  'error-text': '#ff9a8f',
  'error-background': '#2e1917',
  'warning-text': '#f2b266',
  'warning-background': '#2d2113',
  'info-text': '#8cc8e6',
  'info-background': '#162530',
  'new-text': '#d8bfa6',
  'new-background': '#2a221b',
  'illustrative-text': '#e8c985',
  'illustrative-background': '#2b2416',
  'chart-line': '#8cc8e6',
  'chart-baseline': '#aab1b8',
  'chart-target': '#7bd69a',
};

/** DSFR light palette (bleu France and DSFR greys), for State sites only. */
const DSFR_LIGHT: Palette = {
  ...NEUTRAL_LIGHT,
  primary: '#000091',
  text: '#161616',
  'text-mention': '#666666',
  'background-alt': '#f6f6f6',
  'background-contrast': '#eeeeee',
  border: '#dddddd',
  focus: '#0a76f6',
  'success-text': '#18753c',
  'success-background': '#b8fec9',
  'error-text': '#ce0500',
  'error-background': '#ffe9e9',
  'warning-text': '#b34000',
  'warning-background': '#ffe9e6',
  'info-text': '#0063cb',
  'info-background': '#e8edff',
  'new-text': '#695240',
  'new-background': '#feebd0',
  'illustrative-text': '#716043',
  'illustrative-background': '#fef6e3',
  'chart-line': '#000091',
  'chart-baseline': '#666666',
  'chart-target': '#18753c',
};

/** DSFR dark palette. */
const DSFR_DARK: Palette = {
  ...NEUTRAL_DARK,
  primary: '#8585f6',
  'on-primary': '#161616',
  text: '#cecece',
  'text-mention': '#a8a8a8',
  background: '#161616',
  'background-alt': '#1e1e1e',
  'background-contrast': '#242424',
  border: '#3a3a3a',
  focus: '#8ab4f8',
  'success-text': '#3fc371',
  'success-background': '#18211b',
  'error-text': '#ff6e63',
  'error-background': '#2b1515',
  'warning-text': '#fc8d5e',
  'warning-background': '#2b1a12',
  'info-text': '#7fa9ff',
  'info-background': '#171d2e',
  'chart-line': '#8585f6',
  'chart-baseline': '#a8a8a8',
  'chart-target': '#3fc371',
};

const NEUTRAL_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** `--_token: var(--sosms[-dark]-token, default)` for every token of a palette. */
function tokens(palette: Palette, dark: boolean): string {
  return Object.entries(palette)
    .map(([name, value]) => `--_${name}:var(--sosms-${dark ? 'dark-' : ''}${name},${value});`)
    .join('');
}

/** The four looks: neutral (default) and DSFR, each light and dark; `.dark` is set by the base element. */
const THEME_CSS = unsafeCSS(
  `.sosms-root{${tokens(NEUTRAL_LIGHT, false)}--_font-family:var(--sosms-font-family,${NEUTRAL_FONT});}` +
    `.sosms-root.dark{${tokens(NEUTRAL_DARK, true)}}` +
    `.sosms-root.dsfr{${tokens(DSFR_LIGHT, false)}--_font-family:var(--sosms-font-family,Marianne,${NEUTRAL_FONT});}` +
    `.sosms-root.dsfr.dark{${tokens(DSFR_DARK, true)}}` +
    // Bar widths as classes (`sosms-w-0` … `sosms-w-100`): no style attribute, so a strict CSP draws them right.
    Array.from({ length: 101 }, (_, i) => `.sosms-w-${i}{width:${i}%}`).join(''),
);

/** The public custom properties of the theme, for the docs and the contrast check. */
export const THEME_TOKENS = Object.keys(NEUTRAL_LIGHT);

export const baseStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  ${THEME_CSS}
  /* Inherited properties are reset inside the shadow root: a host rule such as '* { color: red }' reaches
     the host element, never the widget's text. Custom properties are not reset by 'all', so the theme
     still comes from the host page. */
  .sosms-root {
    all: initial;
    display: block;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--_font-family);
    font-size: 1rem;
    line-height: 1.5;
    padding: 1rem;
    container-type: inline-size;
    overflow-wrap: break-word;
    --_radius: var(--sosms-radius, 0.25rem);
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  h4,
  h5 {
    margin: 0 0 0.5rem;
    line-height: 1.3;
  }
  h2 {
    font-size: 1.5rem;
  }
  h3 {
    font-size: 1.25rem;
  }
  h4,
  h5 {
    font-size: 1.125rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--_primary);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .fr-sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .fr-text--mention {
    color: var(--_text-mention);
    font-size: 0.875rem;
  }
  .sosms-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    margin: 0 0 1rem;
    padding: 0;
  }
  .sosms-meta div {
    display: flex;
    gap: 0.25rem;
  }
  .sosms-meta dt {
    font-weight: 700;
  }
  .sosms-meta dt::after {
    content: ' :';
  }
  .sosms-meta dd {
    margin: 0;
  }

  /* Badges (markup of DSFR's fr-badge; our own look). Long labels wrap: nothing pushes the page sideways. */
  .fr-badge {
    display: inline-block;
    max-width: 100%;
    padding: 0 0.5rem;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 700;
    line-height: 1.5rem;
    color: var(--_text);
    background: var(--_background-contrast);
  }
  .dsfr .fr-badge {
    text-transform: uppercase;
  }
  .fr-badge--sm {
    font-size: 0.75rem;
    line-height: 1.25rem;
  }
  .fr-badge--success {
    color: var(--_success-text);
    background: var(--_success-background);
  }
  .fr-badge--error {
    color: var(--_error-text);
    background: var(--_error-background);
  }
  .fr-badge--warning {
    color: var(--_warning-text);
    background: var(--_warning-background);
  }
  .fr-badge--info {
    color: var(--_info-text);
    background: var(--_info-background);
  }
  .fr-badge--new {
    color: var(--_new-text);
    background: var(--_new-background);
  }
  .sosms-illustrative {
    color: var(--_illustrative-text);
    background: var(--_illustrative-background);
    text-transform: none;
    font-style: italic;
  }
  .fr-badges-group {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  /* Tags (DSFR fr-tag). */
  .fr-tags-group {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0 0 0.75rem;
    padding: 0;
    list-style: none;
  }
  .fr-tag {
    display: inline-flex;
    align-items: center;
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    border-radius: 1rem;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_background-contrast);
  }

  /* Accordions (DSFR fr-accordion). */
  .fr-accordions-group {
    margin: 0;
    padding: 0;
  }
  .fr-accordion {
    border-top: 1px solid var(--_border);
  }
  .fr-accordion:last-child {
    border-bottom: 1px solid var(--_border);
  }
  .fr-accordion__title {
    margin: 0;
    font-size: 1rem;
  }
  .fr-accordion__btn {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    width: 100%;
    min-height: 3rem;
    padding: 0.75rem 1rem;
    border: 0;
    background: transparent;
    color: var(--_primary);
    font: inherit;
    font-weight: 500;
    text-align: left;
    cursor: pointer;
  }
  .fr-accordion__btn:hover {
    background: var(--_background-alt);
  }
  .fr-accordion__btn[aria-expanded='true'] {
    background: var(--_info-background);
  }
  .fr-accordion__btn::after {
    content: '';
    flex: 0 0 auto;
    margin-left: auto;
    width: 0.6rem;
    height: 0.6rem;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(45deg);
    transition: transform 0.2s;
  }
  .fr-accordion__btn[aria-expanded='true']::after {
    transform: rotate(-135deg);
  }
  .fr-accordion__label {
    flex: 1 1 auto;
  }
  .fr-collapse {
    padding: 0.5rem 0 1rem 1rem;
  }
  .fr-collapse[hidden] {
    display: none;
  }

  /* Tables (DSFR fr-table). */
  .fr-table {
    overflow-x: auto;
    margin: 0 0 1rem;
  }
  .fr-table table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  .fr-table caption {
    text-align: left;
    font-weight: 700;
    padding: 0 0 0.5rem;
  }
  .fr-table th,
  .fr-table td {
    padding: 0.5rem 0.75rem;
    text-align: left;
    border-bottom: 1px solid var(--_border);
  }
  .fr-table thead th {
    background: var(--_background-contrast);
  }
  .fr-table tbody tr:nth-child(even) {
    background: var(--_background-alt);
  }
  .fr-table td.num,
  .fr-table th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }

  /* Progress bars. */
  .sosms-progress {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 8rem;
  }
  .sosms-progress__track {
    flex: 1 1 auto;
    height: 0.5rem;
    min-width: 4rem;
    border-radius: 0.25rem;
    background: var(--_background-contrast);
    border: 1px solid var(--_text-mention);
    overflow: hidden;
  }
  .sosms-progress__bar {
    height: 100%;
    background: var(--_primary);
  }
  .sosms-progress__value {
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
    min-width: 3rem;
    text-align: right;
  }

  /* States: loading, empty, error (DSFR fr-alert). */
  .fr-alert {
    padding: 0.75rem 1rem;
    border-left: 4px solid var(--_info-text);
    background: var(--_background-alt);
  }
  .fr-alert--error {
    border-left-color: var(--_error-text);
    background: var(--_error-background);
  }
  .fr-alert__title {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    font-weight: 700;
  }
  .fr-alert p {
    margin: 0;
  }

  /* Forms (DSFR fr-input, fr-select, fr-btn). */
  .fr-input-group,
  .fr-select-group {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .fr-label {
    font-weight: 500;
  }
  .fr-input,
  .fr-select {
    font: inherit;
    color: var(--_text);
    background: var(--_background-contrast);
    border: 0;
    border-bottom: 2px solid var(--_text-mention);
    border-radius: var(--_radius) var(--_radius) 0 0;
    padding: 0.5rem 0.75rem;
    min-height: 2.5rem;
  }
  .fr-btn {
    font: inherit;
    font-weight: 500;
    color: var(--_on-primary);
    background: var(--_primary);
    border: 0;
    padding: 0.5rem 1rem;
    min-height: 2.5rem;
    cursor: pointer;
  }
  .fr-btn:hover {
    filter: brightness(1.15);
  }

  .sosms-retry {
    margin-top: 0.5rem;
  }
  .sosms-more {
    margin: 0 0 1rem;
  }

  /* A table wider than the widget scrolls inside its own region (focusable, named by its caption). */
  .sosms-scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  .sosms-scroll:focus-visible {
    outline: 2px solid var(--_focus);
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }

  /* Windows contrast themes: bars keep a border and a system colour instead of disappearing. */
  @media (forced-colors: active) {
    .sosms-root .sosms-progress__track,
    .sosms-root .sosms-share,
    .sosms-root .sosms-bars__track {
      forced-color-adjust: none;
      background: Canvas;
      border: 1px solid CanvasText;
    }
    .sosms-root .sosms-progress__bar,
    .sosms-root .sosms-share__bar,
    .sosms-root .sosms-bars__bar,
    .sosms-root .sosms-bars__bar.illustrative {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .fr-badge,
    .fr-tag,
    .fr-alert {
      border: 1px solid CanvasText;
    }
  }

  /* Print: every panel expanded, controls left out, bars drawn in black with a border. */
  @media print {
    .sosms-root {
      color: #000;
      background: #fff;
      padding: 0;
    }
    .fr-collapse[hidden] {
      display: block !important;
    }
    .fr-accordion__btn::after,
    .sosms-retry,
    .sosms-more,
    form[role='search'] {
      display: none !important;
    }
    .sosms-scroll {
      overflow: visible;
    }
    .sosms-root .sosms-progress__track,
    .sosms-root .sosms-share,
    .sosms-root .sosms-bars__track {
      border: 1px solid #000;
      background: #fff;
    }
    .sosms-root .sosms-progress__bar,
    .sosms-root .sosms-share__bar,
    .sosms-root .sosms-bars__bar,
    .sosms-root .sosms-bars__bar.illustrative {
      background: #000;
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
`;
