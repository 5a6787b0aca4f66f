import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium-launch-options.js';

/** Debian's Chromium, launched as the browser tests launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}
