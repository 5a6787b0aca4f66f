import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const points = (score: number) => `${score.toLocaleString('en')} points`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Taps an option of the open quiz question on a viewer page, once the question shows. */
async function answer(page: Page, prompt: string, label: string): Promise<void> {
  const quiz = page.locator('oncue-quiz');
  await quiz.getByText(prompt, { exact: true }).waitFor();
  await quiz.getByRole('button', { name: label, exact: true }).click();
  await quiz.getByText('Answer locked in', { exact: false }).waitFor();
}

describe('a quiz run from the host console page', () => {
  it('runs two questions for three viewers answering at different speeds and ranks them in the right order', async () => {
    const room = `e2e-quiz-${Date.now().toString(36)}`;
    const host = await demo.hostPage(room);
    const [fast, steady, slow] = await Promise.all(['Fast Fei', 'Steady Sam', 'Slow Su'].map((name) => demo.viewerPage(room, { name })));

    // The host builds the quiz in the console: two questions, answers held until the host moves on.
    await host.getByRole('radio', { name: 'Quiz' }).check();
    await host.getByLabel('Question 1: prompt').fill('Which shade sold out first?');
    await host.getByLabel('Question 1, option 1', { exact: true }).fill('Ruby');
    await host.getByLabel('Question 1, option 2', { exact: true }).fill('Coral');
    await host.getByRole('radio', { name: 'Correct (option 2 of question 1)' }).check();
    await host.getByRole('button', { name: 'Add question' }).click();
    await host.getByLabel('Question 2: prompt').fill('How many colours in the set?');
    await host.getByLabel('Question 2, option 1', { exact: true }).fill('Six');
    await host.getByLabel('Question 2, option 2', { exact: true }).fill('Twelve');
    await host.getByRole('radio', { name: 'Correct (option 1 of question 2)' }).check();
    await host.getByLabel('Show each answer for (seconds; 0 waits for you to move on)').fill('0');
    await host.getByRole('button', { name: 'Launch quiz' }).click();

    // Question 1: Fei answers right at once, Sam right a second and a half later, Su wrong.
    await answer(fast, 'Which shade sold out first?', 'Coral');
    await pause(1_500);
    await answer(steady, 'Which shade sold out first?', 'Coral');
    await answer(slow, 'Which shade sold out first?', 'Ruby');
    await host.getByRole('button', { name: 'Reveal answer (question 1)' }).click();

    // Every viewer sees the correct option and their own result; the answer was nowhere before.
    for (const [page, line] of [
      [fast, 'Correct!'],
      [steady, 'Correct!'],
      [slow, 'Wrong answer'],
    ] as const) {
      await page.locator('oncue-quiz [part~="result"]').getByText(line, { exact: false }).waitFor();
    }

    await host.getByRole('button', { name: 'Next question (question 2)' }).click();
    // Question 2: all three right, Su fastest this time; Sam before Fei.
    await answer(slow, 'How many colours in the set?', 'Six');
    await answer(steady, 'How many colours in the set?', 'Six');
    await pause(500);
    await answer(fast, 'How many colours in the set?', 'Six');
    await host.getByRole('button', { name: 'Show leaderboard' }).click();

    // The authority: the REST leaderboard, by score.
    await expect.poll(async () => (await demo.api(`/api/rooms/${room}/interactions`)).body.interactions).toMatchObject([{ kind: 'quiz', status: 'closed' }]);
    const [quiz] = (await demo.api(`/api/rooms/${room}/interactions`)).body.interactions;
    const board = quiz.leaderboard as { name: string; score: number; rank: number }[];
    expect(board.map((row) => [row.name, row.rank])).toEqual([
      ['Fast Fei', 1],
      ['Steady Sam', 2],
      ['Slow Su', 3],
    ]);
    expect(board[0]!.score).toBeGreaterThan(board[1]!.score);
    expect(board[1]!.score).toBeGreaterThan(board[2]!.score);
    expect(quiz.questions.map((q: { correct: number }) => q.correct)).toEqual([1, 0]);

    // Each viewer sees the leaderboard with the names and their own rank; the host console shows it too.
    for (const [page, rank] of [
      [fast, 1],
      [steady, 2],
      [slow, 3],
    ] as const) {
      await page.locator('oncue-quiz [part~="rank"]').getByText(`You finished #${rank}`, { exact: false }).waitFor();
      const rows = await page.locator('oncue-quiz [part~="leaderboard-row"]').allInnerTexts();
      expect(rows.map(oneLine)).toEqual(board.map((row) => `${row.rank} ${row.rank === rank ? 'You' : row.name} ${points(row.score)}`));
    }
    await expect.poll(() => host.locator('oncue-host-console .board-row').allInnerTexts()).toHaveLength(3);
    const hostRows = await host.locator('oncue-host-console .board-row').allInnerTexts();
    expect(hostRows.map(oneLine)).toEqual(board.map((row) => `${row.rank} ${row.name} ${points(row.score)}`));

    for (const page of [fast, steady, slow]) expect(page.errors).toEqual([]);
    await Promise.all([host, fast, steady, slow].map((page) => page.context().close()));
  });
});
