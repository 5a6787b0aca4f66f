/**
 * The viewer script-tag SDK (`oncue.min.js`, global `OnCue`): defines `<oncue-stage>` and loads each kind's
 * element (`<oncue-poll>`, `<oncue-quiz>`, `<oncue-lottery>`) as its own chunk the first time an interaction of
 * that kind is on stage or the element appears in the page. It exposes what a page needs to share a connection,
 * switch language or plug in more kinds of interaction.
 *
 * ```html
 * <script src="oncue.min.js"></script>
 * <oncue-stage server="https://live.example.com" room="shop-42"></oncue-stage>
 * <script>OnCue.setLocale('zh-CN')</script>
 * ```
 *
 * A kind's element class: `await OnCue.load('poll')` (loads its chunk if needed), or
 * `await customElements.whenDefined('oncue-poll')`.
 *
 * Logout: `OnCue.forgetViewer()` forgets the viewer identity this browser keeps (every server; pass a server URL
 * for one), so the next connection is a new anonymous viewer.
 *
 * Telemetry: `data-telemetry="<collector URL>"` on the script tag starts the page's reporter
 * (`data-consent="granted"` when the page has consent; else `OnCue.telemetry.grantConsent()`);
 * see docs/telemetry.md. The reporter is a chunk of its own, fetched only then (or on `OnCue.loadTelemetry()`,
 * which resolves to `@oncue/telemetry`: `createReporter`, `httpSink`, `callbackSink`, `collectorSink`); calls on
 * `OnCue.telemetry` made before it arrives are kept and replayed on it.
 */
import './stage/stage.js';
import { startTelemetryFromScript } from './telemetry/telemetry-stub.js';
import { autoloadInteractionWidgets } from './stage/widget-autoloader.js';

startTelemetryFromScript(document.currentScript);
autoloadInteractionWidgets();

export { connect, forgetViewer, interactionStore } from '@oncue/core';
export { setLocale } from './shared/localize.js';
export { registerInteractionWidget } from './stage/interaction-widgets.js';
export { loadInteractionWidget as load } from './stage/widget-loader.js';
export { OnCueStage } from './stage/stage.component.js';
export { loadTelemetry, telemetry } from './telemetry/telemetry-stub.js';
