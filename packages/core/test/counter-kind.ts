/**
 * A tiny kind that exists only in tests: a counter viewers add to. It is written the way docs/adding-a-kind.md
 * says a kind is written (a protocol module: spec schema, view, actions; a server handler), and registered
 * without touching any generic code: the server gets it through its `kinds` option, the core needs nothing
 * (`act()` is generic). It proves that a new kind is a folder plus one line per registry.
 */
import * as v from 'valibot';
import type { InteractionStatus, InteractionView, KindActions } from '@oncue/protocol';
import type { InteractionKindHandler } from '@oncue/server';

/* ------------------------------------------------------------------ protocol module */

export const CounterSpecSchema = v.object({
  kind: v.literal('counter'),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  /** Most one viewer may add in all. */
  maxPerViewer: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 10),
  draft: v.optional(v.boolean(), false),
});
export type CounterSpec = v.InferOutput<typeof CounterSpecSchema>;

export const AddPayloadSchema = v.object({ by: v.pipe(v.number(), v.integer(), v.minValue(1, 'add at least 1'), v.maxValue(5, 'add at most 5')) });
export type AddPayload = v.InferOutput<typeof AddPayloadSchema>;

/** A counter's one action, `add`, while it is open. */
export const counterActions = { add: { payload: AddPayloadSchema, phase: 'open' } } as const satisfies KindActions;

export interface CounterView {
  id: string;
  kind: 'counter';
  status: InteractionStatus;
  label: string;
  createdAt: number;
  total: number;
  participants: number;
}

/* ------------------------------------------------------------------ server handler */

interface CounterConfig {
  label: string;
  maxPerViewer: number;
}

/** One viewer's entry: how much it added in all. */
type CounterEntry = number;

export const counterKind: InteractionKindHandler<CounterSpec, CounterConfig, CounterEntry, { total: number }, AddPayload> = {
  kind: 'counter',
  spec: CounterSpecSchema,
  actions: counterActions,
  configure: (spec) => ({ config: { label: spec.label, maxPerViewer: spec.maxPerViewer }, draft: spec.draft }),
  emptyTally: () => ({ total: 0 }),
  count(tally, previous, next) {
    tally.total += (next ?? 0) - (previous ?? 0);
  },
  participate(config, previous, { by }) {
    const added = (previous ?? 0) + by;
    if (added > config.maxPerViewer) return { ok: false, error: { code: 'already_taken_part', message: `at most ${config.maxPerViewer} per viewer` } };
    return { ok: true, value: added };
  },
  mine: (entry) => entry,
  view: ({ record, config, tally, participants }) =>
    ({
      id: record.id,
      kind: 'counter',
      status: record.status,
      label: config.label,
      createdAt: record.createdAt,
      total: tally.total,
      participants,
    }) satisfies CounterView as unknown as InteractionView,
  restView: (view) => ({ ...view }),
};
