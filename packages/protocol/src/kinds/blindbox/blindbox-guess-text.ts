/**
 * How a free-text guess is compared with the accepted answers (see docs/blindbox.md):
 * Unicode NFKC (full-width letters, digits and punctuation become their half-width forms), the default lowercase
 * mapping (JavaScript `toLowerCase`, Python `str.lower`), NFKC again, then every punctuation (`\p{P}`) and
 * separator or white-space code point (`\p{Z}`, `\s`) removed wherever it is. "  Ｌｉｐ-Stick！" → "lipstick",
 * "口红。" → "口红".
 */
export function normaliseGuessText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\p{P}\p{Z}\s]/gu, '');
}

/** The most characters a text guess may have (before normalisation). */
export const MAX_TEXT_GUESS = 40;
