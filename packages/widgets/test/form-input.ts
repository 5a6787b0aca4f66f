// Test helpers for forms in a shadow root: find a button as a person names it, type into a field as a person does.
import { sendKeys } from '@web/test-runner-commands';
import { shadow, text } from './oncue-test-server.js';

/** The button in `root`'s shadow root whose accessible name (its `aria-label`, else its text) is `name`. */
export function buttonNamed(root: Element, name: string): HTMLButtonElement | undefined {
  return [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? text(b)) === name);
}

/** Focuses `field` and types `value` with real key presses (the browser's own input events). */
export async function typeInto(field: HTMLElement | null, value: string): Promise<void> {
  field!.focus();
  await sendKeys({ type: value });
}
