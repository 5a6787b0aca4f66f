import { createHash, randomBytes } from 'node:crypto';
import {
  blindboxActions,
  blindboxAnswerJson,
  blindboxAnswerOf,
  BlindboxSpecSchema,
  blindboxWinners,
  fail,
  isRightGuess,
  normaliseGuessText,
  ok,
  type BlindboxAnswer,
  type BlindboxGuess,
  type BlindboxGuessSpec,
  type BlindboxPersonal,
  type BlindboxReward,
  type BlindboxSpec,
  type BlindboxView,
  type ClaimField,
  type ClaimPayload,
  type GuessPayload,
  type LotteryClaim,
  lotteryClaimsCsv,
  type Result,
} from '@oncue/protocol';
import type { InteractionRecord } from '../../store/store.js';
import type { EntryMap, InteractionKindHandler } from '../interaction-kind.js';
import { takeTicket } from '../entry-tickets.js';
import { decidePrizeClaim, type PrizeClaim } from '../prize-claim.js';

/** What is stored of a blind-box spec, with the secret answer and salt (revealed together) and their commitment. */
export interface BlindboxConfig {
  title: string;
  image?: string;
  guess: BlindboxGuessSpec;
  reward: BlindboxReward;
  changeable: boolean;
  claim: { fields: ClaimField[]; seconds: number };
  /** Secret until the reveal. */
  box: BlindboxAnswer;
  /** 32 random bytes, hex. Secret until the reveal. */
  salt: string;
  /** Hex SHA-256 of `<canonical answer JSON>:<salt>`, public from creation. */
  commitment: string;
  /** A `draw` reward's seed (secret until the reveal) and its commitment (public). */
  seed?: string;
  seedCommitment?: string;
}

/** The host called the box off before its reveal: nobody wins, the answer stays secret. Kept in `InteractionRecord.state`. */
export interface BlindboxCancelled {
  cancelledAt: number;
}

/** The reveal, kept in `InteractionRecord.state`. */
export interface BlindboxState {
  revealedAt: number;
  /** Every final guess in acceptance order (the proof). */
  guesses: BlindboxGuess[];
  winners: string[];
  claimBy: number;
}

/** One viewer's guess: their ticket (the entry id in the proof), the value, when it was accepted (a change counts from then), their display name, their claim. */
export interface BlindboxEntry {
  id: string;
  value: number | string;
  guessedAt: number;
  name?: string;
  claim?: PrizeClaim;
}

export interface BlindboxTally {
  guesses: number;
  /** Guesses per option (`choice`). */
  counts: number[];
  claims: number;
}

type BlindboxPayload = GuessPayload | ClaimPayload;

const sha256 = (input: string | Buffer) => createHash('sha256').update(input).digest('hex');
/** The reveal, or nothing (before it, or when the box was cancelled). */
const stateOf = (record: InteractionRecord): BlindboxState | undefined => {
  const state = record.state as BlindboxState | BlindboxCancelled | undefined;
  return state && 'revealedAt' in state ? state : undefined;
};
const cancelledOf = (record: InteractionRecord): BlindboxCancelled | undefined => {
  const state = record.state as BlindboxState | BlindboxCancelled | undefined;
  return state && 'cancelledAt' in state ? state : undefined;
};

/** Why `value` is not a guess the box takes, or nothing. */
function guessProblem(guess: BlindboxGuessSpec, value: number | string): Result<never> | undefined {
  if (guess.type === 'choice') {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < guess.options.length
      ? undefined
      : fail('option_out_of_range', `value: pick an option, 0-${guess.options.length - 1}`);
  }
  if (guess.type === 'number') {
    return typeof value === 'number' && Number.isInteger(value) && value >= guess.min && value <= guess.max
      ? undefined
      : fail('option_out_of_range', `value: guess a whole number from ${guess.min} to ${guess.max}`);
  }
  if (typeof value !== 'string') return fail('bad_request', 'value: guess a text');
  return normaliseGuessText(value) === '' ? fail('bad_request', 'value: a guess needs a letter or a digit') : undefined;
}

/** The final guesses in acceptance order (ties by entry id), as the proof lists them. */
function guessList(entries: EntryMap<BlindboxEntry> | undefined): BlindboxGuess[] {
  return [...(entries?.values() ?? [])]
    .map((e) => e.value)
    .sort((a, b) => a.guessedAt - b.guessedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({ entry: e.id, value: e.value }));
}

function personalOf(record: InteractionRecord, entry: BlindboxEntry): BlindboxPersonal {
  const personal: BlindboxPersonal = { kind: 'blindbox', entry: entry.id, guess: entry.value };
  const state = stateOf(record);
  if (state) {
    const won = state.winners.includes(entry.id);
    Object.assign(personal, { right: isRightGuess((record.config as BlindboxConfig).box, entry.value), won });
    if (won) personal.claimBy = state.claimBy;
  }
  if (entry.claim) personal.claimedAt = entry.claim.at;
  return personal;
}

/**
 * Blind boxes: the host launches a box with its answer, which the server keeps secret and commits to
 * (`SHA-256(<canonical answer JSON>:<salt>)`, see docs/blindbox.md); viewers guess while it is open (one guess, or
 * changed until it locks); it locks at its deadline or when the host closes it; the host's `next` reveals it:
 * the answer, the salt, every guess in acceptance order and the winners by the reward rule (a draw from the seed
 * committed at launch) are published, and winners claim as in a giveaway. Before the reveal the host may cancel it
 * (`cancel`): it closes, nobody wins, and the answer is never published.
 */
export const blindboxKind: InteractionKindHandler<BlindboxSpec, BlindboxConfig, BlindboxEntry, BlindboxTally, BlindboxPayload> = {
  kind: 'blindbox',
  spec: BlindboxSpecSchema,
  actions: blindboxActions,

  configure(spec) {
    const box = blindboxAnswerOf(spec);
    const salt = randomBytes(32).toString('hex');
    const config: BlindboxConfig = {
      title: spec.title,
      guess: spec.guess,
      reward: spec.reward as BlindboxReward,
      changeable: spec.changeable,
      claim: { fields: spec.claim.fields.map((f) => ({ id: f.id, label: f.label })), seconds: spec.claim.seconds },
      box,
      salt,
      commitment: sha256(`${blindboxAnswerJson(box)}:${salt}`),
    };
    if (spec.image !== undefined) config.image = spec.image;
    if (spec.reward.type === 'draw') {
      config.seed = randomBytes(32).toString('hex');
      config.seedCommitment = sha256(Buffer.from(config.seed, 'hex'));
    }
    return { config, durationSeconds: spec.durationSeconds, draft: spec.draft };
  },

  emptyTally(config) {
    return { guesses: 0, counts: config.guess.type === 'choice' ? config.guess.options.map(() => 0) : [], claims: 0 };
  },

  count(tally, previous, next) {
    tally.guesses += (next ? 1 : 0) - (previous ? 1 : 0);
    tally.claims += (next?.claim ? 1 : 0) - (previous?.claim ? 1 : 0);
    if (tally.counts.length > 0) {
      if (typeof previous?.value === 'number') tally.counts[previous.value]! -= 1;
      if (typeof next?.value === 'number') tally.counts[next.value]! += 1;
    }
  },

  participate(config, previous, payload, context): Result<BlindboxEntry> {
    const { record, now, entries } = context;
    if (context.action === 'guess') {
      if (previous && !config.changeable) return fail('already_taken_part', 'this viewer has already guessed, and this box takes no changes');
      const { value, ticket } = payload as GuessPayload;
      const problem = guessProblem(config.guess, value);
      if (problem) return problem;
      let id = previous?.id;
      if (!id) {
        id = ticket ?? randomBytes(32).toString('hex');
        if (!takeTicket(entries, id)) return fail('bad_request', 'ticket: another guess of this box has it; derive it from a secret of your own');
      }
      const entry: BlindboxEntry = { id, value, guessedAt: now };
      if (context.viewerName !== undefined) entry.name = context.viewerName;
      return ok(entry);
    }
    const state = stateOf(record);
    const claimBy = previous && state?.winners.includes(previous.id) ? state.claimBy : undefined;
    const claim = decidePrizeClaim(config.claim.fields, claimBy, previous?.claim, (payload as ClaimPayload).fields, now);
    return claim.ok ? ok({ ...previous!, claim: claim.value }) : claim;
  },

  receipt(entry, { record }) {
    return { personal: personalOf(record, entry) };
  },

  view({ record, config, tally, audience, entries }) {
    const state = stateOf(record);
    const view: BlindboxView = {
      id: record.id,
      kind: 'blindbox',
      status: record.status,
      title: config.title,
      guess: structuredClone(config.guess),
      reward: { ...config.reward },
      changeable: config.changeable,
      claim: { fields: config.claim.fields.map((f) => ({ ...f })), seconds: config.claim.seconds },
      createdAt: record.createdAt,
      participants: tally.guesses,
      commitment: config.commitment,
    };
    if (config.image !== undefined) view.image = config.image;
    if (config.seedCommitment !== undefined) view.seedCommitment = config.seedCommitment;
    if (cancelledOf(record)) view.cancelled = true;
    if (record.durationSeconds !== undefined) view.durationSeconds = record.durationSeconds;
    if (record.openedAt !== undefined) view.openedAt = record.openedAt;
    if (record.closesAt !== undefined) view.closesAt = record.closesAt;
    if (record.closedAt !== undefined) view.closedAt = record.closedAt;
    const showCounts = config.guess.type === 'choice' && (audience === 'host' || state !== undefined || config.guess.showDistribution);
    if (showCounts) view.counts = [...tally.counts];
    if (state) {
      const winners = new Map<string, BlindboxEntry | undefined>(state.winners.map((id) => [id, undefined]));
      for (const { value } of entries?.values() ?? []) if (winners.has(value.id)) winners.set(value.id, value);
      const winnerNames: Record<string, string> = {};
      for (const [id, entry] of winners) if (entry?.name !== undefined) winnerNames[id] = entry.name;
      Object.assign(view, {
        revealedAt: state.revealedAt,
        answer: structuredClone(config.box.answer),
        salt: config.salt,
        claimBy: state.claimBy,
        winners: [...state.winners],
        winnerNames,
      });
      if (config.seed !== undefined) view.seed = config.seed;
      if (audience === 'host') {
        view.guesses = state.guesses.map((g) => ({ ...g }));
        view.claims = [...winners].map(([id, entry]): LotteryClaim => {
          const row: LotteryClaim = { entry: id, round: 0, claimBy: state.claimBy };
          if (entry?.name !== undefined) row.name = entry.name;
          if (entry?.claim) Object.assign(row, { claimedAt: entry.claim.at, fields: { ...entry.claim.fields } });
          return row;
        });
      }
    }
    return view;
  },

  personal({ record, entries }, viewer) {
    const entry = entries?.get(viewer);
    return entry ? personalOf(record, entry.value) : undefined;
  },

  qualified() {
    return true;
  },

  cancellable: true,

  async advance(record, now, request, entries) {
    if (stateOf(record)) return fail('already_closed', 'this box is already revealed');
    if (cancelledOf(record)) return fail('already_closed', 'this box was cancelled');
    if (request.mode === 'cancel') {
      const cancelled: BlindboxCancelled = { cancelledAt: now };
      return ok({ record: { ...record, state: cancelled }, finished: record.status === 'open' });
    }
    if (record.status !== 'closed') return fail('not_open', 'lock the box (close it) before revealing it');
    const config = record.config as BlindboxConfig;
    const guesses = guessList(entries);
    const winners = await blindboxWinners(config.box, config.reward, guesses, config.seed);
    const state: BlindboxState = { revealedAt: now, guesses, winners, claimBy: now + config.claim.seconds * 1000 };
    return ok({ record: { ...record, state }, finished: false });
  },

  restView(view) {
    return { ...view };
  },

  exports: {
    'claims.csv': { contentType: 'text/csv; charset=utf-8', render: (view) => lotteryClaimsCsv(view as BlindboxView) },
  },

  publicView(view) {
    const {
      id,
      kind,
      status,
      title,
      guess,
      reward,
      participants,
      commitment,
      seedCommitment,
      cancelled,
      revealedAt,
      answer,
      salt,
      seed,
      guesses,
      winners,
      winnerNames,
    } = view as BlindboxView;
    return {
      id,
      kind,
      status,
      title,
      guess,
      reward,
      participants,
      commitment,
      seedCommitment,
      cancelled,
      revealedAt,
      answer,
      salt,
      seed,
      guesses,
      winners,
      winnerNames,
    };
  },
};
