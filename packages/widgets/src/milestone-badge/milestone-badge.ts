import { OnCueMilestoneBadge } from './milestone-badge.component.js';

export * from './milestone-badge.component.js';

OnCueMilestoneBadge.define('oncue-milestone-badge');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-milestone-badge': OnCueMilestoneBadge;
  }
}
