import type { RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { atom } from 'nanostores';
import {
  answerAsAnotherViewer,
  ariaSnapshot,
  createQuiz,
  freshRoom,
  nextStep,
  shadow,
  signedViewerToken,
  testServer,
  text,
  until,
  viewerConnection,
  type QuizQuestionInput,
  type TestServer,
} from '../../test/oncue-test-server.js';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import { expectBarsProportional } from '../../test/result-bars.js';
import type { OnCueQuiz } from './quiz.js';
import './quiz.js';
import '../stage/stage.js';

const options = (el: OnCueQuiz) => [...shadow(el).querySelectorAll<HTMLButtonElement>('button[part~="option"]')];
const part = (el: OnCueQuiz, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: OnCueQuiz, name: string) => [...shadow(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const TWO: QuizQuestionInput[] = [
  { prompt: 'Two plus two?', options: ['Three', 'Four', 'Five'], correct: 1 },
  { prompt: 'Largest planet?', options: ['Jupiter', 'Mars'], correct: 0 },
];

describe('<oncue-quiz>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderQuiz(questions: QuizQuestionInput[] = TWO, lang = 'en', extra: Record<string, unknown> = {}) {
    const room = freshRoom('quiz');
    const view = await createQuiz(server, room, questions, extra);
    const el = await fixture<OnCueQuiz>(html`<oncue-quiz lang=${lang} server=${server.url} room=${room} interaction=${view.id}></oncue-quiz>`);
    await until(() => options(el).length, 'the options are rendered');
    return { el, room, view };
  }

  it('is accessible: a region named by the prompt, one button per option named by its label', async () => {
    const { el } = await renderQuiz();
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-quiz');
    expect(aria).to.include('region "Two plus two?"');
    expect(aria).to.include('button "Three"');
    expect(aria).to.include('button "Four"');
    expect(aria).to.include('button "Five"');
    expect(text(part(el, 'status'))).to.include('Question 1 of 2');
    for (const button of options(el)) {
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(button.getBoundingClientRect().height).to.be.at.least(44);
    }
  });

  it('counts down to the question’s closesAt with the server clock', async () => {
    const { el } = await renderQuiz([{ prompt: 'Quick?', options: ['Yes', 'No'], correct: 0, seconds: 90 }]);
    const countdown = part(el, 'countdown')!;
    expect(text(countdown)).to.match(/^Time left: 1:(30|29|28)$/);
    const first = text(countdown);
    await until(() => text(countdown) !== first, 'the countdown ticks', 3000);
  });

  it('answers with one tap and locks the question', async () => {
    const { el, view } = await renderQuiz();
    const answered = oneEvent(el, 'oncue-answer');
    options(el)[2]!.click();
    await el.updateComplete;
    expect(text(shadow(el))).to.satisfy((t: string) => t.includes('Sending…') || t.includes('Answer locked in'));
    expect((await answered).detail).to.deep.equal({ interaction: view.id, question: 0, choice: 2 });
    await until(() => part(el, 'hint'), 'the locked hint');
    expect(text(part(el, 'hint'))).to.equal('Answer locked in. Results come when time is up.');
    const [three, four, five] = options(el);
    expect(five!.getAttribute('aria-pressed')).to.equal('true');
    expect(five!.getAttribute('part')).to.equal('option option-chosen');
    for (const button of [three, four, five]) expect(button!.getAttribute('aria-disabled')).to.equal('true');
    // Further taps do nothing.
    four!.click();
    await el.updateComplete;
    expect(part(el, 'pending')).to.equal(null);
    expect(four!.getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('reveals the correct option, the share per option and the viewer’s own result after next', async () => {
    const { el, room, view } = await renderQuiz(TWO, 'en', { speedScoring: false });
    await answerAsAnotherViewer(server, room, view.id, 0, 0);
    options(el)[1]!.click();
    await oneEvent(el, 'oncue-answer');
    await nextStep(server, room, view.id);
    // The server opens question 2 as it closes question 1: question 1 is revealed under it.
    await until(() => text(part(el, 'question')) === 'Largest planet?', 'the next question shows');
    expect(text(part(el, 'status'))).to.include('Question 2 of 2');
    expect(options(el).every((b) => b.getAttribute('aria-disabled') === 'false')).to.equal(true);
    const reveal = part(el, 'reveal')!;
    expect(text(reveal.querySelector('.reveal-title'))).to.equal('Question 1: Two plus two?');
    expect(text(part(el, 'reveal-correct'))).to.equal('✓ Four Correct answer Your answer 1 answer · 50%');
    expect(parts(el, 'reveal-option').map(text)).to.deep.equal([
      'Three 1 answer · 50%',
      '✓ Four Correct answer Your answer 1 answer · 50%',
      'Five 0 answers · 0%',
    ]);
    expectBarsProportional(shadow(el), parts(el, 'reveal-option'), [0.5, 0.5, 0]);
    await until(() => part(el, 'result'), 'the own result');
    expect(text(part(el, 'result'))).to.equal('Correct! +1,000 points Your score: 1,000 points');
    expect(part(el, 'result')!.closest('[aria-live="polite"]')).not.to.equal(null);
    await expect(el).to.be.accessible();

    // The last question: revealed on its own buttons once the quiz is over.
    options(el)[1]!.click();
    await oneEvent(el, 'oncue-answer');
    expect((await nextStep(server, room, view.id)).status).to.equal('closed');
    await until(() => part(el, 'option-correct'), 'the correct option is marked');
    const correct = part(el, 'option-correct') as HTMLButtonElement;
    expect(text(correct.querySelector('[part="option-label"]'))).to.equal('Jupiter');
    expect(parts(el, 'option-result').map(text)).to.deep.equal(['0 answers · 0%', '1 answer · 100%']);
    expect(text(part(el, 'option-tag-correct'))).to.equal('Correct answer');
    expect(part(el, 'option-tag-correct')!.closest('button')).to.equal(correct);
    expect(text(part(el, 'option-tag-mine')!.closest('button')!.querySelector('[part="option-label"]'))).to.equal('Mars');
    expect(correct.getAttribute('aria-describedby')).to.equal('result-0');
    expect(await ariaSnapshot('oncue-quiz')).to.include('button "Jupiter Correct answer"');
    expect(part(el, 'reveal')).to.equal(null);
    await until(() => text(part(el, 'result')).includes('Wrong answer'), 'the own result of the last question');
    expect(text(part(el, 'result'))).to.equal('Wrong answer, 0 points Your score: 1,000 points');
  });

  it('reveals the shares on one track: the correct 67% bar twice the 33% one, whatever the labels; the viewer’s pick marked', async () => {
    const long = 'The one with the really long label that takes up most of the line';
    const { el, room, view } = await renderQuiz([{ prompt: 'Which is right?', options: ['No', long, 'Maybe'], correct: 1 }], 'en', { speedScoring: false });
    await answerAsAnotherViewer(server, room, view.id, 0, 1);
    await answerAsAnotherViewer(server, room, view.id, 0, 1);
    options(el)[0]!.click();
    await oneEvent(el, 'oncue-answer');
    await nextStep(server, room, view.id);
    await until(() => part(el, 'option-correct'), 'the answer is revealed');
    await until(() => parts(el, 'option-result').map(text).join('|') === '1 answer · 33%|2 answers · 67%|0 answers · 0%', 'the shares');
    expectBarsProportional(shadow(el), parts(el, 'option-row'), [1 / 3, 2 / 3, 0]);
    const [no, right] = options(el);
    expect(right!.getAttribute('part')).to.equal('option option-correct');
    expect(text(right!.querySelector('[part~="option-tag"]'))).to.equal('Correct answer');
    expect(no!.getAttribute('part')).to.equal('option option-chosen');
    expect(no!.classList.contains('wrong')).to.equal(true);
    expect(text(no!.querySelector('[part~="option-tag-mine"]'))).to.equal('Your answer');
    expect(getComputedStyle(right!).borderTopColor, 'the correct one in the success colour').to.equal('rgb(10, 125, 59)');
    await expect(el).to.be.accessible();
  });

  it('is accessible at the reveal in Chinese', async () => {
    const { el, room, view } = await renderQuiz([{ prompt: '一加一？', options: ['二', '三'], correct: 0 }], 'zh-CN');
    await answerAsAnotherViewer(server, room, view.id, 0, 0);
    options(el)[1]!.click();
    await oneEvent(el, 'oncue-answer');
    await nextStep(server, room, view.id);
    await until(() => part(el, 'option-correct'), 'the answer is revealed');
    expect(parts(el, 'option-tag').map(text)).to.deep.equal(['正确答案', '你的答案']);
    await until(() => part(el, 'result'), 'the own result');
    await expect(el).to.be.accessible();
  });

  it('reveals a question whose time ran out, says when the viewer did not answer, and counts down to the next', async () => {
    const room = freshRoom('quiz');
    const view = await createQuiz(server, room, [{ prompt: 'Capital of France?', options: ['Paris', 'Rome'], correct: 0, seconds: 5 }, TWO[1]!], {
      revealSeconds: 3,
    });
    const el = await fixture<OnCueQuiz>(html`<oncue-quiz lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-quiz>`);
    await until(() => options(el).length, 'the options are rendered');
    // The server closes the question at its deadline and reveals it for 3 s.
    await until(() => part(el, 'option-correct'), 'the question closes at its deadline', 9000);
    expect(text(part(el, 'question'))).to.equal('Capital of France?');
    expect(text(part(el, 'option-correct')!.querySelector('[part="option-label"]'))).to.equal('Paris');
    expect(text(part(el, 'next'))).to.match(/^Next question in 0:0[1-3]$/);
    await until(() => part(el, 'result'), 'the own result', 4000);
    expect(text(part(el, 'result'))).to.include('You did not answer this question.');
    // Then the next question opens by itself.
    await until(() => text(part(el, 'question')) === 'Largest planet?', 'the next question opens after the pause', 6000);
    expect(part(el, 'next')).to.equal(null);
    expect(text(part(el, 'reveal-correct'))).to.equal('✓ Paris Correct answer 0 answers · 0%');
  });

  it('shows the reveal while the host pauses, then the next question at the host’s next', async () => {
    const { el, room, view } = await renderQuiz(TWO, 'en', { revealSeconds: 0 });
    options(el)[1]!.click();
    await oneEvent(el, 'oncue-answer');
    await nextStep(server, room, view.id, { from: 0, reveal: true });
    await until(() => part(el, 'option-correct'), 'the answer is revealed');
    expect(text(part(el, 'question'))).to.equal('Two plus two?');
    expect(text(part(el, 'next'))).to.equal('Waiting for the next question…');
    expect(options(el).every((b) => b.getAttribute('aria-disabled') === 'true')).to.equal(true);
    await until(() => part(el, 'result'), 'the own result');
    expect(text(part(el, 'result'))).to.include('Correct!');
    await expect(el).to.be.accessible();
    await nextStep(server, room, view.id, { from: 0 });
    await until(() => text(part(el, 'question')) === 'Largest planet?', 'the next question');
    expect(options(el).every((b) => b.getAttribute('aria-disabled') === 'false')).to.equal(true);
  });

  it('shows the leaderboard and the viewer’s own rank after the last question', async () => {
    const { el, room, view } = await renderQuiz([{ prompt: 'Sky colour?', options: ['Blue', 'Green'], correct: 0 }], 'en', {
      speedScoring: false,
    });
    await answerAsAnotherViewer(server, room, view.id, 0, 1, 'Lin 林');
    options(el)[0]!.click();
    await oneEvent(el, 'oncue-answer');
    await nextStep(server, room, view.id);
    await until(() => part(el, 'leaderboard'), 'the leaderboard');
    expect(text(part(el, 'status'))).to.include('Quiz over');
    // The rows carry no viewer ids: the own row is found through the personal state, which may follow the view.
    await until(() => text(part(el, 'rank')).startsWith('You finished'), 'the own rank');
    const rows = parts(el, 'leaderboard-row');
    expect(rows).to.have.length(2);
    expect(text(rows[0])).to.equal('1 You 1,000 points');
    expect(rows[0]!.getAttribute('part')).to.equal('leaderboard-row leaderboard-row-mine');
    expect(text(rows[1]), 'another player shows under the name they connected with').to.equal('2 Lin 林 0 points');
    expect(text(part(el, 'rank'))).to.equal('You finished #1 with 1,000 points.');
    expect(part(el, 'countdown')).to.equal(null);
    const aria = await ariaSnapshot('oncue-quiz');
    expect(aria).to.include('list "Leaderboard"');
    await expect(el).to.be.accessible();
  });

  it('plays as the viewer a signed viewer-token names, under the name signed into it', async () => {
    const room = freshRoom('quiz');
    const view = await createQuiz(server, room, [{ prompt: 'Sky colour?', options: ['Blue', 'Green'], correct: 0 }], { speedScoring: false });
    const token = await signedViewerToken('shop_user_9', '小红');
    const el = await fixture<OnCueQuiz>(
      html`<oncue-quiz lang="en" server=${server.url} room=${room} interaction=${view.id} viewer-token=${token} viewer-name="Impostor"></oncue-quiz>`,
    );
    await until(() => options(el).length, 'the options are rendered');
    await answerAsAnotherViewer(server, room, view.id, 0, 1, 'Lin');
    options(el)[0]!.click();
    await oneEvent(el, 'oncue-answer');
    await nextStep(server, room, view.id);
    await until(() => parts(el, 'leaderboard-row').length === 2 && text(part(el, 'rank')).startsWith('You finished'), 'the leaderboard');
    const board = await fetch(`${server.url}/api/rooms/${room}/interactions/${view.id}`, { headers: { authorization: `Bearer ${server.hostToken}` } }).then(
      (r) => r.json(),
    );
    expect(board.leaderboard.map((row: { viewer: string; name?: string }) => [row.viewer, row.name])).to.deep.equal([
      ['shop_user_9', '小红'],
      [board.leaderboard[1].viewer, 'Lin'],
    ]);
    expect(text(parts(el, 'leaderboard-row')[0])).to.equal('1 You 1,000 points');
    localStorage.removeItem(`oncue:viewer:${server.url}`); // the next tests play as anonymous viewers again
  });

  it('works with the keyboard: Tab to an option, Enter answers', async () => {
    const { el } = await renderQuiz();
    const answered = oneEvent(el, 'oncue-answer');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(options(el)[0]);
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(options(el)[1]);
    await sendKeys({ press: 'Enter' });
    expect((await answered).detail.choice).to.equal(1);
  });

  it('shows a localised typed error when the host moved on before the answer arrived', async () => {
    const room = freshRoom('quiz');
    const view = await createQuiz(server, room, TWO);
    const live = viewerConnection(server, room);
    try {
      await until(() => live.$room.get().interactions.length, 'the viewer has the room');
      // A viewer whose copy of the room is stale: the step has not reached it yet.
      const stale: RoomConnection = { ...live, $room: atom(live.$room.get()) };
      const el = await fixture<OnCueQuiz>(html`<oncue-quiz lang="en" interaction=${view.id} .connection=${stale}></oncue-quiz>`);
      await until(() => options(el).length, 'the options are rendered');
      await nextStep(server, room, view.id);
      const failed = oneEvent(el, 'oncue-error');
      options(el)[0]!.click();
      const { detail } = await failed;
      expect(detail).to.deep.equal({ code: 'too_late', message: 'Time is up for this question.' });
      await el.updateComplete;
      const alert = shadow(el).querySelector('[role="alert"]')!;
      expect(alert.getAttribute('part')).to.equal('error');
      expect(text(alert)).to.equal('Time is up for this question.');
      expect(options(el)[0]!.getAttribute('aria-pressed')).to.equal('false');
    } finally {
      live.release();
    }
  });

  it('speaks Chinese with lang="zh-CN"', async () => {
    const room = freshRoom('quiz');
    const view = await createQuiz(server, room, [
      { prompt: '一加一？', options: ['二', '三'], correct: 0 },
      { prompt: '二加二？', options: ['四', '五'], correct: 0 },
    ]);
    const live = viewerConnection(server, room);
    try {
      await until(() => live.$room.get().interactions.length, 'the viewer has the room');
      const stale: RoomConnection = { ...live, $room: atom(live.$room.get()) };
      const el = await fixture<OnCueQuiz>(html`<oncue-quiz lang="zh-CN" interaction=${view.id} .connection=${stale}></oncue-quiz>`);
      await until(() => options(el).length, 'the options are rendered');
      expect(text(part(el, 'status'))).to.include('第 1 题 / 共 2 题');
      expect(text(part(el, 'countdown'))).to.match(/^剩余时间：0:(30|29|28)$/);
      await nextStep(server, room, view.id);
      const failed = oneEvent(el, 'oncue-error');
      options(el)[0]!.click();
      expect((await failed).detail.message).to.equal('这道题的答题时间已到。');
    } finally {
      live.release();
    }
  });

  it('fits a 320px wide phone', async () => {
    await expectFitsPhone(async () => {
      const { el } = await renderQuiz([
        {
          prompt: 'A rather long question that has to wrap on a small phone screen, doesn’t it?',
          options: ['A very long option label that keeps going and going', 'Short'],
          correct: 1,
        },
      ]);
      return { el, buttons: () => options(el) };
    });
  });

  it('is shown by <oncue-stage> for quizzes', async () => {
    const room = freshRoom('quiz');
    const stage = await fixture(html`<oncue-stage lang="en" server=${server.url} room=${room}></oncue-stage>`);
    const view = await createQuiz(server, room, TWO);
    const quiz = await until(() => stage.shadowRoot!.querySelector<OnCueQuiz>('oncue-quiz'), 'the quiz on stage');
    expect(quiz.getAttribute('interaction')).to.equal(view.id);
    await until(() => options(quiz).length === 3, 'the quiz renders through the stage’s connection');
  });
});
