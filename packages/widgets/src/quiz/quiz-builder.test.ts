import { memoryStorage } from '@oncue/core';
import type { QuizView } from '@oncue/protocol';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { answerAsAnotherViewer, ariaSnapshot, freshRoom, shadow, testServer, text, until, type TestServer } from '../../test/oncue-test-server.js';
import { buttonNamed as named, typeInto } from '../../test/form-input.js';
import type { OnCueHostConsole } from '../host-console/host-console.js';
import '../host-console/host-console.js';
// The console loads its kinds' elements when they are first shown; this file also renders them on their own.
import '../lottery/lottery-panel.js';
import './quiz-builder.js';
import type { OnCueQuizBuilder } from './quiz-builder.js';
import { QuizTemplates } from './quiz-templates.js';

const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => shadow(root).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: Element, selector: string) => [...shadow(root).querySelectorAll<T>(selector)];
const builderOf = (el: OnCueHostConsole) => $<OnCueQuizBuilder>(el, 'oncue-quiz-builder')!;
const items = (el: Element) => $$(el, '[part="item"]');
const alerts = (root: Element) => $$(root, '[role="alert"]').map(text);

/** Fills question `qi` of the builder: prompt, option labels, the correct option (none when `undefined`). */
async function fillQuestion(builder: OnCueQuizBuilder, qi: number, prompt: string, labels: string[], correct: number | undefined): Promise<void> {
  await typeInto($(builder, `#prompt-${qi}`), prompt);
  for (const [oi, label] of labels.entries()) {
    if (!$(builder, `#q${qi}-option-${oi}`)) {
      named(builder, 'Add option')!.click();
      await builder.updateComplete;
    }
    await typeInto($(builder, `#q${qi}-option-${oi}`), label);
  }
  if (correct !== undefined) $$<HTMLInputElement>(builder, `input[name="correct-${qi}"]`)[correct]!.click();
  await builder.updateComplete;
}

describe('<oncue-host-console> quizzes and <oncue-quiz-builder>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderConsole(room = freshRoom('hostquiz')) {
    const el = await fixture<OnCueHostConsole>(
      html`<oncue-host-console lang="en" server=${server.url} room=${room} token=${server.hostToken}></oncue-host-console>`,
    );
    await until(() => $(el, 'input[name="new-kind"]'), 'the console is connected');
    $$<HTMLInputElement>(el, 'input[name="new-kind"]')[1]!.click();
    await until(() => builderOf(el) && $(builderOf(el), '#prompt-0'), 'the quiz form shows');
    return { el, room, builder: builderOf(el) };
  }

  it('is accessible: every control of the quiz form is labelled', async () => {
    const { el } = await renderConsole();
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-host-console');
    for (const expected of [
      'radio "Quiz"',
      'textbox "Question 1: prompt"',
      'group "Options of question 1: mark the correct one"',
      'radio "Correct (option 1 of question 1)"',
      'textbox "Question 1, option 2"',
      'textbox "Question 1, image URL for option 1 (optional)"',
      'spinbutton "Seconds to answer question 1"',
      'button "Add question"',
      'checkbox "Faster correct answers score more',
      'checkbox "Signed-in viewers only',
      'spinbutton "Show each answer for (seconds; 0 waits for you to move on)"',
      'textbox "Name for this question set"',
      'button "Save question set"',
      'button "Launch quiz"',
    ]) {
      expect(aria).to.include(expected);
    }
  });

  it('launches a quiz for signed-in viewers only: an anonymous viewer is refused', async () => {
    const { el, room, builder } = await renderConsole();
    await fillQuestion(builder, 0, 'Which fabric is this?', ['Silk', 'Linen'], 0);
    $<HTMLInputElement>(builder, '#quiz-signed-only')!.click();
    const created = oneEvent(el, 'oncue-create');
    named(builder, 'Launch quiz')!.click();
    const view = (await created).detail.interaction as QuizView;
    await builder.updateComplete;
    expect($<HTMLInputElement>(builder, '#quiz-signed-only')!.checked, 'the form is reset').to.equal(false);
    let refusal = '';
    await answerAsAnotherViewer(server, room, view.id, 0, 0).catch((err: Error) => (refusal = err.message));
    expect(refusal).to.equal('answer refused: signed_viewer_required');
  });

  it('builds and runs a two-question quiz: reveal, next question, leaderboard', async () => {
    const { el, room, builder } = await renderConsole();
    await fillQuestion(builder, 0, 'Two plus two?', ['Three', 'Four', 'Five'], 1);
    named(builder, 'Add question')!.click();
    await until(() => $(builder, '#prompt-1'), 'a second question');
    await fillQuestion(builder, 1, 'Largest planet?', ['Jupiter', 'Mars'], 0);
    const seconds = $$<HTMLInputElement>(builder, 'input[aria-label="Seconds to answer question 2"]')[0]!;
    seconds.select();
    await typeInto(seconds, '20');
    const reveal = $<HTMLInputElement>(builder, '#reveal-seconds')!;
    reveal.select();
    await typeInto(reveal, '0');

    const created = oneEvent(el, 'oncue-create');
    named(builder, 'Launch quiz')!.click();
    const view = (await created).detail.interaction as QuizView;
    expect(view).to.include({ kind: 'quiz', status: 'open', current: 0, speedScoring: true, revealSeconds: 0 });
    expect(view.questions.map((q) => [q.prompt, q.seconds, q.options?.map((o) => o.label)])).to.deep.equal([
      ['Two plus two?', 15, ['Three', 'Four', 'Five']],
      ['Largest planet?', 20, ['Jupiter', 'Mars']],
    ]);
    expect(($(builder, '#prompt-0') as HTMLTextAreaElement).value, 'the form is reset').to.equal('');

    await until(() => items(el).length === 1, 'the quiz is listed');
    const item = () => items(el)[0]!;
    expect(text(item().querySelector('.item-question'))).to.equal('Quiz · 2 questions');
    expect(text(item().querySelector('.hint'))).to.match(/^Question 1 of 2 · Closes in 0:1\d$/);
    expect(text(item().querySelector('.item-prompt')), 'the current question').to.equal('Two plus two?');
    expect(text(item().querySelector('.item-next')), 'and what comes next').to.equal('Next: question 2, “Largest planet?”');
    expect(item().closest('[part="live"]'), 'under "Live now"').not.to.equal(null);

    await answerAsAnotherViewer(server, room, view.id, 0, 1);
    await until(() => text(item()).includes('1 answer · 100%'), 'the live answers');
    named(el, 'Reveal answer (question 1)')!.click();
    await until(() => item().querySelector('.tally-row.correct'), 'the answer is revealed');
    expect(text(item().querySelector('.tally-row.correct'))).to.equal('✓ Four (correct) 1 answer · 100%');
    expect(text(item().querySelector('.hint'))).to.equal('Question 1 of 2 · answer shown · waiting for you');
    expect(named(el, 'Reveal answer (question 1)')).to.equal(undefined);
    await expect(el).to.be.accessible();

    named(el, 'Next question (question 2)')!.click();
    await until(() => text(item().querySelector('.item-prompt')) === 'Largest planet?', 'question 2 is open');
    expect(text(item().querySelector('.hint'))).to.match(/^Question 2 of 2 · Closes in 0:(20|1\d)$/);
    expect(text(item().querySelector('.item-next'))).to.equal('Last question: the leaderboard comes next.');

    // The update opening question 2 can arrive before the answer to "Next question": a click while that step is still busy is ignored.
    (await until(() => (named(el, 'Show leaderboard')?.disabled === false ? named(el, 'Show leaderboard') : undefined), 'the step is answered'))!.click();
    await until(() => text(item().querySelector('[part="status"]')) === 'Closed', 'the quiz is over');
    const board = [...item().querySelectorAll('.board-row')].map(text);
    expect(board).to.have.length(1);
    expect(board[0]).to.match(/^1 Player [\w-]{4} \d{3,4} points$/); // viewer ids are base64url: `-` too
    // The finished quiz sums up every question, not only the last.
    expect([...item().querySelectorAll('.quiz-summary > li')].map(text)).to.deep.equal([
      'Two plus two? · Answer: Four · 1 of 1 answer correct',
      'Largest planet? · Answer: Jupiter · 0 of 0 answers correct',
    ]);
    expect(item().closest('[part="live"]'), 'no longer live').to.equal(null);
  });

  it('marks no option correct at first, and refuses a question without a correct answer beside it: nothing reaches the server', async () => {
    const { el, room, builder } = await renderConsole();
    expect(
      $$<HTMLInputElement>(builder, 'input[name="correct-0"]').map((r) => r.checked),
      'nothing preselected',
    ).to.deep.equal([false, false]);
    const labels = $$(builder, '[part~="correct-choice"]');
    expect(
      labels.map((l) => l.checkVisibility() && l.getBoundingClientRect().width > 0),
      'each "Correct" is a visible label',
    ).to.deep.equal([true, true]);
    expect(text(labels[0]!)).to.match(/^Correct/);
    await fillQuestion(builder, 0, 'Which fabric is this?', ['Silk', 'Linen'], undefined);
    named(builder, 'Add question')!.click();
    await until(() => $(builder, '#prompt-1'), 'a second question');
    await fillQuestion(builder, 1, 'Which size?', ['S', 'M'], 1);
    named(builder, 'Launch quiz')!.click();
    await until(() => alerts(builder).length, 'the refusal');
    expect(alerts(builder)).to.deep.equal(['Mark the correct answer to question 1.']);
    const message = $(builder, '[role="alert"]')!;
    expect(message.getAttribute('part')).to.equal('error field-error');
    expect(message.closest('[part="question"]')?.getAttribute('data-question'), 'beside question 1').to.equal('0');
    const radios = $$<HTMLInputElement>(builder, 'input[name="correct-0"]');
    expect(radios.map((r) => r.getAttribute('aria-invalid'))).to.deep.equal(['true', 'true']);
    expect(radios.map((r) => text($(builder, `#${r.getAttribute('aria-describedby')}`)))).to.deep.equal([
      'Mark the correct answer to question 1.',
      'Mark the correct answer to question 1.',
    ]);
    expect(
      $$<HTMLInputElement>(builder, 'input[name="correct-1"]').map((r) => r.getAttribute('aria-invalid')),
      'question 2 is fine',
    ).to.deep.equal(['false', 'false']);
    expect(shadow(builder).activeElement, 'the focus is on the choice').to.equal(radios[0]);
    await expect(el).to.be.accessible();
    const listed = () => fetch(`${server.url}/api/rooms/${room}/interactions`, { headers: { authorization: `Bearer ${server.hostToken}` } });
    const before = await listed();
    // The server knows no interaction of the room at all (an empty room is an unknown one).
    expect([before.status, (await before.json()).error?.code], 'no launch request reached the server').to.deep.equal([404, 'unknown_room']);

    radios[1]!.click();
    const created = oneEvent(el, 'oncue-create');
    named(builder, 'Launch quiz')!.click();
    const view = (await created).detail.interaction as QuizView;
    expect(view.questions.map((q) => q.prompt)).to.deep.equal(['Which fabric is this?', 'Which size?']);
    expect(
      $$<HTMLInputElement>(builder, 'input[name="correct-0"]').map((r) => r.checked),
      'the fresh form has none either',
    ).to.deep.equal([false, false]);
    const after = await (await listed()).json();
    expect(
      after.interactions.map((i: { id: string }) => i.id),
      'only the quiz launched after the fix',
    ).to.deep.equal([view.id]);
  });

  it('is refused by the server, with a clear bad_request, when a question has no correct answer', async () => {
    const { builder } = await renderConsole();
    const quiz = { kind: 'quiz', questions: [{ prompt: 'No answer?', options: [{ label: 'A' }, { label: 'B' }], seconds: 10 }] };
    const result = await builder.connection!.createInteraction(
      quiz as unknown as Parameters<NonNullable<OnCueQuizBuilder['connection']>['createInteraction']>[0],
    );
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal('bad_request');
    expect(result.error.message).to.include('correct');
  });

  it('explains what is wrong with the quiz form', async () => {
    const { builder } = await renderConsole();
    named(builder, 'Launch quiz')!.click();
    await until(() => alerts(builder).length, 'an error');
    expect(alerts(builder)).to.deep.equal(['Write question 1.']);
    const prompt = $(builder, '#prompt-0')!;
    expect(prompt.getAttribute('aria-invalid')).to.equal('true');
    expect(prompt.getAttribute('aria-describedby')).to.equal('prompt-0-error prompt-0-count');
    expect($(builder, '#prompt-0-error')!.checkVisibility(), 'the message is on screen').to.equal(true);
    expect(prompt.nextElementSibling, 'right under the prompt').to.equal($(builder, '#prompt-0-error'));
    expect(shadow(builder).activeElement).to.equal(prompt);
    await typeInto($(builder, '#prompt-0'), 'Which one?');
    expect(text($(builder, '#prompt-0-count'))).to.equal('10/280');
    await typeInto($(builder, '#q0-option-0'), 'A');
    named(builder, 'Launch quiz')!.click();
    await until(() => alerts(builder)[0]?.startsWith('Fill in'), 'the empty option is named');
    expect(alerts(builder)).to.deep.equal(['Fill in every option of question 1, or remove the empty ones (2 to 6 options).']);
    await typeInto($(builder, '#q0-option-1'), 'B');
    named(builder, 'Launch quiz')!.click();
    await until(() => alerts(builder)[0]?.startsWith('Mark'), 'the correct answer is asked for');
    expect(alerts(builder)).to.deep.equal(['Mark the correct answer to question 1.']);
    $(builder, '#q0-correct-1')!.click();
    await builder.updateComplete;
    expect(alerts(builder), 'marking one clears the message').to.deep.equal([]);
    const seconds = $$<HTMLInputElement>(builder, 'input[aria-label="Seconds to answer question 1"]')[0]!;
    seconds.select();
    await typeInto(seconds, '3');
    named(builder, 'Launch quiz')!.click();
    await until(() => alerts(builder)[0]?.startsWith('The time'), 'the time limit');
    expect(alerts(builder)).to.deep.equal(['The time for question 1 must be a whole number of seconds from 5 to 300.']);
  });

  it('saves a question set as a template, loads it into a fresh form and deletes it', async () => {
    const storage = memoryStorage();
    const first = await fixture<OnCueQuizBuilder>(html`<oncue-quiz-builder lang="en" .templates=${new QuizTemplates(storage)}></oncue-quiz-builder>`);
    expect(text($(first, '[part="templates"] .hint'))).to.equal('No saved question sets in this browser yet.');
    await fillQuestion(first, 0, 'Best seller?', ['Ruby', 'Coral', 'Nude'], 2);
    named(first, 'Save question set')!.click();
    await first.updateComplete;
    expect(alerts(first)).to.deep.equal(['Give the question set a name.']);
    await typeInto($(first, '#template-name'), 'Lipstick night');
    named(first, 'Save question set')!.click();
    await until(() => text($(first, '[part="templates"] [role="status"]')) === 'Saved “Lipstick night”.', 'saved');
    expect(new QuizTemplates(storage).list().map((t) => [t.name, t.quiz.questions[0]?.correct])).to.deep.equal([['Lipstick night', 2]]);

    const second = await fixture<OnCueQuizBuilder>(html`<oncue-quiz-builder lang="en" .templates=${new QuizTemplates(storage)}></oncue-quiz-builder>`);
    const select = $<HTMLSelectElement>(second, '#template-choice')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Choose a saved set…', 'Lipstick night']);
    select.value = 'Lipstick night';
    select.dispatchEvent(new Event('change'));
    await second.updateComplete;
    named(second, 'Load')!.click();
    await second.updateComplete;
    expect(($(second, '#prompt-0') as HTMLTextAreaElement).value).to.equal('Best seller?');
    expect($$<HTMLInputElement>(second, '[id^="q0-option-"]').map((i) => i.value)).to.deep.equal(['Ruby', 'Coral', 'Nude']);
    expect($$<HTMLInputElement>(second, 'input[name="correct-0"]').map((r) => r.checked)).to.deep.equal([false, false, true]);

    named(second, 'Delete')!.click();
    await second.updateComplete;
    expect(new QuizTemplates(storage).list()).to.deep.equal([]);
    expect(text($(second, '[part="templates"] [role="status"]'))).to.equal('Deleted “Lipstick night”.');
  });

  it('shows the giveaway form for "Giveaway", and the giveaways list once the room has one', async () => {
    const room = freshRoom('hostlottery');
    const el = await fixture<OnCueHostConsole>(
      html`<oncue-host-console lang="en" server=${server.url} room=${room} token=${server.hostToken}></oncue-host-console>`,
    );
    await until(() => $(el, 'input[name="new-kind"]'), 'the console is connected');
    expect($(el, 'oncue-lottery-panel'), 'no giveaway panel while the room has none').to.equal(null);
    $<HTMLInputElement>(el, 'input[name="new-kind"][value="lottery"]')!.click();
    await until(() => $(el, 'oncue-lottery-panel[show="form"]'), 'the giveaway form');
    const form = $(el, 'oncue-lottery-panel[show="form"]')!;
    await until(() => $(form, '#prize'), 'the form renders');
    expect($(form, '[aria-labelledby="lotteries-heading"]'), 'the form panel has no list').to.equal(null);
    expect($(el, 'oncue-poll-form'), 'no poll form').to.equal(null);
    expect($(el, 'oncue-quiz-builder'), 'no quiz form').to.equal(null);
    await typeInto($(form, '#prize'), 'Lipstick set');
    const created = oneEvent(el, 'oncue-create');
    named(form, 'Launch giveaway')!.click();
    expect((await created).detail.interaction).to.include({ kind: 'lottery', prize: 'Lipstick set' });

    $<HTMLInputElement>(el, 'input[name="new-kind"][value="poll"]')!.click();
    await until(() => $(el, 'oncue-poll-form')?.shadowRoot && $($(el, 'oncue-poll-form')!, '#question'), 'back to the poll form');
    const list = await until(() => $(el, 'oncue-lottery-panel[show="list"]'), 'the giveaways list stays');
    await until(() => $(list, '[part="item"]'), 'the giveaway is listed');
    expect($(list, '#prize'), 'the list panel has no form').to.equal(null);
    await expect(el).to.be.accessible();
  });
});
