import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** One row of a host tally: the option, what its count reads as, and its share (0–1) for the bar. */
export interface TallyRow {
  label: string;
  count: string;
  share: number;
  /** Marked as the correct option (quizzes, once revealed). */
  correct?: boolean;
}

/** The host's live tally of a poll or a quiz question: one row per option with its count and a share bar. */
export function tallyList(rows: readonly TallyRow[], correctMark: string): TemplateResult {
  return html`<ul class="tally" role="list">
    ${rows.map(
      (row) => html`<li class="tally-row ${row.correct ? 'correct' : ''}">
        <span class="tally-label">${row.correct ? html`<span aria-hidden="true">✓ </span>` : ''}${row.label}${
          row.correct ? html`<span class="sr-only"> (${correctMark})</span>` : ''
        }</span>
        <span class="tally-count">${row.count}</span>
        <span part="bar" class="bar" style=${styleMap({ '--share': String(row.share) })}></span>
      </li>`,
    )}
  </ul>`;
}
