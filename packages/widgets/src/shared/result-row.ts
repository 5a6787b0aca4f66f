import { html, type TemplateResult } from 'lit';
import { cssVar } from './css-var.js';

/**
 * One option's result line in a `.results` list (see result-bar.styles.ts): the bar on the track every row shares,
 * then the count and the percentage in their own columns. `id` names the `option-result` part, which an option
 * button points at with `aria-describedby` (read as "2 votes · 67%").
 */
export function resultRow(id: string, share: number, count: string, percent: string): TemplateResult {
  return html`<div class="result-row">
    <span class="track"><span part="bar" class="bar" ${cssVar('--share', share)}></span></span>
    <span part="option-result" class="result" id=${id}
      ><span part="option-count" class="count">${count}</span><span class="sr-only"> · </span
      ><span part="option-percent" class="percent">${percent}</span></span
    >
  </div>`;
}
