import { css } from 'lit';

/** Styles proper to `<sosms-indicator>` (the chart's colours are custom properties). */
export const indicatorChartStyles = css`
  .sosms-figure {
    margin: 0;
  }
  .sosms-chart svg {
    max-width: 100%;
    height: auto;
    display: block;
  }
  .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .axis {
    fill: var(--_text-mention);
    font-size: 12px;
    font-family: var(--_font-family);
  }
  .ref {
    font-size: 12px;
    font-family: var(--_font-family);
  }
  line.baseline {
    stroke: var(--_chart-baseline);
    stroke-width: 2;
    stroke-dasharray: 6 4;
  }
  text.baseline {
    fill: var(--_chart-baseline);
  }
  line.target {
    stroke: var(--_chart-target);
    stroke-width: 2;
    stroke-dasharray: 2 3;
  }
  text.target {
    fill: var(--_chart-target);
  }
  .values {
    fill: none;
    stroke: var(--_chart-line);
    stroke-width: 3;
  }
  .point {
    fill: var(--_chart-line);
  }
  .point.illustrative {
    fill: var(--_background);
    stroke: var(--_chart-line);
    stroke-width: 2;
  }
  .sosms-legend {
    display: flex;
    flex-wrap: wrap;
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
    border-top: 3px solid var(--_chart-line);
  }
  .swatch.baseline {
    border-top: 2px dashed var(--_chart-baseline);
  }
  .swatch.target {
    border-top: 2px dotted var(--_chart-target);
  }

  @media (forced-colors: active) {
    .sosms-chart svg {
      forced-color-adjust: none;
    }
    .grid {
      stroke: GrayText;
    }
    .axis,
    .ref,
    text.baseline,
    text.target {
      fill: CanvasText;
    }
    .values,
    line.baseline,
    line.target {
      stroke: CanvasText;
    }
    .point {
      fill: CanvasText;
    }
    .point.illustrative {
      fill: Canvas;
      stroke: CanvasText;
    }
    .swatch,
    .swatch.baseline,
    .swatch.target {
      border-top-color: CanvasText;
    }
  }
`;
