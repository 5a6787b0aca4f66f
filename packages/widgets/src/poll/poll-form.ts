import { OnCuePollForm } from './poll-form.component.js';

export * from './poll-form.component.js';

OnCuePollForm.define('oncue-poll-form');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-poll-form': OnCuePollForm;
  }
}
