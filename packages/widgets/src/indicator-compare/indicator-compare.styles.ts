import { css } from 'lit';

/** Styles proper to `<sosms-compare>`. */
export const indicatorCompareStyles = css`
  .sosms-bars {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    max-width: 40rem;
  }
  .sosms-bars__row {
    display: grid;
    grid-template-columns: minmax(0, 12rem) minmax(4rem, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.375rem;
  }
  .sosms-bars__track {
    height: 1.25rem;
    background: var(--_background-contrast);
  }
  .sosms-bars__bar {
    display: block;
    height: 100%;
    background: var(--_primary);
  }
  .sosms-bars__bar.illustrative {
    background: repeating-linear-gradient(45deg, var(--_primary) 0 6px, var(--_background-contrast) 6px 9px);
  }
  .sosms-bars__value {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  /* Narrow widget: the label above its bar, so the bar keeps a readable length. */
  @container (max-width: 30rem) {
    .sosms-bars__row {
      grid-template-columns: minmax(4rem, 1fr) auto;
    }
    .sosms-bars__label {
      grid-column: 1 / -1;
    }
  }
`;
