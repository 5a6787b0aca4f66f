/**
 * The entry of `oncue.min.js`: the viewer SDK (oncue.ts) as the global `OnCue`. It exports nothing itself, so the
 * build may hand the main chunk's internals (lit, the core) to the kind chunks without their names showing on
 * `OnCue`.
 */
import * as OnCue from './oncue.js';

(window as unknown as { OnCue: typeof OnCue }).OnCue = OnCue;
