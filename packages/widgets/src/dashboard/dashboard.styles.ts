import { css } from 'lit';

/** The rules of uPlot's own stylesheet (`uplot/dist/uPlot.min.css`, MIT) the charts need inside a shadow root. */
const uplotStyles = css`
  .uplot,
  .uplot * {
    box-sizing: border-box;
  }
  .uplot {
    line-height: 1.5;
    width: min-content;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-axis {
    position: absolute;
  }
  .u-legend {
    font-size: 0.8125em;
    margin: 0 auto;
    text-align: center;
  }
  .u-inline {
    display: block;
  }
  .u-inline * {
    display: inline-block;
  }
  .u-legend .u-marker {
    width: 1em;
    height: 1em;
    margin-right: 4px;
    background-clip: padding-box !important;
  }
  .u-inline.u-live th::after {
    content: ':';
    vertical-align: middle;
  }
  .u-legend th,
  .u-legend td {
    padding: 0 4px;
  }
  .u-cursor-x,
  .u-cursor-y,
  .u-select {
    position: absolute;
    pointer-events: none;
  }
  .u-cursor-pt {
    display: none;
  }
`;

export const dashboardStyles = [
  uplotStyles,
  css`
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.75rem;
      margin: 0;
    }
    .tile {
      padding: 0.75rem;
      border: 1px solid var(--border-color);
      border-radius: var(--border-radius);
      background: var(--surface-color);
    }
    .tile dt {
      color: var(--muted-color);
      font-size: 0.875em;
    }
    .tile dd {
      margin: 0;
      font-size: 1.75em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
      gap: 0.75rem;
    }
    .chart {
      margin: 0;
      min-inline-size: 0;
      overflow: hidden;
      align-content: start;
      /* The panel's width, never the chart's: the chart follows it (a ResizeObserver resizes it). */
      grid-template-columns: minmax(0, 1fr);
    }
    .plot {
      min-block-size: 232px;
      overflow: hidden;
    }
    .chart h3 {
      margin: 0 0 0.5rem;
      font-size: 0.9375em;
    }
    .table-scroll {
      overflow-x: auto;
    }
    table {
      inline-size: 100%;
      min-inline-size: 34rem;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      padding: 0.375rem 0.5rem;
      text-align: start;
      border-block-end: 1px solid var(--border-color);
    }
    .alerts {
      display: grid;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
      max-block-size: var(--alerts-max-height, 10.5rem);
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .alert {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.75rem;
      padding: 0.375rem 0.75rem;
      border-inline-start: 4px solid var(--level-color);
      background: var(--surface-color);
      --level-color: var(--warning-color, #8f5500);
    }
    .alert.critical {
      --level-color: var(--danger-color);
    }
    .alert.resolved {
      --level-color: var(--muted-color);
      color: var(--muted-color);
    }
    .severity {
      color: var(--level-color);
      font-weight: 700;
    }
    .what {
      flex: 1 1 12rem;
    }
    .count,
    .since,
    .widget-id {
      color: var(--muted-color);
      font-size: 0.875em;
      font-variant-numeric: tabular-nums;
    }
    .widget-name {
      font-weight: 400;
    }
    .widget-id {
      display: block;
    }
    .downloads {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
];
