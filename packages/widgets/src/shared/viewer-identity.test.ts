import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { forgetViewer } from '@oncue/core';
import { createPoll, freshRoom, shadow, signedViewerToken, testServer, until, type TestServer } from '../../test/oncue-test-server.js';
import type { OnCuePoll } from '../poll/poll.js';
import '../poll/poll.js';
import '../stage/stage.js';
import type { OnCueStage } from '../stage/stage.js';

const optionButtons = (el: OnCuePoll) => [...shadow(el).querySelectorAll<HTMLButtonElement>('button[part~="option"]')];
const viewerOf = (el: Element) => (el as unknown as { rooms: { conn?: { $viewer: { get(): string | undefined } } } }).rooms.conn?.$viewer.get();

describe('viewer identity in the widgets', () => {
  let server: TestServer;
  let warnings: unknown[][];
  const warn = console.warn;

  before(async () => {
    server = await testServer();
  });
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
    localStorage.removeItem(`oncue:viewer:${server.url}`);
  });

  it('says so when the server refuses a signed viewer-token, and keeps the identity stored before', async () => {
    const room = freshRoom('identity');
    const view = await createPoll(server, room, { question: 'Signed?', options: ['Yes', 'No'] });
    const anonymous = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => viewerOf(anonymous), 'an anonymous viewer');
    const stored = localStorage.getItem(`oncue:viewer:${server.url}`);
    expect(stored).to.be.a('string');

    const valid = await signedViewerToken('shop_user_21', 'Mia');
    const [version, , expiry, name, signature] = valid.split('.');
    const tampered = `${version}.shop_user_22.${expiry}.${name}.${signature}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN"></div>`);
    const refusal = oneEvent(wrapper, 'oncue-identity-error');
    const el = document.createElement('oncue-poll') as OnCuePoll;
    Object.assign(el, { server: server.url, room, interaction: view.id, viewerToken: tampered });
    wrapper.append(el);
    const event = await refusal;
    expect(event.detail).to.deep.equal({ code: 'bad_viewer_token', message: '无法验证你的登录状态，请重新登录。', server: server.url });
    expect(warnings.some((args) => String(args[0]).includes('bad_viewer_token'))).to.equal(true);
    expect(viewerOf(el), 'never an anonymous viewer instead').to.equal(undefined);
    expect(localStorage.getItem(`oncue:viewer:${server.url}`), 'the stored token is untouched').to.equal(stored);
    await until(() => shadow(el).textContent?.includes('无法连接'), 'the failed-connection notice');
  });

  it('announces the refusal once from a stage, not again from the widgets it hosts', async () => {
    const room = freshRoom('identity');
    await createPoll(server, room, { question: 'Stage?', options: ['Yes', 'No'] });
    const forged = `v1.shop_user_23..${'x'.repeat(43)}`;
    const events: Event[] = [];
    const wrapper = await fixture<HTMLDivElement>(html`<div @oncue-identity-error=${(e: Event) => events.push(e)}></div>`);
    const stage = document.createElement('oncue-stage') as OnCueStage;
    Object.assign(stage, { server: server.url, room, viewerToken: forged });
    wrapper.append(stage);
    await until(() => events.length, 'the refusal');
    await new Promise((r) => setTimeout(r, 200));
    expect(events).to.have.length(1);
  });

  it('forgets the stored identity when viewer-token is present and empty (logout), and on forgetViewer()', async () => {
    const room = freshRoom('identity');
    const view = await createPoll(server, room, { question: 'Logout?', options: ['Yes', 'No'] });
    const first = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    const before = await until(() => viewerOf(first), 'the first viewer');
    await until(() => optionButtons(first).length, 'the poll renders');
    first.remove();

    const loggedOut = await fixture<OnCuePoll>(
      html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id} viewer-token=""></oncue-poll>`,
    );
    const after = await until(() => viewerOf(loggedOut), 'a new viewer');
    expect(after).not.to.equal(before);
    loggedOut.remove();

    forgetViewer();
    expect(localStorage.getItem(`oncue:viewer:${server.url}`)).to.equal(null);
  });
});
