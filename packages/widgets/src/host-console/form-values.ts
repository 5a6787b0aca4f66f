/** The whole number typed in a host form field, when it is one from `min` to `max`; `undefined` otherwise (empty too). */
export function wholeNumberIn(text: string, min: number, max: number): number | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * Whether an image URL typed by a host has a form the server accepts: `https://host/…` or a path on the page's
 * own site. The protocol's check itself, so the forms and the server never disagree.
 */
export { isImageUrl } from '@oncue/protocol';
