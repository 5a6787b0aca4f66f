import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { cheer, type RoomConnection } from '@oncue/core';
import type { GoalSpecInput, GoalView } from '@oncue/protocol';
import { emulateMedia } from '@web/test-runner-commands';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import {
  ariaSnapshot,
  createLottery,
  createPoll,
  freshRoom,
  rest,
  shadow,
  testServer,
  text,
  until,
  viewerConnection,
  type TestServer,
} from '../../test/oncue-test-server.js';
import type { OnCueStage } from '../stage/stage.js';
import '../stage/stage.js';
import type { OnCueGoal } from './goal.js';
import './goal.js';

const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<oncue-goal>', () => {
  let server: TestServer;
  const opened: RoomConnection[] = [];

  before(async () => {
    server = await testServer();
  });
  afterEach(async () => {
    for (const conn of opened.splice(0)) conn.release();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  async function roomWithGoal(goal: GoalSpecInput) {
    const room = freshRoom('goal');
    const view = await rest<GoalView>(server, `${room}/goals`, goal);
    return { room, goal: view };
  }

  async function renderGoal(room: string, lang = 'en') {
    const el = await fixture<OnCueGoal>(html`<oncue-goal lang=${lang} server=${server.url} room=${room}></oncue-goal>`);
    await until(() => part(el, 'bar'), 'the goal is shown');
    return el;
  }

  /** Another viewer's hearts (its own connection). */
  function cheersFromAnotherViewer(room: string, taps: number): void {
    const other = viewerConnection(server, room);
    opened.push(other);
    cheer(other).tap(taps);
  }

  it('is accessible in English and Chinese: a progress bar with its values, named by the title', async () => {
    for (const [lang, count] of [
      ['en', '0 of 50 hearts'],
      ['zh-CN', '0 / 50 个赞'],
    ] as const) {
      const { room } = await roomWithGoal({ metric: 'cheers', target: 50, action: { type: 'message', text: 'Thank you!' } });
      const el = await renderGoal(room, lang);
      await expect(el).to.be.accessible();
      const bar = part(el, 'bar')!;
      expect([bar.getAttribute('role'), bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax'), bar.getAttribute('aria-valuenow')]).to.deep.equal(
        ['progressbar', '0', '50', '0'],
      );
      expect(bar.getAttribute('aria-valuetext')).to.equal(count);
      expect(text(part(el, 'title'))).to.equal(lang === 'en' ? 'Goal: 50 hearts' : '目标：50 个赞');
      expect(await ariaSnapshot('oncue-goal')).to.include('progressbar');
      el.remove();
    }
  });

  it('fills as hearts come in, then shows the reached moment with the coupon code, once', async () => {
    const { room, goal } = await roomWithGoal({ title: 'Hearts for a coupon', metric: 'cheers', target: 6, action: { type: 'coupon', code: 'HEART6' } });
    const el = await renderGoal(room);
    expect(text(part(el, 'unlocks'))).to.equal('Reach it to unlock a coupon code');
    cheersFromAnotherViewer(room, 3);
    await until(() => part(el, 'bar')!.getAttribute('aria-valuenow') === '3', 'the bar is half full');
    expect(part(el, 'fill')!.style.getPropertyValue('--share')).to.equal('0.5');
    expect(text(part(el, 'numbers'))).to.equal('3 of 6 hearts');
    const reached = oneEvent(el, 'oncue-goal-reached');
    cheersFromAnotherViewer(room, 3);
    expect((await reached).detail).to.deep.equal({ goal: goal.id, action: 'coupon', reveal: 'HEART6' });
    await el.updateComplete;
    expect(text(part(el, 'moment'))).to.include('Goal reached!');
    expect(text(part(el, 'code'))).to.equal('HEART6');
    expect(part(el, 'base')!.getAttribute('part')).to.include('reached');
    expect(text(shadow(el).querySelector('[role="status"].sr-only'))).to.equal('Goal reached! HEART6');
    await expect(el).to.be.accessible();
  });

  it('does not replay the moment for a goal reached before the page loaded', async () => {
    const { room } = await roomWithGoal({ metric: 'cheers', target: 2, action: { type: 'message', text: 'Thanks, everyone!' } });
    cheersFromAnotherViewer(room, 2);
    const other = opened[0]!;
    await until(() => other.$room.get().milestones?.goals[0]?.status === 'reached', 'the goal is reached');
    let fired = 0;
    const el = await fixture<OnCueGoal>(html`<oncue-goal server=${server.url} room=${room} @oncue-goal-reached=${() => fired++}></oncue-goal>`);
    await until(() => part(el, 'moment'), 'the outcome is shown');
    expect(text(part(el, 'moment'))).to.equal('Goal reached! Thanks, everyone!');
    expect(fired).to.equal(0);
  });

  it('counts down to the deadline and says when the time is up', async () => {
    const { room } = await roomWithGoal({ metric: 'participants', target: 100, deadline: Date.now() + 2500, action: { type: 'message', text: 'never' } });
    const el = await renderGoal(room);
    expect(text(part(el, 'countdown'))).to.match(/^Ends in 0:0[1-3]$/);
    await until(() => text(part(el, 'moment')) === 'Time’s up: the goal was not reached.', 'the goal expires', 6000);
    expect(part(el, 'countdown')).to.equal(null);
  });

  it('fits a 320 px phone, the copy button 44 px tall', async () => {
    const { room } = await roomWithGoal({
      title: 'A rather long goal title that has to wrap on a small phone screen',
      metric: 'cheers',
      target: 1,
      action: { type: 'coupon', code: 'SMALLPHONE' },
    });
    cheersFromAnotherViewer(room, 1);
    // The reached moment pops in (scaled while it does): measured without the motion.
    await emulateMedia({ reducedMotion: 'reduce' });
    await expectFitsPhone(async () => {
      const el = await renderGoal(room);
      await until(() => part(el, 'copy'), 'the code is revealed');
      return { el, buttons: () => [part(el, 'copy')!] };
    });
  });

  it('on a stage: the goal bar above the interaction, and the giveaway it launches when reached', async () => {
    const room = freshRoom('goal-stage');
    await createPoll(server, room, { question: 'Which colour?', options: ['Red', 'Blue'] });
    const giveaway = await createLottery(server, room, { draft: true });
    await rest<GoalView>(server, `${room}/goals`, { metric: 'cheers', target: 5, action: { type: 'launch', interaction: giveaway.id } });
    const stage = await fixture<OnCueStage>(html`<oncue-stage server=${server.url} room=${room}></oncue-stage>`);
    const bar = await until(() => part(stage, 'goal')?.querySelector('oncue-goal'), 'the goal bar is on stage');
    await until(() => part(bar, 'bar'), 'the goal bar shows the goal');
    expect(text(part(bar, 'unlocks'))).to.equal('Reach it to unlock a giveaway');
    cheersFromAnotherViewer(room, 5);
    await until(() => text(part(bar, 'moment')) === 'Goal reached! The giveaway is on', 'the goal is reached on stage');
    await until(() => shadow(stage).querySelector('oncue-lottery'), 'the giveaway it launched is on stage');
  });
});
