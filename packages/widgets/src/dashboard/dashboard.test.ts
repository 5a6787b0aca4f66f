import { expect, fixture, html } from '@open-wc/testing';
import { TELEMETRY_SCHEMA_VERSION, type TelemetryEvent } from '@oncue/protocol';
import { freshRoom, shadow, testServer, text, until, type TestServer } from '../../test/oncue-test-server.js';
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
});
