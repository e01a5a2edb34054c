import { css } from 'lit';

/**
 * Shared look of every widget: DSFR colours and markup patterns (fr-accordion, fr-badge, fr-table, fr-tag)
 * behind CSS custom properties a host site can override, for light and dark themes.
 * Every text/background pair below reaches at least 4.5:1 contrast (checked by axe in the tests).
 */
/** The dark palette, used by `theme="dark"` and by `theme="system"` when the system is dark. */
const DARK_TOKENS = css`
  --sosms-primary: #8585f6;
  --sosms-on-primary: #161616;
  --sosms-text: #cecece;
  --sosms-text-mention: #a8a8a8;
  --sosms-background: #161616;
  --sosms-background-alt: #1e1e1e;
  --sosms-background-contrast: #242424;
  --sosms-border: #3a3a3a;
  --sosms-focus: #8ab4f8;
  --sosms-success-text: #3fc371;
  --sosms-success-background: #18211b;
  --sosms-error-text: #ff6e63;
  --sosms-error-background: #2b1515;
  --sosms-warning-text: #fc8d5e;
  --sosms-warning-background: #2b1a12;
  --sosms-info-text: #7fa9ff;
  --sosms-info-background: #171d2e;
  --sosms-new-text: #d6b28f;
  --sosms-new-background: #261e17;
  --sosms-illustrative-text: #e2c18a;
  --sosms-illustrative-background: #2a2318;
  --sosms-chart-line: #8585f6;
  --sosms-chart-baseline: #a8a8a8;
  --sosms-chart-target: #3fc371;
`;

export const baseStyles = css`
  :host {
    /* Palette (DSFR "bleu France" and neutral greys), light theme. */
    --sosms-font-family: Marianne, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --sosms-primary: #000091;
    --sosms-on-primary: #ffffff;
    --sosms-text: #161616;
    --sosms-text-mention: #666666;
    --sosms-background: #ffffff;
    --sosms-background-alt: #f6f6f6;
    --sosms-background-contrast: #eeeeee;
    --sosms-border: #dddddd;
    --sosms-focus: #0a76f6;
    --sosms-success-text: #18753c;
    --sosms-success-background: #b8fec9;
    --sosms-error-text: #ce0500;
    --sosms-error-background: #ffe9e9;
    --sosms-warning-text: #b34000;
    --sosms-warning-background: #ffe9e6;
    --sosms-info-text: #0063cb;
    --sosms-info-background: #e8edff;
    --sosms-new-text: #695240;
    --sosms-new-background: #feebd0;
    --sosms-illustrative-text: #716043;
    --sosms-illustrative-background: #fef6e3;
    --sosms-chart-line: #000091;
    --sosms-chart-baseline: #666666;
    --sosms-chart-target: #18753c;
    --sosms-radius: 0.25rem;

    display: block;
    color: var(--sosms-text);
    background: var(--sosms-background);
    font-family: var(--sosms-font-family);
    font-size: 1rem;
    line-height: 1.5;
    padding: 1rem;
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${DARK_TOKENS}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='system']) {
      ${DARK_TOKENS}
    }
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
    color: var(--sosms-primary);
  }
  :focus-visible {
    outline: 2px solid var(--sosms-focus);
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
    color: var(--sosms-text-mention);
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

  /* Badges (DSFR fr-badge). */
  .fr-badge {
    display: inline-flex;
    align-items: center;
    padding: 0 0.5rem;
    border-radius: var(--sosms-radius);
    font-size: 0.875rem;
    font-weight: 700;
    line-height: 1.5rem;
    text-transform: uppercase;
    color: var(--sosms-text);
    background: var(--sosms-background-contrast);
    white-space: nowrap;
  }
  .fr-badge--sm {
    font-size: 0.75rem;
    line-height: 1.25rem;
  }
  .fr-badge--success {
    color: var(--sosms-success-text);
    background: var(--sosms-success-background);
  }
  .fr-badge--error {
    color: var(--sosms-error-text);
    background: var(--sosms-error-background);
  }
  .fr-badge--warning {
    color: var(--sosms-warning-text);
    background: var(--sosms-warning-background);
  }
  .fr-badge--info {
    color: var(--sosms-info-text);
    background: var(--sosms-info-background);
  }
  .fr-badge--new {
    color: var(--sosms-new-text);
    background: var(--sosms-new-background);
  }
  .sosms-illustrative {
    color: var(--sosms-illustrative-text);
    background: var(--sosms-illustrative-background);
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
    color: var(--sosms-text);
    background: var(--sosms-background-contrast);
  }

  /* Accordions (DSFR fr-accordion). */
  .fr-accordions-group {
    margin: 0;
    padding: 0;
  }
  .fr-accordion {
    border-top: 1px solid var(--sosms-border);
  }
  .fr-accordion:last-child {
    border-bottom: 1px solid var(--sosms-border);
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
    color: var(--sosms-primary);
    font: inherit;
    font-weight: 500;
    text-align: left;
    cursor: pointer;
  }
  .fr-accordion__btn:hover {
    background: var(--sosms-background-alt);
  }
  .fr-accordion__btn[aria-expanded='true'] {
    background: var(--sosms-info-background);
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
    border-bottom: 1px solid var(--sosms-border);
  }
  .fr-table thead th {
    background: var(--sosms-background-contrast);
  }
  .fr-table tbody tr:nth-child(even) {
    background: var(--sosms-background-alt);
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
    background: var(--sosms-background-contrast);
    border: 1px solid var(--sosms-text-mention);
    overflow: hidden;
  }
  .sosms-progress__bar {
    height: 100%;
    background: var(--sosms-primary);
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
    border-left: 4px solid var(--sosms-info-text);
    background: var(--sosms-background-alt);
  }
  .fr-alert--error {
    border-left-color: var(--sosms-error-text);
    background: var(--sosms-error-background);
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
    color: var(--sosms-text);
    background: var(--sosms-background-contrast);
    border: 0;
    border-bottom: 2px solid var(--sosms-text-mention);
    border-radius: var(--sosms-radius) var(--sosms-radius) 0 0;
    padding: 0.5rem 0.75rem;
    min-height: 2.5rem;
  }
  .fr-btn {
    font: inherit;
    font-weight: 500;
    color: var(--sosms-on-primary);
    background: var(--sosms-primary);
    border: 0;
    padding: 0.5rem 1rem;
    min-height: 2.5rem;
    cursor: pointer;
  }
  .fr-btn:hover {
    filter: brightness(1.15);
  }
`;
