/** The whole number typed in a host form field, when it is one from `min` to `max`; `undefined` otherwise (empty too). */
export function wholeNumberIn(text: string, min: number, max: number): number | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** Whether an image URL typed by a host has a form the server accepts: `http(s)://…` or a path on the page's site. */
export function isImageUrl(url: string): boolean {
  return /^(https?:\/\/|\/)/.test(url);
}
