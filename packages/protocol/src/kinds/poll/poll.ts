import * as v from 'valibot';
import { MAX_POLL_OPTIONS, MAX_POLL_SECONDS, MAX_QUESTION_LENGTH, MIN_POLL_OPTIONS } from '../../limits.js';
import type { InteractionStatus } from '../../interaction-status.js';
import { MAX_VARIANTS } from '../../ab-variant.js';
import { ChoiceOptionSchema } from '../../choice-option.js';
import { labelTextSchema } from '../../label-text.js';

/** One option of a poll (the shared {@link ChoiceOptionSchema}). */
export const PollOptionSchema = ChoiceOptionSchema;

/** What a host sends to create a poll. Everything but `question` and `options` has a default. */
export const PollSpecSchema = v.pipe(
  v.object({
    kind: v.literal('poll'),
    question: labelTextSchema('question', MAX_QUESTION_LENGTH),
    options: v.pipe(
      v.array(PollOptionSchema),
      v.minLength(MIN_POLL_OPTIONS, `a poll needs ${MIN_POLL_OPTIONS}-${MAX_POLL_OPTIONS} options`),
      v.maxLength(MAX_POLL_OPTIONS, `a poll needs ${MIN_POLL_OPTIONS}-${MAX_POLL_OPTIONS} options`),
    ),
    /** Allow several choices; `maxChoices` caps them (default: all options). */
    multi: v.optional(v.boolean(), false),
    maxChoices: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POLL_OPTIONS))),
    /** Viewers may replace their vote while the poll is open. */
    allowChange: v.optional(v.boolean(), false),
    /** `live`: viewers see the tally as it moves; `after-close`: only once closed. Hosts always see it. */
    results: v.optional(v.picklist(['live', 'after-close']), 'live'),
    /** Auto-close after this many seconds from opening. */
    durationSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POLL_SECONDS))),
    /** Create as a draft instead of opening at once (default: open). */
    draft: v.optional(v.boolean(), false),
    /** Take part only as a viewer signed in by the integrator (an integrator-signed viewer token); anonymous viewers are refused `signed_viewer_required`. */
    signedOnly: v.optional(v.boolean()),
    /**
     * A/B test: alternative wordings of `question`. Variant 0 is `question`, variant i is `variants[i - 1]`;
     * each viewer sees `assignVariant(id, viewer, variants.length + 1)`.
     */
    variants: v.optional(
      v.pipe(v.array(labelTextSchema('a variant', MAX_QUESTION_LENGTH)), v.maxLength(MAX_VARIANTS - 1, `at most ${MAX_VARIANTS - 1} alternative wordings`)),
    ),
  }),
  v.check((p) => p.maxChoices === undefined || p.maxChoices <= p.options.length, 'maxChoices is larger than the number of options'),
);

export type PollSpecInput = v.InferInput<typeof PollSpecSchema>;
export type PollSpec = v.InferOutput<typeof PollSpecSchema>;
export type PollOption = v.InferOutput<typeof PollOptionSchema>;

/** A poll as viewers and hosts see it. */
export interface PollView {
  id: string;
  kind: 'poll';
  status: InteractionStatus;
  question: string;
  /** Alternative wordings of `question` (A/B test); see `PollSpecSchema` and `assignVariant`. */
  variants?: string[];
  options: PollOption[];
  multi: boolean;
  /** How many options one viewer may pick (1 unless `multi`). */
  maxChoices: number;
  allowChange: boolean;
  results: 'live' | 'after-close';
  durationSeconds?: number;
  /** Server times, ms since the epoch. */
  createdAt: number;
  openedAt?: number;
  closesAt?: number;
  closedAt?: number;
  /**
   * Votes per option, index-aligned with `options`; absent for viewers while
   * results are hidden (`results: 'after-close'` and the poll is open).
   */
  tally?: number[];
  /** Distinct viewers who voted; absent when `tally` is. */
  voters?: number;
  /**
   * Hosts only, polls with `variants`: votes per option for each A/B variant (`variantTally[variant][option]`),
   * viewers assigned by `assignVariant(id, viewer, variants.length + 1)`.
   */
  variantTally?: number[][];
}
