import { expect, fixture, html } from '@open-wc/testing';
import type { RoomConnection } from '@oncue/core';
import { assignVariant, type BlindboxPersonal, type BlindboxView, type LotteryPersonal, type TelemetryEvent } from '@oncue/protocol';
import { callbackSink, telemetry } from '@oncue/telemetry';
import {
  createLottery,
  createPoll,
  drawLottery,
  freshRoom,
  privateServer,
  rest,
  shadow,
  testServer,
  until,
  viewerConnection,
  type TestServer,
} from '../../test/oncue-test-server.js';
import type { OnCueBlindbox } from '../blindbox/blindbox.js';
import '../blindbox/blindbox.js';
import type { OnCueLottery } from '../lottery/lottery.js';
import '../lottery/lottery.js';
import type { OnCuePoll } from '../poll/poll.js';
import '../poll/poll.js';
import { claim, enter, guess, vote } from '@oncue/core';

const optionButtons = (el: OnCuePoll) => [...shadow(el).querySelectorAll<HTMLButtonElement>('button[part~="option"]')];

describe('widget telemetry (through the core and OnCueElement)', () => {
  let server: TestServer;
  let events: TelemetryEvent[];

  before(async () => {
    server = await testServer();
  });
  beforeEach(() => {
    events = [];
    telemetry.start({
      sinks: [callbackSink((batch) => void events.push(...batch))],
      consent: 'granted',
      batchSize: 1,
      heartbeatMs: 200,
      storage: null,
      sessionStorage: null,
    });
  });
  afterEach(() => telemetry.stop());

  const ofType = (type: TelemetryEvent['type']) => events.filter((e) => e.type === type);

  it('reports an impression when a poll is on screen, dwell while it stays and when it leaves, and the vote with its answer', async () => {
    const room = freshRoom('telemetry');
    const view = await createPoll(server, room, { question: 'Seen?', options: ['Yes', 'No'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => optionButtons(el).length, 'the poll renders');
    const impression = await until(() => ofType('impression')[0], 'an impression');
    expect(impression).to.include({ room, interaction: view.id, kind: 'poll', type: 'impression' });
    expect(impression!.viewer).to.be.a('string');
    await until(() => ofType('dwell').length, 'a heartbeat dwell while visible');

    optionButtons(el)[0]!.click();
    await until(() => ofType('accepted').length, 'the accepted vote');
    expect(ofType('submit')[0]).to.include({ room, interaction: view.id, kind: 'poll' });

    const dwellBefore = ofType('dwell').length;
    el.style.display = 'block';
    el.style.marginTop = '300vh'; // scrolled out of view
    await until(() => ofType('dwell').length > dwellBefore, 'the dwell of the visible stretch that ended');
    const settled = ofType('dwell').length;
    await new Promise((r) => setTimeout(r, 500));
    expect(ofType('dwell').length, 'no heartbeat while out of view').to.equal(settled);
    expect(ofType('impression'), 'one impression per element and interaction').to.have.length(1);
    expect(ofType('dwell').every((e) => e.ms! > 0 && e.interaction === view.id)).to.equal(true);
  });

  it('reports a lottery: its impression, the entry, and the claimed prize as a reward', async () => {
    const room = freshRoom('telemetry');
    const view = await createLottery(server, room, { prize: 'Lipstick', winners: 1 });
    const el = await fixture<OnCueLottery>(html`<oncue-lottery lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-lottery>`);
    const impression = await until(() => ofType('impression')[0], 'an impression');
    expect(impression).to.include({ room, interaction: view.id, kind: 'lottery' });
    const conn = (el as unknown as { rooms: { conn: RoomConnection } }).rooms.conn;
    expect((await enter(conn, view.id)).ok).to.equal(true);
    await until(() => ofType('accepted').length, 'the accepted entry');
    expect(ofType('submit')[0]).to.include({ interaction: view.id, kind: 'lottery' });
    expect(ofType('reward'), 'no reward before a claim').to.have.length(0);
    await drawLottery(server, room, view.id); // the only entrant wins
    await until(() => (conn.$room.get().personal[view.id] as LotteryPersonal | undefined)?.won, 'the win reaches the winner');
    expect((await claim(conn, view.id, { contact: 'mia@example.com' })).ok).to.equal(true);
    const reward = await until(() => ofType('reward')[0], 'the reward');
    expect(reward).to.include({ room, interaction: view.id, kind: 'lottery', type: 'reward' });
  });

  it('reports a blind box: its impression, the guess, and the claimed prize as a reward of its kind', async () => {
    const room = freshRoom('telemetry');
    const view = await rest<BlindboxView>(server, `${room}/interactions`, {
      kind: 'blindbox',
      title: 'Box',
      guess: { type: 'choice', options: [{ label: 'A' }, { label: 'B' }] },
      answer: 0,
    });
    const el = await fixture<OnCueBlindbox>(html`<oncue-blindbox lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-blindbox>`);
    expect(await until(() => ofType('impression')[0], 'an impression')).to.include({ room, interaction: view.id, kind: 'blindbox' });
    const conn = (el as unknown as { rooms: { conn: RoomConnection } }).rooms.conn;
    expect((await guess(conn, view.id, 0)).ok).to.equal(true);
    await until(() => ofType('accepted').length, 'the accepted guess');
    expect(ofType('submit')[0]).to.include({ interaction: view.id, kind: 'blindbox' });
    await rest(server, `${room}/interactions/${view.id}/close`);
    await rest(server, `${room}/interactions/${view.id}/next`);
    await until(() => (conn.$room.get().personal[view.id] as BlindboxPersonal | undefined)?.won, 'the win reaches the winner');
    expect((await claim(conn, view.id, { contact: 'mia@example.com' })).ok).to.equal(true);
    expect(await until(() => ofType('reward')[0], 'the reward')).to.include({ room, interaction: view.id, kind: 'blindbox', type: 'reward' });
  });

  it('reports the impression of a widget already on screen when consent is granted, once', async () => {
    telemetry.stop();
    telemetry.start({
      sinks: [callbackSink((batch) => void events.push(...batch))],
      consent: 'pending',
      batchSize: 1,
      heartbeatMs: 200,
      storage: null,
      sessionStorage: null,
    });
    const room = freshRoom('telemetry');
    const view = await createPoll(server, room, { question: 'Consent?', options: ['Yes', 'No'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => optionButtons(el).length, 'the poll renders');
    await new Promise((r) => setTimeout(r, 300)); // on screen, seen, and nothing may be recorded yet
    expect(events).to.have.length(0);

    telemetry.grantConsent();
    const impression = await until(() => ofType('impression')[0], 'the impression once consent is granted');
    expect(impression).to.include({ room, interaction: view.id, kind: 'poll' });
    await until(() => ofType('dwell').length, 'heartbeats from then on');
    expect(ofType('impression')).to.have.length(1);
  });

  it('reports the impression of a widget already on screen when the page starts its reporter later', async () => {
    telemetry.stop();
    const room = freshRoom('telemetry');
    const view = await createPoll(server, room, { question: 'Late?', options: ['Yes', 'No'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => optionButtons(el).length, 'the poll renders');
    await new Promise((r) => setTimeout(r, 100));
    telemetry.start({
      sinks: [callbackSink((batch) => void events.push(...batch))],
      consent: 'granted',
      batchSize: 1,
      heartbeatMs: 200,
      storage: null,
      sessionStorage: null,
    });
    const impression = await until(() => ofType('impression')[0], 'the impression once a reporter exists');
    expect(impression).to.include({ room, interaction: view.id, kind: 'poll' });
  });

  it('reports a refused vote with its error code', async () => {
    const room = freshRoom('telemetry');
    const view = await createPoll(server, room, { question: 'Closed?', options: ['A', 'B'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => optionButtons(el).length, 'the poll renders');
    await fetch(`${server.url}/api/rooms/${room}/interactions/${view.id}/close`, { method: 'POST', headers: { authorization: `Bearer ${server.hostToken}` } });
    // Vote through the same connection before the widget sees the close.
    await vote((el as unknown as { rooms: { conn: RoomConnection } }).rooms.conn, view.id, [0]);
    const rejected = await until(() => ofType('rejected')[0], 'the rejection');
    expect(rejected).to.include({ interaction: view.id, kind: 'poll', code: 'not_open' });
  });

  it('shows each viewer the A/B wording assigned to them, and reports the variant', async () => {
    const room = freshRoom('telemetry');
    const view = await createPoll(server, room, { question: 'Wording A?', variants: ['Wording B?'], options: ['Yes', 'No'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => optionButtons(el).length, 'the poll renders');
    const impression = await until(() => ofType('impression')[0], 'an impression');
    const expected = assignVariant(view.id, impression!.viewer!, 2);
    expect(impression!.variant).to.equal(expected);
    expect(shadow(el).querySelector('[part="question"]')!.textContent).to.equal(expected === 0 ? 'Wording A?' : 'Wording B?');
  });

  it('reports a lost connection and its return from the core', async () => {
    const own = await privateServer();
    const room = freshRoom('telemetry');
    await createPoll(own, room, { question: 'Online?', options: ['A', 'B'] });
    const viewer = viewerConnection(own, room);
    try {
      await until(() => viewer.$room.get().synced, 'the first snapshot');
      await own.stop();
      const lost = await until(() => ofType('connection')[0], 'the lost connection');
      expect(lost).to.include({ room, state: 'reconnecting' });
      await own.restart();
      await until(() => ofType('connection').some((e) => e.state === 'restored'), 'the connection back', 15_000);
    } finally {
      viewer.release();
      await own.stop();
    }
  });

  it('reports nothing without a reporter', async () => {
    telemetry.stop();
    const room = freshRoom('telemetry');
    const view = await createPoll(server, room, { question: 'Quiet?', options: ['A', 'B'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => optionButtons(el).length, 'the poll renders');
    optionButtons(el)[0]!.click();
    const viewer = viewerConnection(server, room);
    await vote(viewer, view.id, [1]);
    viewer.release();
    expect(events).to.deep.equal([]);
  });
});
