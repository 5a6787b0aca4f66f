/**
 * The host script-tag bundle (`oncue-host.min.js`, global `OnCueHost`):
 * registers `<oncue-host-console>`, and the viewer widgets too so a host page
 * can preview the stage next to the console.
 *
 * ```html
 * <script src="oncue-host.min.js"></script>
 * <oncue-host-console server="https://live.example.com" room="shop-42" token="…"></oncue-host-console>
 * <oncue-stage server="https://live.example.com" room="shop-42"></oncue-stage>
 * ```
 */
import './host-console/host-console.js';
// The kinds' host elements, in this bundle (the host registry's loaders find them already defined).
import './poll/poll-form.js';
import './quiz/quiz-builder.js';
import './lottery/lottery-panel.js';
import './blindbox/blindbox-form.js';
import './poll/poll.js';
import './lottery/lottery.js';
import './stage/stage.js';

export { connect, interactionStore } from '@oncue/core';
export { setLocale } from './shared/localize.js';
export { registerInteractionWidget } from './stage/interaction-widgets.js';
export { OnCueHostConsole } from './host-console/host-console.component.js';
export { registerHostKind } from './host-console/host-kinds.js';
export { OnCuePoll } from './poll/poll.component.js';
export { OnCueStage } from './stage/stage.component.js';
