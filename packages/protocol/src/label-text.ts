import * as v from 'valibot';

/**
 * Bidirectional control characters: the marks (ALM, LRM, RLM), embeddings and
 * overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI). A
 * right-to-left override in a label makes it read backwards ("gnp.exe"), and
 * an unclosed one spills into what follows it on the page.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** C0 and C1 control characters (tabs and line breaks included): none belongs in a one-line label. */
const CONTROLS = /\p{Cc}/u;
/** Letters, digits, punctuation or symbols: what makes a text visible (a label of zero-width or filler characters only is not). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** Letters and symbols that render as blank space (Hangul fillers, the braille blank). */
const BLANKS = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Why a text cannot be shown as a label, or `undefined` when it can. */
export function labelTextProblem(text: string): string | undefined {
  if (BIDI_CONTROLS.test(text)) return 'has a bidirectional control character (a right-to-left override, say)';
  if (CONTROLS.test(text)) return 'has a control character';
  if (!VISIBLE.test(text.replace(BLANKS, ''))) return 'has no visible character';
  return undefined;
}

/**
 * Text shown to viewers as one line: option labels, questions, prompts, a
 * lottery's prize, claim field labels. Trimmed, 1–`maxLength` characters,
 * with at least one visible character, and no bidirectional or other control
 * character (see {@link labelTextProblem}).
 */
export function labelTextSchema(what: string, maxLength: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, `${what} is empty`),
    v.maxLength(maxLength, `${what} is longer than ${maxLength} characters`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = labelTextProblem(dataset.value);
      if (problem) addIssue({ message: `${what} ${problem}` });
    }),
  );
}
