import { css } from 'lit';

/** Styles proper to `<sosms-timeline>`. */
export const schemeTimelineStyles = css`
  .sosms-timeline {
    list-style: none;
    margin: 0;
    padding: 0 0 0 1.25rem;
    border-left: 2px solid var(--_border);
  }
  .sosms-timeline__item {
    position: relative;
    padding: 0 0 1rem 0.75rem;
  }
  .sosms-timeline__item::before {
    content: '';
    position: absolute;
    left: -1.25rem;
    top: 0.35rem;
    width: 0.75rem;
    height: 0.75rem;
    margin-left: -0.4rem;
    border-radius: 50%;
    background: var(--_primary);
  }
  .sosms-timeline__item--event::before {
    background: var(--_background);
    border: 2px solid var(--_primary);
  }
  .sosms-timeline__item--meeting::before {
    border-radius: 0;
  }
  .sosms-timeline__date {
    font-weight: 700;
    margin: 0;
  }
  .sosms-timeline__title {
    margin: 0 0 0.25rem;
  }
`;
