/**
 * The viewer script-tag bundle (`oncue.min.js`, global `OnCue`): registers
 * `<oncue-poll>`, `<oncue-quiz>`, `<oncue-lottery>` and `<oncue-stage>` and exposes what a page needs to share a
 * connection, switch language or plug in more kinds of interaction.
 *
 * ```html
 * <script src="oncue.min.js"></script>
 * <oncue-stage server="https://live.example.com" room="shop-42"></oncue-stage>
 * <script>OnCue.setLocale('zh-CN')</script>
 * ```
 *
 * Logout: `OnCue.forgetViewer()` forgets the viewer identity this browser keeps (every server; pass a server URL
 * for one), so the next connection is a new anonymous viewer.
 *
 * Telemetry: `data-telemetry="<collector URL>"` on the script tag starts the page's reporter
 * (`data-consent="granted"` when the page has consent; else `OnCue.telemetry.grantConsent()`);
 * see docs/telemetry.md.
 */
import './poll/poll.js';
import './quiz/quiz.js';
import './lottery/lottery.js';
import './stage/stage.js';
import { startFromScript } from '@oncue/telemetry';

startFromScript(document.currentScript);

export { connect, forgetViewer, interactionStore } from '@oncue/core';
export { setLocale } from './shared/localize.js';
export { registerInteractionWidget } from './stage/interaction-widgets.js';
export { OnCuePoll } from './poll/poll.component.js';
export { OnCueQuiz } from './quiz/quiz.component.js';
export { OnCueLottery } from './lottery/lottery.component.js';
export { OnCueStage } from './stage/stage.component.js';
export { callbackSink, collectorSink, createReporter, httpSink, telemetry } from '@oncue/telemetry';
