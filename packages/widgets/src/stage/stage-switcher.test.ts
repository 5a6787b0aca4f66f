import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  closePoll,
  createLottery,
  createPoll,
  createQuiz,
  freshRoom,
  nextStep,
  shadow,
  testServer,
  text,
  until,
  type TestServer,
} from '../../test/oncue-test-server.js';
import type { OnCueStage } from './stage.js';
import './stage.js';
import '../poll/poll.js';
import '../quiz/quiz.js';
import '../lottery/lottery.js';

const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const tabs = (el: OnCueStage) => [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const selectedTab = (el: OnCueStage) => shadow(el).querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]');
/** The tag of the one widget shown (its panel not hidden), and how many panels are visible. */
const shownTag = (el: OnCueStage) => {
  const visible = [...shadow(el).querySelectorAll('[part~="item"]')].filter((item) => !(item as HTMLElement).hidden);
  return visible.length === 1 ? visible[0]!.firstElementChild?.localName : `${visible.length} shown`;
};

describe('<oncue-stage> with several interactions', () => {
  let server: TestServer;

  before(async () => {
    server = await testServer();
  });

  async function renderStage(room: string, lang = 'en') {
    return fixture<OnCueStage>(html`<oncue-stage lang=${lang} server=${server.url} room=${room}></oncue-stage>`);
  }

  it('shows the running quiz question first with its countdown, marks a later launch new, and switches by click and arrow keys', async () => {
    const room = freshRoom('switch');
    const el = await renderStage(room);
    await until(() => part(el, 'empty'), 'the room is synced');
    await createPoll(server, room, { question: 'Best colour?', options: ['Red', 'Blue'] });
    await until(() => shownTag(el) === 'oncue-poll', 'the poll shows');
    await createQuiz(server, room, [{ prompt: 'Capital of France?', options: ['Paris', 'Lyon'], correct: 0, seconds: 60 }]);
    await until(() => tabs(el).length === 2 && shownTag(el) === 'oncue-quiz', 'the timed quiz takes the stage');
    await createLottery(server, room);
    await until(() => tabs(el).length === 3, 'three tabs');

    expect(shownTag(el), 'the giveaway does not take the stage from the running question').to.equal('oncue-quiz');
    expect(tabs(el).map((tab) => text(tab).replace(/\d:\d\d/, '0:00'))).to.deep.equal(['Quiz 0:00', 'Giveaway New', 'Poll']);
    const first = text(shadow(el).querySelector('[aria-selected="true"] [part~="tab-time"]'));
    expect(first).to.match(/^[01]:\d\d$/);
    await until(() => text(shadow(el).querySelector('[part~="tab-time"]')) !== first, 'the countdown ticks', 3000);
    expect(part(el, 'tabs')!.getAttribute('role')).to.equal('tablist');
    const quizTab = selectedTab(el)!;
    expect(quizTab.tabIndex).to.equal(0);
    const panel = shadow(el).getElementById(quizTab.getAttribute('aria-controls')!)!;
    expect(panel.getAttribute('role')).to.equal('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).to.equal(quizTab.id);
    expect(tabs(el).filter((tab) => tab.tabIndex === 0)).to.have.length(1);

    // Click the giveaway: shown, no longer new.
    tabs(el)[1]!.click();
    await el.updateComplete;
    expect(shownTag(el)).to.equal('oncue-lottery');
    expect(text(tabs(el)[1])).to.equal('Giveaway');

    // Arrow keys move the selection and the focus, wrapping round; Home goes to the first.
    tabs(el)[1]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => shownTag(el) === 'oncue-poll', 'ArrowRight shows the poll');
    expect(shadow(el).activeElement).to.equal(tabs(el)[2]);
    await sendKeys({ press: 'ArrowRight' });
    await until(() => shownTag(el) === 'oncue-quiz', 'ArrowRight wraps to the quiz');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => shownTag(el) === 'oncue-poll', 'ArrowLeft wraps to the poll');
    await sendKeys({ press: 'Home' });
    await until(() => shownTag(el) === 'oncue-quiz', 'Home shows the first');
    expect(shadow(el).activeElement).to.equal(tabs(el)[0]);
    await expect(el).to.be.accessible();
  });

  it('is accessible in Chinese, with the kinds named in Chinese', async () => {
    const room = freshRoom('switch');
    await createPoll(server, room, { question: '哪个颜色？', options: ['红', '蓝'] });
    await createQuiz(server, room, [{ prompt: '法国首都？', options: ['巴黎', '里昂'], correct: 0 }]);
    const el = await renderStage(room, 'zh-CN');
    await until(() => tabs(el).length === 2 && shownTag(el) === 'oncue-quiz', 'two tabs');
    await until(() => shadow(shadow(el).querySelector('oncue-quiz')!).querySelector('button'), 'the quiz renders');
    expect(tabs(el).map((tab) => text(tab).replace(/\d:\d\d/, '0:00'))).to.deep.equal(['答题 0:00', '投票 新']);
    expect(part(el, 'tabs')!.getAttribute('aria-label')).to.equal('直播互动');
    await expect(el).to.be.accessible();
  });

  it('keeps results, the quiz leaderboard included, until the viewer dismisses them or a later launch replaces them', async function () {
    this.timeout(20000);
    const room = freshRoom('switch');
    const el = await renderStage(room);
    const quiz = await createQuiz(server, room, [{ prompt: 'Two plus two?', options: ['4', '5'], correct: 0 }]);
    await until(() => shownTag(el) === 'oncue-quiz', 'the quiz shows');
    await nextStep(server, room, quiz.id);
    const widget = shadow(el).querySelector('oncue-quiz')!;
    await until(() => part(widget, 'leaderboard') || text(part(widget, 'status')).includes('closed'), 'the quiz is over');
    const closedAt = Date.now();
    expect(text(part(el, 'dismiss'))).to.equal('Dismiss');
    // Longer than the old 8 s linger: nothing takes the results away by itself.
    await new Promise((resolve) => setTimeout(resolve, 9000 - (Date.now() - closedAt)));
    expect(shownTag(el)).to.equal('oncue-quiz');

    const poll = await createPoll(server, room, { question: 'Next?', options: ['A', 'B'] });
    await until(() => shownTag(el) === 'oncue-poll' && !shadow(el).querySelector('oncue-quiz'), 'the next launch replaces the quiz');
    expect(tabs(el), 'no switcher for one').to.have.length(0);
    expect(part(el, 'dismiss'), 'nothing to dismiss while open').to.equal(null);

    await closePoll(server, room, poll.id);
    const dismiss = await until(() => part(el, 'dismiss'), 'the closed poll can be dismissed');
    await expect(el).to.be.accessible();
    dismiss.click();
    await until(() => text(part(el, 'empty')) === 'Waiting for the host…', 'dismissed');
  });
});
