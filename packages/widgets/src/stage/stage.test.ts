import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { TelemetryEvent } from '@oncue/protocol';
import { callbackSink, telemetry } from '@oncue/telemetry';
import {
  ariaSnapshot,
  closePoll,
  createPoll,
  freshRoom,
  openPoll,
  privateServer,
  shadow,
  testServer,
  text,
  until,
  type TestServer,
} from '../../test/oncue-test-server.js';
import type { OnCuePoll } from '../poll/poll.js';
import type { OnCueStage } from './stage.js';
import { registerInteractionWidget, widgetRetry } from './stage.js';
import './stage.js';
// These tests show polls as they look once loaded; loading each kind on demand is tested below and, with the built
// oncue.min.js and its chunks, in script-tag-chunks.test.ts.
import '../poll/poll.js';

const onStage = (el: OnCueStage) => [...shadow(el).querySelectorAll<OnCuePoll>('[part="item"] > oncue-poll')];
const tabs = (el: OnCueStage) => [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
/** WCAG contrast ratio of two sRGB colours (0–255 channels). */
function contrast(x: number[], y: number[]): number {
  const luminance = (c: number[]) =>
    c.slice(0, 3).reduce((sum, v, i) => sum + [0.2126, 0.7152, 0.0722][i]! * (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4), 0);
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('<oncue-stage>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderStage(room: string, attrs: { linger?: number; lang?: string } = {}) {
    const el = await fixture<OnCueStage>(
      html`<oncue-stage lang=${attrs.lang ?? 'en'} server=${server.url} room=${room} linger=${ifDefined(attrs.linger)}></oncue-stage>`,
    );
    return el;
  }

  it('is accessible, and waits for the host without fuss', async () => {
    const room = freshRoom('stage');
    const el = await renderStage(room);
    await until(() => text(part(el, 'empty')) === 'Waiting for the host…', 'the empty state');
    await expect(el).to.be.accessible();
    await createPoll(server, room, { question: 'Ready?', options: ['Yes', 'No'] });
    await until(() => onStage(el).length === 1, 'the poll is on stage');
    await until(() => shadow(onStage(el)[0]!).querySelector('button'), 'the poll renders');
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-stage');
    expect(aria).to.include('region "Ready?"');
    expect(aria).to.include('button "Yes"');
  });

  it('shows what the host launches, the newest first, one at a time through one shared connection', async () => {
    const room = freshRoom('stage');
    const el = await renderStage(room);
    await until(() => part(el, 'empty'), 'the room is synced');
    const first = await createPoll(server, room, { question: 'First?', options: ['A', 'B'] });
    await until(() => onStage(el).length === 1, 'the first poll shows');
    const firstWidget = onStage(el)[0]!;
    const draft = await createPoll(server, room, { question: 'Later?', options: ['A', 'B'], draft: true });
    const second = await createPoll(server, room, { question: 'Second?', options: ['A', 'B'] });
    await until(() => onStage(el)[0]?.interaction === second.id, 'the second poll takes the stage');
    expect(onStage(el), 'one shown at a time').to.have.length(1);
    expect(tabs(el).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['true', 'false']);
    expect(part(el, 'empty')).to.equal(null);
    const [poll] = onStage(el);
    expect(poll!.connection).to.equal(firstWidget.connection);
    expect(poll!.hasAttribute('hide-connection')).to.equal(true);
    tabs(el)[1]!.click();
    await until(() => onStage(el)[0] === firstWidget, 'the first poll again, the same element');
    expect(firstWidget.interaction).to.equal(first.id);

    await openPoll(server, room, draft.id);
    await until(() => tabs(el).length === 3, 'the launched draft has a tab');
    expect(onStage(el)[0], 'the viewer picked a tab: the launch does not take it').to.equal(firstWidget);
    tabs(el)[0]!.click();
    await until(() => onStage(el)[0]?.interaction === draft.id, 'the draft, newest first');

    // Votes bubble out of the stage.
    await until(() => shadow(onStage(el)[0]!).querySelector('button'), 'the poll renders');
    const voted = oneEvent(el, 'oncue-vote');
    shadow(onStage(el)[0]!).querySelector('button')!.click();
    expect((await voted).detail).to.deep.equal({ interaction: draft.id, choices: [0] });
  });

  it('keeps a closed poll with its results for `linger` seconds, then removes it', async function () {
    this.timeout(15000);
    const room = freshRoom('stage');
    const el = await renderStage(room, { linger: 1 });
    const view = await createPoll(server, room, { question: 'Closing soon?', options: ['Yes', 'No'] });
    await until(() => onStage(el).length === 1, 'the poll shows');
    const poll = onStage(el)[0]!;
    await closePoll(server, room, view.id);
    const closedAt = Date.now();
    await until(() => text(part(poll, 'status')).includes('Voting closed'), 'the closed poll shows its results');
    expect(onStage(el)).to.deep.equal([poll]);
    expect(part(poll, 'option-result')).not.to.equal(null);
    await until(() => onStage(el).length === 0, 'the poll leaves the stage', 5000);
    expect(Date.now() - closedAt).to.be.at.least(900);
    expect(text(part(el, 'empty'))).to.equal('Waiting for the host…');
  });

  it('does not bring back a poll that closed more than `linger` seconds ago', async () => {
    const room = freshRoom('stage');
    const old = await createPoll(server, room, { question: 'Old?', options: ['A', 'B'] });
    await closePoll(server, room, old.id);
    const el = await renderStage(room, { linger: 0.2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await until(() => part(el, 'empty'), 'the stage is empty');
    expect(onStage(el)).to.have.length(0);
  });

  it('shows the connection state once, for every widget on stage', async function () {
    this.timeout(30000);
    const own = await privateServer();
    const room = freshRoom('stage');
    await createPoll(own, room, { question: 'Online?', options: ['Yes', 'No'] });
    const el = await fixture<OnCueStage>(html`<oncue-stage lang="en" server=${own.url} room=${room}></oncue-stage>`);
    await until(() => onStage(el).length === 1, 'the poll shows');
    await own.stop();
    await until(() => text(part(el, 'connection')) === 'Connection lost. Reconnecting…', 'the stage tells');
    // On a surface of its own: it reads on a white page and on a black one.
    const style = getComputedStyle(part(el, 'connection')!);
    const [r, g, b, alpha = 1] = style.backgroundColor.match(/[\d.]+/g)!.map(Number);
    for (const page of [255, 0]) {
      const over = [r!, g!, b!].map((c) => c * alpha + page * (1 - alpha));
      expect(contrast(over, style.color.match(/[\d.]+/g)!.map(Number)), `on a ${page ? 'white' : 'black'} page`).to.be.at.least(4.5);
    }
    await onStage(el)[0]!.updateComplete;
    expect(text(part(onStage(el)[0]!, 'connection'))).to.equal('');
    await own.restart();
    await until(() => text(part(el, 'connection')) === '', 'the notice goes away', 15000);
  });

  it("says when the server cannot be reached at all, in the viewer's language, until it can", async function () {
    this.timeout(30000);
    const own = await privateServer();
    const room = freshRoom('stage');
    await createPoll(own, room, { question: 'Reachable?', options: ['Yes', 'No'] });
    await own.stop();
    const el = await fixture<OnCueStage>(html`<oncue-stage lang="zh-CN" server=${own.url} room=${room}></oncue-stage>`);
    await until(() => text(part(el, 'connection')) === '无法连接直播服务器，正在重试…', 'the stage tells', 10000);
    await own.restart();
    await until(() => onStage(el).length === 1, 'the poll shows once the server is back', 15000);
    expect(text(part(el, 'connection'))).to.equal('');
  });

  it('folds away and opens again when collapsible, keeping the widgets, and reports the opening', async () => {
    const room = freshRoom('stage');
    const poll = await createPoll(server, room, { question: 'Fold me?', options: ['Yes', 'No'] });
    const el = await fixture<OnCueStage>(html`<oncue-stage lang="en" collapsible server=${server.url} room=${room}></oncue-stage>`);
    await until(() => onStage(el).length === 1, 'the poll shows');
    const toggle = () => part(el, 'toggle') as HTMLButtonElement;
    expect(text(toggle())).to.equal('Hide');
    expect(toggle().getAttribute('aria-expanded')).to.equal('true');
    const widget = onStage(el)[0]!;

    const folded = oneEvent(el, 'oncue-toggle');
    toggle().click();
    expect((await folded).detail).to.deep.equal({ open: false });
    await el.updateComplete;
    expect(el.collapsed).to.equal(true);
    expect(el.hasAttribute('collapsed')).to.equal(true);
    expect(part(el, 'items')!.hidden).to.equal(true);
    expect(part(el, 'items')!.getBoundingClientRect().height, 'nothing of the list takes room').to.equal(0);
    expect(text(toggle())).to.equal('Poll live');
    expect(toggle().getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();

    const events: TelemetryEvent[] = [];
    telemetry.start({ sinks: [callbackSink((batch) => void events.push(...batch))], consent: 'granted', batchSize: 1, storage: null, sessionStorage: null });
    try {
      const opened = oneEvent(el, 'oncue-toggle');
      toggle().click();
      expect((await opened).detail).to.deep.equal({ open: true });
      await el.updateComplete;
      expect(part(el, 'items')!.hidden).to.equal(false);
      expect(onStage(el)[0], 'the same widget, not a new one').to.equal(widget);
      const open = await until(() => events.find((e) => e.type === 'open'), 'the open event');
      expect(open).to.include({ room, interaction: poll.id, kind: 'poll' });
    } finally {
      telemetry.stop();
    }
  });

  it('starts folded with `collapsed`, and has no toggle unless collapsible', async () => {
    const room = freshRoom('stage');
    await createPoll(server, room, { question: 'Folded?', options: ['Yes', 'No'] });
    const folded = await fixture<OnCueStage>(html`<oncue-stage lang="zh-CN" collapsible collapsed server=${server.url} room=${room}></oncue-stage>`);
    await until(() => part(folded, 'toggle'), 'the toggle');
    expect(text(part(folded, 'toggle'))).to.equal('投票进行中');
    expect(part(folded, 'items')!.hidden).to.equal(true);
    const plain = await fixture<OnCueStage>(html`<oncue-stage lang="en" server=${server.url} room=${room}></oncue-stage>`);
    await until(() => onStage(plain).length === 1, 'the poll shows');
    expect(part(plain, 'toggle')).to.equal(null);
  });

  it('speaks Chinese', async () => {
    const el = await renderStage(freshRoom('stage'), { lang: 'zh-CN' });
    await until(() => text(part(el, 'empty')) === '等待主播发起互动…', 'the Chinese empty state');
  });

  it('renders each kind through the registry', async () => {
    class FakePoll extends HTMLElement {
      connection: unknown;
      interaction = '';
    }
    customElements.define('fake-stage-poll', FakePoll);
    registerInteractionWidget('poll', 'fake-stage-poll');
    try {
      const room = freshRoom('stage');
      const el = await renderStage(room);
      const view = await createPoll(server, room, { question: 'Plugged in?', options: ['A', 'B'] });
      const widget = await until(() => shadow(el).querySelector<FakePoll>('fake-stage-poll'), 'the registered widget');
      expect(widget.getAttribute('interaction')).to.equal(view.id);
      expect(widget.connection).to.have.property('act');
    } finally {
      registerInteractionWidget('poll', 'oncue-poll', () => import('../poll/poll.js'));
    }
  });

  it('loads a kind the first time it is on stage, and stands a localised notice in for it while the load fails', async () => {
    class LatePoll extends HTMLElement {
      connection: unknown;
      interaction = '';
    }
    let attempts = 0;
    const retry = { ...widgetRetry };
    Object.assign(widgetRetry, { first: 100, max: 200 });
    registerInteractionWidget('poll', 'late-stage-poll', async () => {
      attempts++;
      if (attempts < 3) throw new Error('offline');
      customElements.define('late-stage-poll', LatePoll);
    });
    try {
      const room = freshRoom('stage');
      const [en, zh] = [await renderStage(room), await renderStage(room, { lang: 'zh-CN' })];
      expect(attempts, 'nothing loaded before the kind shows').to.equal(0);
      await createPoll(server, room, { question: 'Late?', options: ['A', 'B'] });
      await until(() => text(part(en, 'load-error')) === 'This part of the live page could not be loaded. Retrying…', 'the notice');
      await until(() => text(part(zh, 'load-error')) === '这部分互动内容加载失败，正在重试…', 'the Chinese notice');
      const widget = await until(() => shadow(en).querySelector<LatePoll>('late-stage-poll'), 'the element after two failed loads');
      await until(() => !part(en, 'load-error') && !part(zh, 'load-error'), 'the notices are gone');
      expect(widget).to.be.instanceOf(LatePoll);
      expect(widget.connection, 'set before the element was defined, kept after').to.have.property('act');
      expect(attempts, 'one load for both stages, retried twice').to.equal(3);
    } finally {
      Object.assign(widgetRetry, retry);
      registerInteractionWidget('poll', 'oncue-poll', () => import('../poll/poll.js'));
    }
  });
});
