import { describe, expect, it } from 'vitest';
import { BLINDBOX_VECTORS as V } from '../../../test/blindbox.vectors.js';
import { lotteryEntryTicket } from '../lottery/lottery-ticket.js';
import { blindboxAnswerJson, blindboxCommitment, type BlindboxAnswer } from './blindbox-commitment.js';
import { normaliseGuessText } from './blindbox-guess-text.js';
import { blindboxWinners, isRightGuess, verifyBlindbox, type BlindboxProof } from './blindbox-winners.js';

const choice = V.boxes.choice.box as BlindboxAnswer;
const number = V.boxes.number.box as BlindboxAnswer;
const text = V.boxes.text.box as BlindboxAnswer;

describe('blind-box commitment', () => {
  it('writes the canonical answer JSON and hashes it with the salt as the independent implementation does', async () => {
    for (const { box, json, commitment } of Object.values(V.boxes)) {
      expect(blindboxAnswerJson(box as BlindboxAnswer)).toBe(json);
      expect(await blindboxCommitment(box as BlindboxAnswer, V.salt)).toBe(commitment);
    }
  });

  it('changes with the answer, the type and the salt, and refuses a salt that is not 64 hex characters', async () => {
    const base = await blindboxCommitment(choice, V.salt);
    expect(await blindboxCommitment({ type: 'choice', answer: 2 }, V.salt)).not.toBe(base);
    expect(await blindboxCommitment({ type: 'number', answer: 1 }, V.salt)).not.toBe(base);
    expect(await blindboxCommitment(choice, 'ff'.repeat(32))).not.toBe(base);
    await expect(blindboxCommitment(choice, 'xyz')).rejects.toThrow('64 lowercase hex');
  });

  it('uses the viewers’ tickets of the vectors as entry ids', async () => {
    const secrets = V.entries.map((_, k) => k.toString(16).padStart(2, '0').repeat(32));
    expect(await Promise.all(secrets.map((s) => lotteryEntryTicket('box-1', s)))).toEqual(V.entries);
  });
});

describe('blind-box text guesses', () => {
  it('normalise as the independent implementation does: NFKC, lower case, no punctuation or spaces', () => {
    for (const [input, expected] of V.normalised) expect(normaliseGuessText(input), input).toBe(expected);
  });

  it('match an accepted answer after normalisation, never when empty', () => {
    expect(isRightGuess(text, 'ＬＩＰＳＴＩＣＫ')).toBe(true);
    expect(isRightGuess(text, '“口红”！')).toBe(true);
    expect(isRightGuess(text, 'lipsticks')).toBe(false);
    expect(isRightGuess({ type: 'text', answer: ['!!'] }, '?')).toBe(false);
  });
});

describe('blind-box winners', () => {
  it('are every right guess in acceptance order, or the first ones', async () => {
    expect(await blindboxWinners(choice, { type: 'all' }, V.boxes.choice.guesses)).toEqual(V.boxes.choice.all);
    expect(await blindboxWinners(choice, { type: 'first', winners: 2 }, V.boxes.choice.guesses)).toEqual(V.boxes.choice.first2);
    expect(await blindboxWinners(number, { type: 'all' }, V.boxes.number.guesses)).toEqual(V.boxes.number.all);
    expect(await blindboxWinners(text, { type: 'all' }, V.boxes.text.guesses)).toEqual(V.boxes.text.all);
  });

  it('are drawn among the right guesses with the giveaway’s draw from the committed seed', async () => {
    expect(await blindboxWinners(choice, { type: 'draw', winners: 2 }, V.boxes.choice.guesses, V.seed)).toEqual(V.boxes.choice.draw2);
    await expect(blindboxWinners(choice, { type: 'draw', winners: 2 }, V.boxes.choice.guesses)).rejects.toThrow('seed');
  });

  it('of a number box are the closest guesses, ties to the earlier one', async () => {
    expect(await blindboxWinners(number, { type: 'closest', winners: 3 }, V.boxes.number.guesses)).toEqual(V.boxes.number.closest3);
    await expect(blindboxWinners(choice, { type: 'closest', winners: 1 }, V.boxes.choice.guesses)).rejects.toThrow('number');
  });
});

describe('verifyBlindbox', () => {
  const proof = (): BlindboxProof => ({
    box: choice,
    salt: V.salt,
    commitment: V.boxes.choice.commitment,
    reward: { type: 'draw', winners: 2 },
    guesses: V.boxes.choice.guesses,
    winners: [...V.boxes.choice.draw2],
    seed: V.seed,
    seedCommitment: V.seedCommitment,
  });

  it('holds for the published proof', async () => {
    expect(await verifyBlindbox(proof())).toEqual({ ok: true });
  });

  it('fails on a changed answer, a changed seed or changed winners', async () => {
    expect(await verifyBlindbox({ ...proof(), box: { type: 'choice', answer: 0 } })).toEqual({ ok: false, reason: 'commitment' });
    expect(await verifyBlindbox({ ...proof(), seed: 'ab'.repeat(32) })).toEqual({ ok: false, reason: 'seed' });
    expect(await verifyBlindbox({ ...proof(), winners: [...V.boxes.choice.first2] })).toEqual({ ok: false, reason: 'winners' });
  });
});
