// Stand-in for engine.io-client's `transports/index.js` in the script-tag
// bundles: the OnCue core connects with `transports: ['websocket']` only, so
// the long-polling (XHR) and WebTransport implementations are dead weight.
// rollup.config.js points engine.io-client's own import here (browser build).
import { WS } from 'engine.io-client/build/esm/transports/websocket.js';

export const transports = { websocket: WS };
