import { drawWinners, lotteryCommitment, sortEntryList } from '../lottery/lottery-draw.js';
import { blindboxCommitment, type BlindboxAnswer } from './blindbox-commitment.js';
import { normaliseGuessText } from './blindbox-guess-text.js';

/** Who wins among the guesses: every right one, the first `winners` right ones, `winners` drawn among the right ones, or (numbers) the `winners` closest. */
export type BlindboxReward = { type: 'all' } | { type: 'first'; winners: number } | { type: 'draw'; winners: number } | { type: 'closest'; winners: number };

/** One viewer's final guess as published: its entry id (the viewer's ticket) and the value; the list is in acceptance order. */
export interface BlindboxGuess {
  entry: string;
  value: number | string;
}

/** Whether `value` is a right guess: the option index or number equals the answer; a text equals an accepted text once both are normalised. */
export function isRightGuess(box: BlindboxAnswer, value: number | string): boolean {
  if (box.type === 'text') {
    const guess = typeof value === 'string' ? normaliseGuessText(value) : '';
    return guess !== '' && box.answer.some((accepted) => normaliseGuessText(accepted) === guess);
  }
  return value === box.answer;
}

/**
 * The winners' entry ids. `guesses` are in the order the server accepted them (a changed guess counts from its
 * change); `seed` is needed for a `draw`. `all`/`first`: right guesses in that order; `draw`: the lottery's draw
 * (lottery-draw.ts) over the sorted entry ids of the right guesses; `closest`: by distance to the answer, ties to the
 * earlier guess.
 */
export async function blindboxWinners(box: BlindboxAnswer, reward: BlindboxReward, guesses: readonly BlindboxGuess[], seed?: string): Promise<string[]> {
  if (reward.type === 'closest') {
    if (box.type !== 'number') throw new Error('closest is a reward of number guesses');
    const target = box.answer;
    return guesses
      .map((g, order) => ({ entry: g.entry, distance: Math.abs(Number(g.value) - target), order }))
      .filter((g) => Number.isFinite(g.distance))
      .sort((a, b) => a.distance - b.distance || a.order - b.order)
      .slice(0, reward.winners)
      .map((g) => g.entry);
  }
  const right = guesses.filter((g) => isRightGuess(box, g.value)).map((g) => g.entry);
  if (reward.type === 'all') return right;
  if (reward.type === 'first') return right.slice(0, reward.winners);
  if (!seed) throw new Error('a draw needs its seed');
  return drawWinners(seed, sortEntryList(right), reward.winners);
}

/** What anyone needs to check a revealed box: all public once it is revealed. */
export interface BlindboxProof {
  box: BlindboxAnswer;
  salt: string;
  commitment: string;
  reward: BlindboxReward;
  guesses: readonly BlindboxGuess[];
  winners: readonly string[];
  /** The draw seed and its commitment (published at launch), for a `draw` reward. */
  seed?: string;
  seedCommitment?: string;
}

export type BlindboxCheck =
  | { ok: true }
  /** `commitment`: the answer and salt do not hash to the commitment; `seed`: the seed does not hash to its commitment; `winners`: they are not what the rule gives. */
  | { ok: false; reason: 'commitment' | 'seed' | 'winners' };

/** Recomputes a revealed box from its proof and says whether it holds. */
export async function verifyBlindbox(proof: BlindboxProof): Promise<BlindboxCheck> {
  const commitment = await blindboxCommitment(proof.box, proof.salt).catch(() => '');
  if (commitment !== proof.commitment.toLowerCase()) return { ok: false, reason: 'commitment' };
  if (proof.reward.type === 'draw') {
    const seedCommitment = proof.seed ? await lotteryCommitment(proof.seed).catch(() => '') : '';
    if (!seedCommitment || seedCommitment !== proof.seedCommitment?.toLowerCase()) return { ok: false, reason: 'seed' };
  }
  const expected = await blindboxWinners(proof.box, proof.reward, proof.guesses, proof.seed);
  const same = expected.length === proof.winners.length && expected.every((id, i) => id === proof.winners[i]);
  return same ? { ok: true } : { ok: false, reason: 'winners' };
}
