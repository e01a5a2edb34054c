import { css } from 'lit';

/** Styles proper to `<sosms-scheme>`. */
export const schemeOverviewStyles = css`
  .sosms-overall {
    max-width: 32rem;
    margin: 0 0 1rem;
  }
  .sosms-overall__label {
    font-weight: 700;
    margin: 0 0 0.25rem;
  }
  .sosms-accordion__progress {
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  .sosms-actions {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }
  .sosms-action {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .sosms-action__title {
    margin: 0 0 0.25rem;
  }
  .sosms-action__code {
    font-weight: 700;
  }
  .sosms-action .sosms-progress {
    max-width: 20rem;
    margin-top: 0.25rem;
  }
`;
