import { expect, fixture, html } from '@open-wc/testing';
import { TELEMETRY_SCHEMA_VERSION, type TelemetryEvent } from '@oncue/protocol';
import { connect, memoryStorage, vote } from '@oncue/core';
import {
  createLottery,
  createPoll,
  createQuiz,
  freshRoom,
  privateServer,
  shadow,
  testServer,
  text,
  until,
  type TestServer,
} from '../../test/oncue-test-server.js';
import type { OnCueDashboard } from './dashboard.js';
import './dashboard.js';

let n = 0;
const event = (room: string, fields: Partial<TelemetryEvent>): TelemetryEvent => ({
  v: TELEMETRY_SCHEMA_VERSION,
  id: `dash-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 8)}`,
  seq: n,
  type: 'impression',
  room,
  interaction: 'poll-a',
  kind: 'poll',
  viewer: 'v1',
  session: 's1',
  at: Date.now(),
  sdk: 'test',
  ...fields,
});

async function collect(server: TestServer, events: TelemetryEvent[]): Promise<void> {
  const response = await fetch(`${server.url}/api/telemetry`, { method: 'POST', body: JSON.stringify({ v: TELEMETRY_SCHEMA_VERSION, events }) });
  if (!response.ok) throw new Error(`collector answered ${response.status}`);
}

describe('<oncue-dashboard>', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });

  it('asks for the host token, and says so when the server refuses it', async () => {
    const el = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="en" server=${server.url} room=${freshRoom('dash')}></oncue-dashboard>`);
    await expect(el).to.be.accessible();
    const input = shadow(el).querySelector<HTMLInputElement>('#host-token')!;
    input.value = 'wrong-token';
    input.dispatchEvent(new Event('input'));
    shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const error = await until(() => shadow(el).querySelector('[role="alert"]'), 'the refusal');
    expect(text(error)).to.equal('That host token was not accepted. Check it and try again.');
  });

  it('shows the widgets’ counts, per-variant results and median dwell from the collector, and charts', async () => {
    const room = freshRoom('dash');
    await collect(server, [
      event(room, { viewer: 'v1', variant: 0 }),
      event(room, { viewer: 'v2', variant: 1 }),
      event(room, { viewer: 'v3', variant: 1 }),
      event(room, { viewer: 'v2', type: 'dwell', ms: 4000, variant: 1 }),
      event(room, { viewer: 'v2', type: 'submit', variant: 1 }),
      event(room, { viewer: 'v2', type: 'accepted', variant: 1 }),
    ]);
    const el = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="en" server=${server.url} room=${room} interval="0.5"></oncue-dashboard>`);
    el.token = server.hostToken;
    const row = await until(() => shadow(el).querySelector('tr[data-interaction="poll-a"]'), 'the widget row');
    // No interaction of the room has this id: it is named by its id.
    expect(text(row.querySelector('th'))).to.equal('poll-a');
    expect(text(row.querySelector('[data-metric="impressions"]'))).to.equal('3');
    expect(text(row.querySelector('[data-metric="participants"]'))).to.equal('1 / 3');
    expect(text(row)).to.contain('4 s');
    expect(text(row)).to.contain('A: 0/1 (0%)');
    expect(text(row)).to.contain('B: 1/2 (50%)');
    expect(shadow(el).querySelectorAll('.uplot')).to.have.length(3);
    await expect(el).to.be.accessible();
    // Live: a new viewer's impression shows up without reloading.
    await collect(server, [event(room, { viewer: 'v4', variant: 0 })]);
    await until(() => text(shadow(el).querySelector('tr[data-interaction="poll-a"] [data-metric="impressions"]')) === '4', 'the next read');
  });

  it('speaks Chinese', async () => {
    const room = freshRoom('dash');
    await collect(server, [event(room, { viewer: 'v1' })]);
    const el = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="zh-CN" server=${server.url} room=${room}></oncue-dashboard>`);
    el.token = server.hostToken;
    await until(() => shadow(el).querySelector('tr[data-interaction="poll-a"]'), 'the widget row');
    expect(text(shadow(el).querySelector('h2'))).to.equal(`实时数据 · ${room}`);
    expect(text(shadow(el).querySelector('.downloads'))).to.equal('下载 CSV 下载 NDJSON');
  });

  it('names the widgets by their question or prize, with the id beside it', async () => {
    const room = freshRoom('dash');
    const poll = await createPoll(server, room, { question: 'Which shade should we show next?', options: ['Coral', 'Plum'] });
    const prize = await createLottery(server, room, { prize: 'A signed palette' });
    const quiz = await createQuiz(server, room, [
      { prompt: 'Which year was the brand founded?', options: ['1998', '2004'], correct: 1 },
      { prompt: 'Where is it made?', options: ['Lyon', 'Osaka'], correct: 0 },
    ]);
    await collect(server, [
      event(room, { interaction: poll.id, kind: 'poll' }),
      event(room, { interaction: prize.id, kind: 'lottery' }),
      event(room, { interaction: quiz.id, kind: 'quiz' }),
    ]);
    const el = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="en" server=${server.url} room=${room} interval="0.5"></oncue-dashboard>`);
    el.token = server.hostToken;
    const name = (id: string) => text(shadow(el).querySelector(`tr[data-interaction="${id}"] .widget-name`));
    await until(() => name(poll.id).startsWith('Which shade'), 'the poll named by its question');
    expect(name(poll.id)).to.equal(`Which shade should we show next? ${poll.id}`);
    expect(name(prize.id)).to.equal(`A signed palette ${prize.id}`);
    expect(name(quiz.id)).to.equal(`Which year was the brand founded? (1 of 2 questions) ${quiz.id}`);
  });

  describe('with alerts firing again and again (a private server with one-second buckets, alerts from one viewer up)', () => {
    let own: TestServer & { stop(): Promise<void> };
    let room = '';
    before(async () => {
      own = await privateServer({ metricsBucketMs: 1000, alertMinViewers: 1 });
      room = freshRoom('dash-alerts');
    });
    after(async () => {
      await own.stop();
    });

    /** Five new viewers in the middle of the current second's bucket, `voters` of them voting. */
    let second = 0;
    async function bucket(voters: number): Promise<void> {
      await new Promise((r) => setTimeout(r, 1300 - (Date.now() % 1000)));
      second++;
      const at = Date.now();
      await collect(
        own,
        Array.from({ length: 5 }, (_, i) => [
          event(room, { viewer: `s${second}-v${i}`, at }),
          ...(i < voters ? [event(room, { viewer: `s${second}-v${i}`, type: 'accepted' as const, at })] : []),
        ]).flat(),
      );
    }
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    };

    it('lists one row per rule with its count and since when, and the charts keep their size', async function () {
      this.timeout(40_000);
      await bucket(4);
      const el = await fixture<OnCueDashboard>(
        html`<oncue-dashboard lang="en" server=${own.url} room=${room} interval="0.5" style="display:block;width:1000px"></oncue-dashboard>`,
      );
      el.token = own.hostToken;
      await until(() => shadow(el).querySelectorAll('.uplot').length === 3, 'the charts');
      const charts = () => [...shadow(el).querySelectorAll('[part="chart"]')].map(box);
      const before = charts();
      expect(
        before.every((b) => b.height >= 250),
        `charts are not cramped: ${JSON.stringify(before)}`,
      ).to.equal(true);
      expect(shadow(el).querySelectorAll('[part="alert"]')).to.have.length(0);

      // Participation drops to none every other second: the same rule fires again and again.
      for (let i = 0; i < 5; i++) {
        await bucket(0);
        await bucket(4);
      }
      const rows = () => [...shadow(el).querySelectorAll<HTMLElement>('[part="alert"]')];
      const participation = await until(
        () => rows().find((r) => r.dataset.rule === 'participation' && Number(r.querySelector<HTMLElement>('.count')!.dataset.count) >= 4),
        'participation grouped with four occurrences or more',
        5000,
      );
      const keys = rows().map((r) => r.dataset.key!);
      expect(new Set(keys).size, `one row per rule: ${keys.join(', ')}`).to.equal(keys.length);
      expect(keys.length).to.be.below(4);
      expect(participation.dataset.status).to.equal('active');
      expect(text(participation.querySelector('.severity'))).to.equal('Critical');
      expect(text(participation.querySelector('.what'))).to.equal('Participation 0%, below 25%');
      expect(text(participation.querySelector('.count'))).to.match(/^\d+ times$/);
      expect(text(participation.querySelector('.since'))).to.match(/^since \d\d:\d\d/);
      expect(text(shadow(el).querySelector('#alerts-heading'))).to.match(/^Alerts · \d active$/);

      const list = shadow(el).querySelector('[part="alerts"]')!;
      expect(list.getBoundingClientRect().height, 'the alert list stays compact').to.be.at.most(parseFloat(getComputedStyle(list).maxBlockSize) + 1);
      expect(charts(), 'the charts keep their size').to.deep.equal(before);
      await expect(el).to.be.accessible();

      // In Chinese too, with the same alerts and widgets.
      const zh = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="zh-CN" server=${own.url} room=${room}></oncue-dashboard>`);
      zh.token = own.hostToken;
      const zhRow = await until(() => shadow(zh).querySelector('[part="alert"][data-rule="participation"]'), 'the alerts in Chinese');
      expect(text(zhRow.querySelector('.what'))).to.equal('参与率 0%，低于 25%');
      await until(() => shadow(zh).querySelectorAll('.uplot').length === 3, 'the charts in Chinese');
      await expect(zh).to.be.accessible();
    });

    it('fits the charts to their panels, and follows a wide screen turned narrow, one chart under the other', async () => {
      const el = await fixture<OnCueDashboard>(
        html`<oncue-dashboard lang="en" server=${own.url} room=${room} style="display:block;width:1200px"></oncue-dashboard>`,
      );
      el.token = own.hostToken;
      await until(() => shadow(el).querySelectorAll('.uplot').length === 3, 'the charts');
      /** How much narrower or wider each chart is than the room its panel gives it, px. */
      const misfit = () =>
        [...shadow(el).querySelectorAll<HTMLElement>('.plot')].map((plot) =>
          Math.abs(Math.round(plot.querySelector('canvas')!.getBoundingClientRect().width - plot.clientWidth)),
        );
      await until(() => Math.max(...misfit()) <= 1, 'wide: each chart fills its panel');
      // …and the panels fill the row: three side by side from edge to edge (no figure margins shrinking them).
      const row = shadow(el).querySelector('.charts')!.getBoundingClientRect();
      const wide = [...shadow(el).querySelectorAll('[part="chart"]')].map((c) => c.getBoundingClientRect());
      expect(wide.map((p) => Math.round(p.top))).to.deep.equal(wide.map(() => Math.round(wide[0]!.top)));
      expect(Math.abs(wide[0]!.left - row.left)).to.be.at.most(1);
      expect(Math.abs(wide[2]!.right - row.right)).to.be.at.most(1);
      el.style.width = '340px';
      await until(() => Math.max(...misfit()) <= 1, 'the charts follow the narrower panels');
      const panels = [...shadow(el).querySelectorAll('[part="chart"]')].map((c) => c.getBoundingClientRect());
      const canvases = [...shadow(el).querySelectorAll('.uplot canvas')].map((c) => c.getBoundingClientRect());
      for (const [i, p] of panels.entries()) {
        expect(p.width, 'each chart takes the width').to.be.at.most(341);
        expect(canvases[i]!.right, 'its plot fits in its panel').to.be.at.most(p.right + 1);
        if (i > 0) expect(p.top, 'below the previous one').to.be.at.least(panels[i - 1]!.bottom);
      }
    });
  });
  it('lists the flagged viewers with their reasons, in English and Chinese (a private server flagging past one viewer per address)', async () => {
    const own = await privateServer({ sharedAddressViewers: 1 });
    try {
      const room = freshRoom('dash');
      const poll = await createPoll(own, room, { question: 'Tea?', options: ['Yes', 'No'] });
      const el = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="en" server=${own.url} room=${room} interval="0.5"></oncue-dashboard>`);
      el.token = own.hostToken;
      await until(() => shadow(el).querySelector('#flagged-heading'), 'the flagged panel');
      expect(text(shadow(el).querySelector('#flagged-heading'))).to.equal('Flagged viewers');
      // Two viewers from this page's address (127.0.0.1) vote: over a limit of one, both are flagged.
      const viewers = ['Ana', 'Bo'].map((name) => connect({ server: own.url, room, name, storage: memoryStorage() }));
      for (const [i, conn] of viewers.entries()) expect((await vote(conn, poll.id, [i])).ok).to.equal(true);
      const list = await until(() => shadow(el).querySelector('[part="flagged"]'), 'the flagged list');
      await until(() => list.querySelectorAll('li').length === 2, 'both viewers');
      expect(text(shadow(el).querySelector('#flagged-heading'))).to.equal('Flagged viewers · 2');
      expect([...list.querySelectorAll('li .what')].map(text).sort()).to.deep.equal(['Ana', 'Bo']);
      expect(text(list.querySelector('li .count'))).to.equal('Many viewers from one address');
      await expect(el).to.be.accessible();
      const zh = await fixture<OnCueDashboard>(html`<oncue-dashboard lang="zh-CN" server=${own.url} room=${room}></oncue-dashboard>`);
      zh.token = own.hostToken;
      await until(() => text(shadow(zh).querySelector('#flagged-heading')) === '被标记的观众 · 2', 'the Chinese heading');
      expect(text(shadow(zh).querySelector('[part="flagged"] li .count'))).to.equal('同一地址下观众过多');
      for (const conn of viewers) conn.release();
    } finally {
      await own.stop();
    }
  });
});
