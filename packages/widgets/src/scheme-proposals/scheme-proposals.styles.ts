import { css } from 'lit';

/** Styles proper to `<sosms-proposals>`. */
export const schemeProposalsStyles = css`
  .sosms-proposals {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .sosms-proposal {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .sosms-proposal__title {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  .sosms-proposal ul {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
  }
`;
