import { OnCueDashboard } from './dashboard.component.js';

export * from './dashboard.component.js';

OnCueDashboard.define('oncue-dashboard');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-dashboard': OnCueDashboard;
  }
}
