import { css } from 'lit';

/** Styles proper to `<sosms-search>`. */
export const actionSearchStyles = css`
  .sosms-search {
    margin: 0 0 1rem;
  }
  .sosms-search__fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem;
    align-items: end;
  }
  .sosms-results {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .sosms-result {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .sosms-result p {
    margin: 0 0 0.25rem;
  }
  .sosms-result .sosms-progress {
    max-width: 20rem;
  }
  .sosms-result__title {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  .sosms-more {
    margin-top: 1rem;
  }
`;
