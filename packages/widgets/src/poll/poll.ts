import { OnCuePoll } from './poll.component.js';

export * from './poll.component.js';

OnCuePoll.define('oncue-poll');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-poll': OnCuePoll;
  }
}
