import { OnCueStage } from './stage.component.js';

// The stage loads each kind's element when the kind first shows (stage/viewer-kinds.ts): nothing to import here.
export * from './stage.component.js';
export * from './interaction-widgets.js';
export { viewerKinds } from './viewer-kinds.js';
export { $widgetLoads, loadInteractionWidget, widgetRetry, type WidgetLoadState } from './widget-loader.js';
export { autoloadInteractionWidgets } from './widget-autoloader.js';

OnCueStage.define('oncue-stage');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-stage': OnCueStage;
  }
}
