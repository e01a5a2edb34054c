import { css } from 'lit';

/** Styles proper to `<sosms-progress>`. */
export const progressSummaryStyles = css`
  .sosms-overall__label {
    font-weight: 700;
    margin: 0 0 0.25rem;
  }
  .sosms-overall {
    max-width: 32rem;
    margin: 0 0 1rem;
  }
  .sosms-columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
    gap: 1rem;
  }
  .sosms-share {
    display: inline-block;
    width: 5rem;
    height: 0.5rem;
    margin-right: 0.5rem;
    vertical-align: middle;
    background: var(--_background-contrast);
    border: 1px solid var(--_text-mention);
  }
  .sosms-share__bar {
    display: block;
    height: 100%;
    background: var(--_text-mention);
  }
  .sosms-share__bar.success {
    background: var(--_success-text);
  }
  .sosms-share__bar.info {
    background: var(--_info-text);
  }
  .sosms-share__bar.warning {
    background: var(--_warning-text);
  }
  .sosms-share__bar.error {
    background: var(--_error-text);
  }
  .sosms-share__bar.new {
    background: var(--_new-text);
  }
`;
