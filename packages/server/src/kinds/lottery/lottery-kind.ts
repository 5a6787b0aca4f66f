import { createHash, randomBytes } from 'node:crypto';
import {
  drawWinners,
  fail,
  lotteryClaimsCsv,
  ok,
  sortEntryList,
  lotteryActions,
  LotterySpecSchema,
  type ClaimField,
  type ClaimPayload,
  type EnterPayload,
  type LotteryClaim,
  type LotteryDraw,
  type LotteryEligibility,
  type LotteryPersonal,
  type LotterySpec,
  type LotteryView,
  type Result,
} from '@oncue/protocol';
import type { InteractionKindHandler } from '../interaction-kind.js';
import { takeTicket } from '../entry-tickets.js';
import { decidePrizeClaim, type PrizeClaim } from '../prize-claim.js';
import type { InteractionRecord } from '../../store/store.js';

/** What is stored of a lottery spec, with the secret seed (revealed at the draw) and its commitment. */
export interface LotteryConfig {
  prize: string;
  image?: string;
  prizes: number;
  eligibility: LotteryEligibility;
  claim: { fields: ClaimField[]; seconds: number };
  /** 32 random bytes, hex. Secret until the first draw. */
  seed: string;
  /** Hex SHA-256 of the seed bytes, public from creation. */
  commitment: string;
}

/** The draws, kept in `InteractionRecord.state` once entries close. */
export interface LotteryState {
  /** The frozen, sorted entry ids the draws use. */
  entryList: string[];
  draws: LotteryDraw[];
}

/** One viewer's entry: their ticket (the entry id published in the list), and their claim once they won and claimed. */
export interface LotteryEntry {
  /** The ticket the viewer's client derived from its own secret (`lotteryEntryTicket`), or a random one the server drew. Never a function of the viewer id. */
  id: string;
  /** The display name the viewer entered under (`viewer-name` or its signed token's name), if any: published only if it wins. */
  name?: string;
  claim?: PrizeClaim;
}

export interface LotteryTally {
  entries: number;
  claims: number;
}

type LotteryPayload = EnterPayload | ClaimPayload;

function stateOf(record: InteractionRecord): LotteryState | undefined {
  return record.state as LotteryState | undefined;
}

/** Winners still holding a prize (not replaced by a redraw), with the draw that gave it. */
function standingWinners(state: LotteryState | undefined): Map<string, LotteryDraw> {
  const winners = new Map<string, LotteryDraw>();
  for (const draw of state?.draws ?? []) {
    for (const id of draw.replaces ?? []) winners.delete(id);
    for (const id of draw.winners) winners.set(id, draw);
  }
  return winners;
}

/** A viewer's own state. A winner whose expired prize went to a redraw still reads as a winner whose claim window closed. */
function personalOf(record: InteractionRecord, entry: LotteryEntry): LotteryPersonal {
  const draw = standingWinners(stateOf(record)).get(entry.id) ?? stateOf(record)?.draws.find((d) => d.winners.includes(entry.id));
  const personal: LotteryPersonal = { kind: 'lottery', entry: entry.id, won: draw !== undefined };
  if (draw) personal.claimBy = draw.claimBy;
  if (entry.claim) personal.claimedAt = entry.claim.at;
  return personal;
}

function claimedIds(entries: Iterable<{ value: LotteryEntry }>): Map<string, LotteryEntry> {
  const claimed = new Map<string, LotteryEntry>();
  for (const { value } of entries) if (value.claim) claimed.set(value.id, value);
  return claimed;
}

/** The display names of the given winners, by entry id; winners without a name have no key, and nobody else is named. */
function namesOf(entries: Iterable<{ value: LotteryEntry }>, winners: readonly string[]): Record<string, string> {
  const wanted = new Set(winners);
  const names: Record<string, string> = {};
  for (const { value } of entries) if (value.name !== undefined && wanted.has(value.id)) names[value.id] = value.name;
  return names;
}

/**
 * Lotteries: one entry per (eligible) viewer while open, under the ticket the
 * viewer's client sends (derived from a secret only that client holds; the
 * server keeps which viewer holds which ticket to itself and never publishes
 * it); at close the server freezes the sorted list of tickets and draws the winners from the
 * seed it committed to at launch (see `@oncue/protocol`'s lottery-draw.ts);
 * winners claim within a window; `next` on a drawn lottery redraws the prizes
 * whose window expired unclaimed, taking the next positions of the same
 * committed draw order (no new seed, so nothing can be ground).
 */
export const lotteryKind: InteractionKindHandler<LotterySpec, LotteryConfig, LotteryEntry, LotteryTally, LotteryPayload> = {
  kind: 'lottery',
  spec: LotterySpecSchema,
  actions: lotteryActions,

  configure(spec) {
    const seed = randomBytes(32).toString('hex');
    const config: LotteryConfig = {
      prize: spec.prize,
      prizes: spec.winners,
      eligibility: spec.eligibility,
      claim: { fields: spec.claim.fields.map((f) => ({ id: f.id, label: f.label })), seconds: spec.claim.seconds },
      seed,
      commitment: createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'),
    };
    if (spec.image !== undefined) config.image = spec.image;
    return { config, durationSeconds: spec.durationSeconds, draft: spec.draft };
  },

  emptyTally() {
    return { entries: 0, claims: 0 };
  },

  count(tally, previous, next) {
    tally.entries += (next ? 1 : 0) - (previous ? 1 : 0);
    tally.claims += (next?.claim ? 1 : 0) - (previous?.claim ? 1 : 0);
  },

  participate(config, previous, payload, context): Result<LotteryEntry> {
    const { record, viewer, now, qualifiedIn } = context;
    if (viewer === undefined || !qualifiedIn) return fail('internal', 'a lottery action needs the server context');
    if (context.action === 'enter') {
      if (previous) return fail('already_taken_part', 'this viewer has already entered this lottery');
      const { eligibility } = config;
      if (eligibility.type === 'participated' && !qualifiedIn(eligibility.interaction)) {
        return fail('not_eligible', `only viewers who took part in ${eligibility.interaction} can enter`);
      }
      const ticket = (payload as EnterPayload).ticket ?? randomBytes(32).toString('hex');
      if (!takeTicket(context.entries, ticket)) return fail('bad_request', 'ticket: another entry of this lottery has it; derive it from a secret of your own');
      return ok(context.viewerName === undefined ? { id: ticket } : { id: ticket, name: context.viewerName });
    }
    // claim
    const draw = previous ? standingWinners(stateOf(record)).get(previous.id) : undefined;
    const claim = decidePrizeClaim(config.claim.fields, draw?.claimBy, previous?.claim, (payload as ClaimPayload).fields, now);
    return claim.ok ? ok({ ...previous!, claim: claim.value }) : claim;
  },

  receipt(entry, { record }) {
    return { personal: personalOf(record, entry) };
  },

  view({ record, config, tally, audience, entries }) {
    const state = stateOf(record);
    const view: LotteryView = {
      id: record.id,
      kind: 'lottery',
      status: record.status,
      prize: config.prize,
      prizes: config.prizes,
      eligibility: { ...config.eligibility },
      claim: { fields: config.claim.fields.map((f) => ({ ...f })), seconds: config.claim.seconds },
      createdAt: record.createdAt,
      entries: tally.entries,
      commitment: config.commitment,
    };
    if (config.image !== undefined) view.image = config.image;
    if (record.durationSeconds !== undefined) view.durationSeconds = record.durationSeconds;
    if (record.openedAt !== undefined) view.openedAt = record.openedAt;
    if (record.closesAt !== undefined) view.closesAt = record.closesAt;
    if (record.closedAt !== undefined) view.closedAt = record.closedAt;
    if (state) {
      const claimed = claimedIds(entries?.values() ?? []);
      view.seed = config.seed;
      view.draws = state.draws.map((d) => ({ ...d, winners: [...d.winners] }));
      view.winners = state.draws.flatMap((d) => d.winners);
      view.claimed = view.winners.filter((id) => claimed.has(id));
      view.winnerNames = namesOf(entries?.values() ?? [], view.winners);
      if (audience === 'host') {
        view.entryList = [...state.entryList];
        view.claims = state.draws.flatMap((draw) =>
          draw.winners.map((id): LotteryClaim => {
            const claim = claimed.get(id)?.claim;
            const row: LotteryClaim = { entry: id, round: draw.round, claimBy: draw.claimBy };
            const name = view.winnerNames?.[id];
            if (name !== undefined) row.name = name;
            if (claim) Object.assign(row, { claimedAt: claim.at, fields: { ...claim.fields } });
            return row;
          }),
        );
      }
    }
    return view;
  },

  personal({ record, entries }, viewer) {
    const entry = entries?.get(viewer);
    return entry ? personalOf(record, entry.value) : undefined;
  },

  references(config) {
    return config.eligibility.type === 'participated' ? [{ field: 'eligibility.interaction', interaction: config.eligibility.interaction }] : [];
  },

  async onTransition(record, now, entries) {
    if (record.status !== 'closed' || stateOf(record)) return record;
    const config = record.config as LotteryConfig;
    const entryList = sortEntryList([...(entries?.values() ?? [])].map((e) => e.value.id));
    const winners = await drawWinners(config.seed, entryList, config.prizes);
    const draw: LotteryDraw = { round: 0, at: now, winners, claimBy: now + config.claim.seconds * 1000 };
    return { ...record, state: { entryList, draws: [draw] } satisfies LotteryState };
  },

  async advance(record, now, _request, entries) {
    const state = stateOf(record);
    if (record.status !== 'closed' || !state) return fail('not_open', 'a lottery redraws only after its draw: close it first');
    const config = record.config as LotteryConfig;
    const claimed = claimedIds(entries?.values() ?? []);
    const expired = [...standingWinners(state)].filter(([id, draw]) => !claimed.has(id) && draw.claimBy < now).map(([id]) => id);
    if (expired.length === 0) return fail('bad_request', 'nothing to redraw: every winner has claimed or can still claim');
    const taken = state.draws.reduce((n, d) => n + d.winners.length, 0);
    const order = await drawWinners(config.seed, state.entryList, taken + expired.length);
    const winners = order.slice(taken);
    if (winners.length === 0) return fail('bad_request', 'nothing to redraw: every entry has already been drawn');
    const draw: LotteryDraw = {
      round: state.draws.length,
      at: now,
      winners,
      claimBy: now + config.claim.seconds * 1000,
      replaces: expired.slice(0, winners.length),
    };
    return ok({ record: { ...record, state: { ...state, draws: [...state.draws, draw] } satisfies LotteryState }, finished: false });
  },

  restView(view) {
    return { ...view };
  },

  publicView(view) {
    const { id, kind, status, prize, prizes, entries, commitment, seed, entryList, winners, draws } = view as LotteryView;
    return { id, kind, status, prize, prizes, entries, commitment, seed, entryList, winners, draws };
  },

  exports: {
    'claims.csv': { contentType: 'text/csv; charset=utf-8', render: (view) => lotteryClaimsCsv(view as LotteryView) },
  },
};
