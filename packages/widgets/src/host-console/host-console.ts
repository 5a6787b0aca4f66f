import { OnCueHostConsole } from './host-console.component.js';
import './goal-panel.js';

export * from './host-console.component.js';
export { registerHostKind, hostKinds, type HostKind, type HostKindElement, type HostKindMessages, type AnyHostKind } from './host-kinds.js';
export type { HostItemContext } from './host-item.js';
export { HostFormElement } from './host-form-element.js';
export * from './goal-panel.component.js';

OnCueHostConsole.define('oncue-host-console');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-host-console': OnCueHostConsole;
  }
}
