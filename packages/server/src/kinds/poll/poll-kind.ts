import { assignVariant, fail, ok, pollActions, PollSpecSchema, type PollMine, type PollSpec, type PollView, type VotePayload } from '@oncue/protocol';
import type { InteractionKindHandler } from '../interaction-kind.js';

/** What is stored of a poll spec, defaults resolved. */
export type PollConfig = Pick<PollView, 'question' | 'variants' | 'options' | 'multi' | 'maxChoices' | 'allowChange' | 'results'>;

/** One viewer's vote: option indexes, ascending. */
export interface PollEntry {
  choices: number[];
}

/** Votes per option, index-aligned with the options. */
export type PollTally = number[];

/**
 * Polls: single choice, or several choices up to `maxChoices` (default: all
 * options when `multi`). One vote per viewer, replaced only with `allowChange`.
 * With `results: 'after-close'` viewers get no `tally`/`voters` until it closes.
 */
export const pollKind: InteractionKindHandler<PollSpec, PollConfig, PollEntry, PollTally, VotePayload> = {
  kind: 'poll',
  spec: PollSpecSchema,
  actions: pollActions,

  configure(spec) {
    const config: PollConfig = {
      question: spec.question,
      options: spec.options.map((o) => (o.image === undefined ? { label: o.label } : { label: o.label, image: o.image })),
      multi: spec.multi,
      maxChoices: spec.multi ? (spec.maxChoices ?? spec.options.length) : 1,
      allowChange: spec.allowChange,
      results: spec.results,
    };
    if (spec.variants?.length) config.variants = [...spec.variants];
    return { config, durationSeconds: spec.durationSeconds, draft: spec.draft };
  },

  emptyTally(config) {
    return config.options.map(() => 0);
  },

  count(tally, previous, next) {
    if (previous) for (const i of previous.choices) tally[i] = (tally[i] ?? 0) - 1;
    if (next) for (const i of next.choices) tally[i] = (tally[i] ?? 0) + 1;
  },

  // Plain loops, no Set, closure or spread: this runs for every vote (at most 10 choices, so the repeat check is cheap).
  participate(config, previous, { choices }) {
    const n = config.options.length;
    for (const i of choices) {
      if (!Number.isInteger(i) || i < 0 || i >= n) return fail('option_out_of_range', `choices must be option indexes 0-${n - 1}`);
    }
    for (let a = 1; a < choices.length; a++) {
      for (let b = 0; b < a; b++) if (choices[a] === choices[b]) return fail('option_out_of_range', 'a choice is repeated');
    }
    if (choices.length < 1 || choices.length > config.maxChoices) {
      return fail('option_out_of_range', config.multi ? `choose 1-${config.maxChoices} options` : 'choose exactly one option');
    }
    if (previous && !config.allowChange) return fail('already_taken_part', 'this viewer has already voted in this poll');
    return ok({ choices: choices.length === 1 ? [choices[0]!] : choices.slice().sort(ascending) });
  },

  mine(entry): PollMine {
    return entry.choices;
  },

  view({ record, config, tally, participants, audience, entries }) {
    const view: PollView = {
      id: record.id,
      kind: 'poll',
      status: record.status,
      question: config.question,
      options: config.options.map((o) => ({ ...o })),
      multi: config.multi,
      maxChoices: config.maxChoices,
      allowChange: config.allowChange,
      results: config.results,
      createdAt: record.createdAt,
    };
    if (config.variants?.length) view.variants = [...config.variants];
    if (record.durationSeconds !== undefined) view.durationSeconds = record.durationSeconds;
    if (record.openedAt !== undefined) view.openedAt = record.openedAt;
    if (record.closesAt !== undefined) view.closesAt = record.closesAt;
    if (record.closedAt !== undefined) view.closedAt = record.closedAt;
    if (audience === 'host' || config.results === 'live' || record.status === 'closed') {
      view.tally = [...tally];
      view.voters = participants;
    }
    if (audience === 'host' && config.variants?.length && entries) {
      const count = config.variants.length + 1;
      const byVariant = Array.from({ length: count }, () => config.options.map(() => 0));
      for (const [viewer, { value }] of entries) {
        const row = byVariant[assignVariant(record.id, viewer, count)]!;
        for (const choice of value.choices) row[choice] = (row[choice] ?? 0) + 1;
      }
      view.variantTally = byVariant;
    }
    return view;
  },

  restView(view) {
    const poll = view as PollView;
    return {
      ...poll,
      options: poll.options.map((o, i) => ({ ...o, votes: poll.tally?.[i] ?? 0 })),
    };
  },
};

function ascending(a: number, b: number): number {
  return a - b;
}
