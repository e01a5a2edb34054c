import { css } from 'lit';

/** Styles proper to `<sosms-evaluation>`. */
export const evaluationViewStyles = css`
  .sosms-evaluation__list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .sosms-evaluation__list > li {
    padding: 0.5rem 0;
    border-top: 1px solid var(--_border);
  }
  .sosms-evaluation table {
    border-collapse: collapse;
    width: 100%;
  }
  .sosms-evaluation caption {
    text-align: start;
    font-weight: 700;
  }
  .sosms-evaluation th,
  .sosms-evaluation td {
    border: 1px solid var(--_border);
    padding: 0.25rem 0.4rem;
    text-align: start;
    vertical-align: top;
  }
  .sosms-evaluation__scroll {
    overflow-x: auto;
  }
`;
