import { OnCueHostConsole } from './host-console.component.js';

export * from './host-console.component.js';
export { registerHostKind, hostKinds, type HostKind, type HostKindElement, type HostKindMessages, type AnyHostKind } from './host-kinds.js';
export type { HostItemContext } from './host-item.js';
export { HostFormElement } from './host-form-element.js';

OnCueHostConsole.define('oncue-host-console');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-host-console': OnCueHostConsole;
  }
}
