import { OnCueBlindboxForm } from './blindbox-form.component.js';

export * from './blindbox-form.component.js';

OnCueBlindboxForm.define('oncue-blindbox-form');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-blindbox-form': OnCueBlindboxForm;
  }
}
