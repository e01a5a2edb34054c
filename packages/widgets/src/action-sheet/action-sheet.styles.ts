import { css } from 'lit';

/** Styles proper to `<sosms-action>`. */
export const actionSheetStyles = css`
  .sosms-sub {
    margin-top: 1.25rem;
  }
  .sosms-sheet__progress {
    max-width: 24rem;
    margin: 0 0 1rem;
  }
  .sosms-milestones,
  .sosms-updates {
    margin: 0 0 1rem;
    padding-left: 1.25rem;
  }
  .sosms-milestones li,
  .sosms-updates li {
    margin-bottom: 0.5rem;
  }
  .sosms-milestones__date {
    font-weight: 700;
  }
  .sosms-updates p {
    margin: 0;
  }
`;
