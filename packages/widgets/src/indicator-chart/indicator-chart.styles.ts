import { css } from 'lit';

/** Styles proper to `<sosms-indicator>` (the chart's colours are custom properties). */
export const indicatorChartStyles = css`
  .sosms-figure {
    margin: 0;
  }
  .sosms-chart svg {
    width: 100%;
    max-width: 40rem;
    height: auto;
    display: block;
  }
  .grid {
    stroke: var(--sosms-border);
    stroke-width: 1;
  }
  .axis {
    fill: var(--sosms-text-mention);
    font-size: 12px;
    font-family: var(--sosms-font-family);
  }
  .ref {
    font-size: 12px;
    font-family: var(--sosms-font-family);
  }
  line.baseline {
    stroke: var(--sosms-chart-baseline);
    stroke-width: 2;
    stroke-dasharray: 6 4;
  }
  text.baseline {
    fill: var(--sosms-chart-baseline);
  }
  line.target {
    stroke: var(--sosms-chart-target);
    stroke-width: 2;
    stroke-dasharray: 2 3;
  }
  text.target {
    fill: var(--sosms-chart-target);
  }
  .values {
    fill: none;
    stroke: var(--sosms-chart-line);
    stroke-width: 3;
  }
  .point {
    fill: var(--sosms-chart-line);
  }
  .point.illustrative {
    fill: var(--sosms-background);
    stroke: var(--sosms-chart-line);
    stroke-width: 2;
  }
  .sosms-legend {
    display: flex;
    gap: 1rem;
    list-style: none;
    padding: 0;
    margin: 0.5rem 0 1rem;
    font-size: 0.875rem;
  }
  .swatch {
    display: inline-block;
    width: 1.5rem;
    height: 0;
    margin-right: 0.375rem;
    vertical-align: middle;
    border-top: 3px solid var(--sosms-chart-line);
  }
  .swatch.baseline {
    border-top: 2px dashed var(--sosms-chart-baseline);
  }
  .swatch.target {
    border-top: 2px dotted var(--sosms-chart-target);
  }
`;
