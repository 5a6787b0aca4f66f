import { html, type TemplateResult } from 'lit';

/**
 * A code the viewer copies (a coupon code): the code itself (`part="code"`, selectable) and a copy button
 * (`part="copy"`) that says `copied` once the clipboard took it. `onCopied` runs after a successful copy.
 */
export function copyCode(code: string, labels: { copy: string; copied: string }, copied: boolean, onCopied: () => void): TemplateResult {
  return html`<span class="code-row"
    ><code part="code" class="code">${code}</code
    ><button
      part="copy"
      class="copy"
      type="button"
      @click=${() => navigator.clipboard?.writeText(code).then(onCopied, () => undefined)}
    >
      ${copied ? labels.copied : labels.copy}
    </button></span
  >`;
}
