import type * as v from 'valibot';

/**
 * When a viewer action is accepted: while the interaction takes part (`open`: open and before its deadline),
 * or once it is over (`closed`, and the kind has settled its outcome: a lottery's claim after the draw).
 */
export type ActionPhase = 'open' | 'closed';

/** One viewer action of a kind: the schema of its payload (checked by the server before the kind sees it) and when it is accepted. */
export interface KindAction<Payload extends v.GenericSchema = v.GenericSchema> {
  payload: Payload;
  phase: ActionPhase;
}

/**
 * Every viewer action of one kind, by action name (the `action` of an `act` request), declared in the kind's
 * protocol module: e.g. `pollActions = { vote: { payload: VotePayloadSchema, phase: 'open' } }`.
 */
export type KindActions = Readonly<Record<string, KindAction>>;

/** The validated payload type of one action of a kind's {@link KindActions}. */
export type ActionPayload<A extends KindActions, Name extends keyof A> = v.InferOutput<A[Name]['payload']>;
